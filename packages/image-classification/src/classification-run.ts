/**
 * The image-classification recipe of Manifold Mixup (arXiv 1806.05236):
 * SGD with Nesterov momentum, weight decay and a step schedule; test
 * error, NLL and ECE after every epoch; FGSM accuracy at the end.
 */
import * as tf from '@tensorflow/tfjs-core';

import {
  evaluateClassifier, fit, Rng, stepSchedule, type Checkpoint,
  type EpochLogs, type FitResult, type MixableNetwork,
} from '@mixup/core';

import { channelStats, type ChannelStats } from './augment.js';
import {
  augmentOf, methodOf, type ResolvedClassifyArgs,
} from './classify-args.js';
import { fgsmAccuracy } from './fgsm.js';
import {
  imageTensor, imageTrainData, type LabelledImages,
} from './image-data.js';
import { createPreActResNet } from './preact-resnet.js';
import { createWideResNet } from './wide-resnet.js';

/** Builds the run's network, drawing its weights from `rng`. */
export function createNetwork(args: ResolvedClassifyArgs,
    inputShape: readonly [number, number, number],
    rng: Rng): MixableNetwork {
  const dropoutRate = args.method === 'dropout' ? args.dropoutRate : 0;
  const common = { width: args.width, inputShape,
    numClasses: args.numClasses, dropoutRate };
  switch (args.network) {
    case 'preact18':
      return createPreActResNet(rng, { ...common, depth: 18 });
    case 'preact34':
      return createPreActResNet(rng, { ...common, depth: 34 });
    case 'wrn28':
      return createWideResNet(rng, { ...common, depth: 28,
        widen: args.widen });
  }
}

/** A run's test figures at one epoch. */
export interface TestFigures {
  epoch: number;
  loss: number;
  test_error: number;
  test_nll: number;
  test_ece: number;
}

export interface ClassificationResult {
  network: MixableNetwork;
  fit: FitResult;
  stats: ChannelStats;
  best: TestFigures;
  last: TestFigures;
  /** FGSM accuracy of the last epoch's network, or null if skipped. */
  fgsmAccuracy: number | null;
}

export interface ClassificationHooks {
  /** Where checkpoints go; none are written without it. */
  checkpointDir?: string;
  /** Continue from the newest checkpoint in `checkpointDir`. */
  resume?: boolean;
  onEpochEnd?: (logs: EpochLogs) => void | Promise<void>;
  onBatchEnd?: (batch: number, loss: number) => void;
}

function figures(logs: EpochLogs): TestFigures {
  return { epoch: logs.epoch, loss: logs.loss, test_error: logs.test_error,
    test_nll: logs.test_nll, test_ece: logs.test_ece };
}

/** Shape of one example of a set, [H, W, C]. */
export function inputShapeOf(
    set: LabelledImages): [number, number, number] {
  return [set.height, set.width, set.channels];
}

/** Test error, NLL and ECE of a network on normalised test inputs. */
export function testFigures(network: MixableNetwork, testX: tf.Tensor4D,
    labels: ArrayLike<number>): Record<string, number> {
  const m = evaluateClassifier(network, testX, labels as Uint8Array);
  return { test_error: m.error, test_nll: m.nll, test_ece: m.ece };
}

/**
 * Trains one network with one method on `train`, evaluating on `test`
 * every `args.evalEvery` epochs and after the last. The best epoch is the
 * evaluated one with the lowest test error. The caller owns (and disposes) the returned network.
 */
export async function runClassification(args: ResolvedClassifyArgs,
    train: LabelledImages, test: LabelledImages,
    hooks: ClassificationHooks = {}): Promise<ClassificationResult> {
  const rng = new Rng(args.seed);
  const stats = channelStats(train.images, train);
  const network = createNetwork(args, inputShapeOf(train), rng);
  const testX = imageTensor(test, stats);
  const result = await fit({
    network, rng, epochs: args.epochs, batchSize: args.batchSize,
    data: imageTrainData(train, stats, args.numClasses, augmentOf(args)),
    method: methodOf(args),
    optimizer: { name: 'sgd', lr: args.lr, momentum: 0.9, nesterov: true,
      weightDecay: args.weightDecay },
    schedule: stepSchedule(args.lr, args.milestones, 0.1),
    evaluate: () => testFigures(network, testX, test.labels),
    evaluateEvery: args.evalEvery,
    monitor: { key: 'test_error', mode: 'min' },
    checkpoint: hooks.checkpointDir === undefined ? undefined :
        { dir: hooks.checkpointDir, every: 1, keep: 2 },
    resume: hooks.resume ?? false,
    onEpochEnd: hooks.onEpochEnd, onBatchEnd: hooks.onBatchEnd,
  });
  const fgsm = args.fgsmEpsilon > 0 ?
      attack(network, testX, test.labels, args, stats) : null;
  testX.dispose();
  return { network, fit: result, stats, best: figures(result.best),
    last: figures(result.last), fgsmAccuracy: fgsm };
}

/**
 * FGSM accuracy on the first `args.fgsmLimit` test examples (all if 0).
 *
 * @param testX Normalised test inputs, [N, H, W, C].
 */
export function attack(network: MixableNetwork, testX: tf.Tensor4D,
    labels: ArrayLike<number>, args: ResolvedClassifyArgs,
    stats: ChannelStats): number {
  const n = args.fgsmLimit > 0 ?
      Math.min(args.fgsmLimit, testX.shape[0]) : testX.shape[0];
  const x = n === testX.shape[0] ? testX : testX.slice(0, n);
  const acc = fgsmAccuracy(network, x, Array.from(labels).slice(0, n),
    { epsilon: args.fgsmEpsilon, stats, numClasses: args.numClasses });
  if (x !== testX) x.dispose();
  return acc;
}

/**
 * Writes a checkpoint's model weights (as `fit` stores them, in the
 * order of `network.model.weights`) into a network of the same build.
 */
export function loadNetworkWeights(network: MixableNetwork,
    ckpt: Checkpoint): void {
  const weights = network.model.weights;
  const stored = Object.keys(ckpt.tensors)
      .filter((k) => k.startsWith('model/'));
  if (stored.length !== weights.length) {
    throw new Error(
      `loadNetworkWeights: the checkpoint holds ${stored.length} model ` +
      `weights, but the network has ${weights.length}.`);
  }
  tf.tidy(() => weights.forEach((w, i) => {
    const t = ckpt.tensors[`model/${i}`];
    if (!tf.util.arraysEqual(t.shape, w.shape as number[])) {
      throw new Error(
        `loadNetworkWeights: checkpoint weight ${i} has shape ` +
        `[${t.shape}], but ${w.originalName} has [${w.shape}].`);
    }
    w.write(tf.tensor(t.values, t.shape, t.dtype));
  }));
}
