import * as tf from '@tensorflow/tfjs-core';

import {
  classificationMetrics, classSingularValues, createMethod, fit,
  meanMaxProbability, predictProbabilities, Rng, tensorData,
  type ClassSpectrum, type EpochLogs, type MixableNetwork,
} from '@mixup/core';

import { farPoints, makeSpirals, type SpiralSet } from './spirals-data.js';
import { createSpiralNet } from './spirals-model.js';

/** The demo's three methods, in the order of the table. */
export const SPIRAL_METHODS = ['erm', 'input', 'manifold'] as const;
export type SpiralMethod = typeof SPIRAL_METHODS[number];

export interface SpiralExperimentArgs {
  seed: number;
  epochs: number;
  /** Labelled training points per class. */
  perClass: number;
  testPerClass: number;
  batchSize: number;
  lr: number;
}

export const DEFAULT_SPIRAL_ARGS: Readonly<SpiralExperimentArgs> =
  Object.freeze({
    seed: 1, epochs: 100, perClass: 50, testPerClass: 500, batchSize: 10,
    lr: 0.005,
  });

/** The bottleneck's mix point, where Manifold Mixup mixes here. */
export const BOTTLENECK = 1;

export interface SpiralData {
  train: SpiralSet;
  test: SpiralSet;
  /** Grid points at least 0.3 from every training point, [M, 2]. */
  far: Float32Array;
}

export interface MethodResult {
  method: SpiralMethod;
  network: MixableNetwork;
  history: EpochLogs[];
  trainAccuracy: number;
  testAccuracy: number;
  testNll: number;
  /** Mean largest probability over the far-from-data grid points. */
  farConfidence: number;
  spectra: ClassSpectrum[];
}

/** The data all methods share, drawn from the run's seed. */
export function makeSpiralData(args: SpiralExperimentArgs): SpiralData {
  const rng = new Rng(args.seed);
  const train = makeSpirals(rng, { perClass: args.perClass });
  const test = makeSpirals(rng, { perClass: args.testPerClass });
  return { train, test, far: farPoints(train.points, 1.5, 61, 0.3) };
}

function oneHot(labels: Int32Array): tf.Tensor2D {
  return tf.tidy(() =>
    tf.oneHot(tf.tensor1d(labels, 'int32'), 2).toFloat() as tf.Tensor2D);
}

/**
 * Trains the spiral MLP with one method and measures it. Every method
 * starts from the same weights: its generator is seeded with seed + 1.
 */
export async function runMethod(method: SpiralMethod,
    args: SpiralExperimentArgs, data: SpiralData,
    onEpochEnd?: (logs: EpochLogs) => void): Promise<MethodResult> {
  const rng = new Rng(args.seed + 1);
  const network = createSpiralNet(rng);
  const n = data.train.labels.length;
  const x = tf.tensor2d(data.train.points, [n, 2]);
  const y = oneHot(data.train.labels);
  const testX = tf.tensor2d(data.test.points, [data.test.labels.length, 2]);
  const mixMethod = method === 'manifold' ?
      createMethod('manifold', { mixPoints: [BOTTLENECK] }) :
      createMethod(method);
  const result = await fit({
    network, data: tensorData(x, y), method: mixMethod, rng,
    epochs: args.epochs, batchSize: args.batchSize,
    optimizer: { name: 'adam', lr: args.lr },
    evaluate: () => {
      const m = classificationMetrics(
        predictProbabilities(network, testX), data.test.labels);
      return { test_acc: m.accuracy, test_nll: m.nll };
    },
    onEpochEnd,
  });
  const trainMetrics = classificationMetrics(
    predictProbabilities(network, x), data.train.labels);
  const testMetrics = classificationMetrics(
    predictProbabilities(network, testX), data.test.labels);
  const farX = tf.tensor2d(data.far, [data.far.length / 2, 2]);
  const farConfidence = meanMaxProbability(predictProbabilities(network, farX));
  const hidden = network.hiddenAt(x, BOTTLENECK);
  const spectra = classSingularValues(
    hidden.dataSync() as Float32Array, hidden.shape[1]!, data.train.labels, 2);
  tf.dispose([x, y, testX, farX, hidden]);
  return {
    method, network, history: result.history,
    trainAccuracy: trainMetrics.accuracy, testAccuracy: testMetrics.accuracy,
    testNll: testMetrics.nll, farConfidence, spectra,
  };
}
