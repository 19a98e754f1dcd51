// Mini-batch training of a line recogniser with ERM, Input Mixup or
// Manifold Mixup, with checkpoints that a resumed run continues exactly.
import * as tf from '@tensorflow/tfjs-core';
import {
  createOptimizer, drawMix, loadLatestCheckpoint, saveCheckpoint,
  storeTensors, type Checkpoint, type MixableNetwork, type Method,
  type OptimizerArgs, type Rng, type RngState, type Schedule,
  type ScheduledOptimizer,
} from '@mixup/core';

import '../util/register-ops.js';

import {
  makeLineBatch, widthBatches, type LineExample,
} from '../data/line-batch.js';
import { mixedCtcLoss } from './mixed-ctc-loss.js';

/** One epoch's figures: loss, rate and time, plus `evaluate`'s. */
export interface RecognizerEpochLogs {
  epoch: number;
  loss: number;
  lr: number;
  seconds: number;
  [metric: string]: number;
}

export interface FitRecognizerArgs {
  network: MixableNetwork;
  train: readonly LineExample[];
  method: Method;
  /** The run's generator: batch order, mixing. */
  rng: Rng;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerArgs;
  /** Learning rate per 0-based epoch. @default constant */
  schedule?: Schedule;
  evaluate?: (epoch: number) => Promise<Record<string, number>>;
  /** Where checkpoints go (one per epoch, the newest 2 kept). */
  checkpointDir?: string;
  /** Continue from the newest checkpoint in `checkpointDir`. */
  resume?: boolean;
  onEpochEnd?: (logs: RecognizerEpochLogs) => void;
}

export interface FitRecognizerResult {
  history: RecognizerEpochLogs[];
  resumedFrom: number | null;
}

/** Trains the network; see `FitRecognizerArgs`. */
export async function fitRecognizer(
    args: FitRecognizerArgs): Promise<FitRecognizerResult> {
  if (!Number.isInteger(args.epochs) || args.epochs < 1) {
    throw new RangeError(
      `fitRecognizer: epochs must be an integer >= 1, but got ${args.epochs}.`);
  }
  if (args.train.length === 0) {
    throw new RangeError('fitRecognizer: the training set is empty.');
  }
  if (args.resume && args.checkpointDir === undefined) {
    throw new Error('fitRecognizer: resume needs checkpointDir, but got none.');
  }
  const opt = createOptimizer(args.optimizer);
  let history: RecognizerEpochLogs[] = [];
  let resumedFrom: number | null = null;
  const ckpt = args.resume ? loadLatestCheckpoint(args.checkpointDir!) : null;
  if (ckpt !== null) {
    history = await restore(args, opt, ckpt);
    resumedFrom = ckpt.epoch;
  }
  for (let epoch = history.length; epoch < args.epochs; epoch++) {
    const lr = args.schedule ? args.schedule(epoch) : opt.args.lr;
    const logs = await fitEpoch(args, opt, lr, epoch);
    history.push(logs);
    if (args.checkpointDir !== undefined) {
      await store(args, opt, epoch + 1, history);
    }
    args.onEpochEnd?.(logs);
  }
  opt.optimizer.dispose();
  return { history, resumedFrom };
}

async function fitEpoch(
    args: FitRecognizerArgs, opt: ScheduledOptimizer, lr: number,
    epoch: number): Promise<RecognizerEpochLogs> {
  const start = performance.now();
  opt.setLearningRate(lr);
  let total = 0;
  for (const indices of widthBatches(args.train, args.batchSize, args.rng)) {
    total += trainStep(args, opt, indices) * indices.length;
  }
  const figures = args.evaluate ? await args.evaluate(epoch + 1) : {};
  return {
    epoch: epoch + 1, loss: total / args.train.length, lr,
    seconds: (performance.now() - start) / 1000, ...figures,
  };
}

/** One step: draw the mix, forward, mixed CTC loss, gradients, update. */
export function trainStep(
    args: Pick<FitRecognizerArgs, 'network' | 'train' | 'method' | 'rng'>,
    opt: ScheduledOptimizer, indices: Int32Array): number {
  const batch = makeLineBatch(args.train, indices);
  const draw = drawMix(args.rng, args.method, indices.length);
  const variables = args.network.trainableVariables;
  const { value, grads } = tf.variableGrads(() => {
    const mix = draw === null ? null : draw;
    const logits = args.network.forward(batch.x, { mix, training: true });
    return mixedCtcLoss(logits, batch, mix);
  }, variables);
  opt.apply(grads, variables);
  const loss = value.dataSync()[0];
  tf.dispose([value, batch.x]);
  return loss;
}

async function store(
    args: FitRecognizerArgs, opt: ScheduledOptimizer, epoch: number,
    history: RecognizerEpochLogs[]): Promise<void> {
  const weights = args.network.model.weights.map((w, i) =>
    ({ name: `model/${i}`, tensor: w.read() as tf.Tensor }));
  const optWeights = await opt.optimizer.getWeights();
  const tensors = await storeTensors([...weights, ...optWeights.map(
      (w, i) => ({ name: `optimizer/${i}`, tensor: w.tensor }))]);
  saveCheckpoint(args.checkpointDir!, {
    epoch, tensors,
    state: {
      rng: args.rng.getState(), history,
      optimizerWeightNames: optWeights.map((w) => w.name),
    },
  });
}

async function restore(
    args: FitRecognizerArgs, opt: ScheduledOptimizer,
    ckpt: Checkpoint): Promise<RecognizerEpochLogs[]> {
  loadModelWeights(args.network, ckpt);
  const names = ckpt.state['optimizerWeightNames'] as string[];
  const optWeights = names.map((name, i) => {
    const t = ckpt.tensors[`optimizer/${i}`];
    return { name, tensor: tf.tensor(t.values, t.shape, t.dtype) };
  });
  await opt.optimizer.setWeights(optWeights);
  tf.dispose(optWeights.map((w) => w.tensor));
  args.rng.setState(ckpt.state['rng'] as RngState);
  return ckpt.state['history'] as RecognizerEpochLogs[];
}

/** Writes a checkpoint's model weights into the network. */
export function loadModelWeights(
    network: MixableNetwork, ckpt: Checkpoint): void {
  const weights = network.model.weights;
  tf.tidy(() => weights.forEach((w, i) => {
    const t = ckpt.tensors[`model/${i}`];
    if (t === undefined || !tf.util.arraysEqual(t.shape, w.shape as number[])) {
      throw new Error(
        `loadModelWeights: checkpoint weight ${i} must have shape ` +
        `[${w.shape}] (${w.originalName}), but got ` +
        `${t === undefined ? 'none' : `[${t.shape}]`}.`);
    }
    w.write(tf.tensor(t.values, t.shape, t.dtype));
  }));
}
