/**
 * The flattening analysis of Manifold Mixup (arXiv 1806.05236, Table 2):
 * train the bottleneck MLP with ERM, Input Mixup and Manifold Mixup and
 * compare the singular values of each class's bottleneck representations.
 */
import * as tf from '@tensorflow/tfjs-core';

import {
  classSingularValues, createMethod, evaluateClassifier, fit, Rng,
  stepSchedule, type ClassSpectrum, type EpochLogs,
} from '@mixup/core';

import { channelStats } from './augment.js';
import { createBottleneckMlp, MLP_BOTTLENECK } from './bottleneck-mlp.js';
import { imageTensor, imageTrainData, type LabelledImages } from './image-data.js';

/** The methods the analysis compares. */
export const FLATTENING_METHODS = ['erm', 'input', 'manifold'] as const;
export type FlatteningMethod = typeof FLATTENING_METHODS[number];

export interface FlatteningArgs {
  /** @default 10 */
  epochs?: number;
  /** @default 100 */
  batchSize?: number;
  /** SGD with Nesterov momentum, x0.1 at 50% and 75%. @default 0.01 */
  lr?: number;
  /** @default 1 */
  seed?: number;
  /** @default 512 */
  hidden?: number;
  /** @default 12 */
  bottleneck?: number;
}

export const DEFAULT_FLATTENING_ARGS: Readonly<Required<FlatteningArgs>> =
  Object.freeze({ epochs: 10, batchSize: 100, lr: 0.01, seed: 1,
    hidden: 512, bottleneck: 12 });

/** One method's spectra and test figures. */
export interface FlatteningResult {
  method: FlatteningMethod;
  /** Per-class spectra of the bottleneck on the training images. */
  spectra: ClassSpectrum[];
  /** Means over classes of the largest singular value and of the rest. */
  largest: number;
  restSum: number;
  testError: number;
  testNll: number;
}

/**
 * Trains the MLP with one method (Manifold Mixup mixes at the bottleneck
 * only, where the analysis looks) and measures its bottleneck spectra on
 * `train`, the examples it was trained on.
 */
export async function runFlattening(method: FlatteningMethod,
    train: LabelledImages, test: LabelledImages, args: FlatteningArgs = {},
    onEpochEnd?: (logs: EpochLogs) => void): Promise<FlatteningResult> {
  const a = { ...DEFAULT_FLATTENING_ARGS, ...args };
  const rng = new Rng(a.seed);
  const stats = channelStats(train.images, train);
  const network = createBottleneckMlp(rng, {
    inputShape: [train.height, train.width, train.channels],
    hidden: a.hidden, bottleneck: a.bottleneck,
  });
  const mix = method === 'manifold' ?
      createMethod('manifold', { mixPoints: [MLP_BOTTLENECK] }) :
      createMethod(method);
  const testX = imageTensor(test, stats);
  await fit({
    network, rng, epochs: a.epochs, batchSize: a.batchSize, method: mix,
    data: imageTrainData(train, stats, 10,
      { padding: 0, flip: false, cutoutSize: 0 }),
    optimizer: { name: 'sgd', lr: a.lr, momentum: 0.9, nesterov: true,
      weightDecay: 1e-4 },
    schedule: stepSchedule(a.lr, [...new Set([Math.floor(a.epochs / 2),
      Math.floor(a.epochs * 0.75)].filter((m) => m >= 1))]),
    onEpochEnd,
  });
  const metrics = evaluateClassifier(network, testX, test.labels);
  const trainX = imageTensor(train, stats);
  const hidden = network.hiddenAt(trainX, MLP_BOTTLENECK);
  const spectra = classSingularValues(hidden.dataSync() as Float32Array,
    a.bottleneck, train.labels, 10);
  tf.dispose([testX, trainX, hidden]);
  network.dispose();
  const mean = (f: (s: ClassSpectrum) => number) =>
    spectra.reduce((sum, s) => sum + f(s), 0) / spectra.length;
  return { method, spectra, largest: mean((s) => s.largest),
    restSum: mean((s) => s.restSum), testError: metrics.error,
    testNll: metrics.nll };
}
