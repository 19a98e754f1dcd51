import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

import {
  loadLatestCheckpoint, saveCheckpoint, storeTensors, type Checkpoint,
} from '../io/checkpoint.js';
import type { Method } from '../mixup/methods.js';
import type { MixableNetwork } from '../network/mixable-network.js';
import type { Rng, RngState } from '../random/rng.js';
import {
  createOptimizer, type OptimizerArgs, type ScheduledOptimizer,
} from './optimizer.js';
import { constantSchedule, type Schedule } from './schedules.js';
import { epochBatches, type TrainData } from './train-data.js';
import {
  findDropoutLayers, mixedCrossEntropy, trainStep, type StepContext,
  type TrainLoss,
} from './train-step.js';

/** One epoch's figures: the training loss, the rate, the time, and
 * whatever `evaluate` returned. */
export interface EpochLogs {
  /** 1-based epoch number. */
  epoch: number;
  loss: number;
  lr: number;
  seconds: number;
  [metric: string]: number;
}

/** Which epoch counts as best. */
export interface Monitor {
  key: string;
  mode: 'max' | 'min';
}

export interface CheckpointArgs {
  dir: string;
  /** Write a checkpoint every this many epochs (and after the last). @default 1 */
  every?: number;
  /** Checkpoints kept on disk. @default 2 */
  keep?: number;
}

export interface FitArgs {
  network: MixableNetwork;
  data: TrainData;
  method: Method;
  /** The run's generator: data order, mixing, dropout, noise. */
  rng: Rng;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerArgs;
  /** @default the optimizer's lr, constant */
  schedule?: Schedule;
  /** @default mixedCrossEntropy */
  loss?: TrainLoss;
  /** Drop the last, smaller batch of an epoch. @default false */
  dropLast?: boolean;
  /** Figures to log after each epoch, e.g. test accuracy and NLL. */
  evaluate?: (epoch: number) => Record<string, number> |
      Promise<Record<string, number>>;
  /**
   * Call `evaluate` every this many epochs, and after the last; only
   * evaluated epochs compete for best when the monitor key is one of
   * its figures. @default 1
   */
  evaluateEvery?: number;
  /** @default { key: 'loss', mode: 'min' } */
  monitor?: Monitor;
  checkpoint?: CheckpointArgs;
  /** Continue from the newest checkpoint in `checkpoint.dir`, if any. */
  resume?: boolean;
  onBatchEnd?: (batch: number, loss: number) => void;
  onEpochEnd?: (logs: EpochLogs) => void | Promise<void>;
}

export interface FitResult {
  history: EpochLogs[];
  /** The epoch that scored best on the monitor. */
  best: EpochLogs;
  last: EpochLogs;
  /** Epochs already done in the checkpoint resumed from, or null. */
  resumedFrom: number | null;
}

interface FitState {
  history: EpochLogs[];
  best: EpochLogs | null;
}

function validateFitArgs(args: FitArgs): void {
  const { epochs, batchSize, data } = args;
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new RangeError(`fit: epochs must be an integer >= 1, but got ${epochs}.`);
  }
  const every = args.evaluateEvery ?? 1;
  if (!Number.isInteger(every) || every < 1) {
    throw new RangeError(
      `fit: evaluateEvery must be an integer >= 1, but got ${every}.`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `fit: batchSize must be an integer >= 1, but got ${batchSize}.`);
  }
  if (!(data.size >= 1)) {
    throw new RangeError(`fit: the training data is empty (size ${data.size}).`);
  }
  for (const k of args.method.mixPoints) {
    if (k > args.network.maxMixPoint) {
      throw new RangeError(
        `fit: mix point ${k} is outside the network's [0, ` +
        `${args.network.maxMixPoint}].`);
    }
  }
  if (args.resume && args.checkpoint === undefined) {
    throw new Error('fit: resume needs checkpoint.dir, but got none.');
  }
}

/** Whether `evaluate` runs after epoch `epoch` (1-based). */
function evaluationDue(args: FitArgs, epoch: number): boolean {
  return epoch % (args.evaluateEvery ?? 1) === 0 || epoch === args.epochs;
}

/** An epoch that skipped the evaluation has no figures to compare. */
function isCandidate(logs: EpochLogs, args: FitArgs, monitor: Monitor): boolean {
  return monitor.key in logs || args.evaluate === undefined ||
      evaluationDue(args, logs.epoch);
}

function isBetter(logs: EpochLogs, best: EpochLogs | null,
    monitor: Monitor): boolean {
  const value = logs[monitor.key];
  if (typeof value !== 'number') {
    throw new Error(
      `fit: the monitor key '${monitor.key}' is not among the epoch's ` +
      `figures (${Object.keys(logs).join(', ')}).`);
  }
  if (best === null) return true;
  return monitor.mode === 'max' ? value > best[monitor.key] :
      value < best[monitor.key];
}

async function writeCheckpoint(args: FitArgs, opt: ScheduledOptimizer,
    epoch: number, state: FitState): Promise<void> {
  const weights = args.network.model.weights.map((w, i) =>
    ({ name: `model/${i}`, tensor: w.read() as tf.Tensor }));
  const optWeights = await opt.optimizer.getWeights();
  const stored = await storeTensors([
    ...weights,
    ...optWeights.map((w, i) => ({ name: `optimizer/${i}`, tensor: w.tensor })),
  ]);
  const ckpt: Checkpoint = {
    epoch,
    state: {
      rng: args.rng.getState(), history: state.history, best: state.best,
      modelWeightNames: args.network.model.weights.map((w) => w.originalName),
      optimizerWeightNames: optWeights.map((w) => w.name),
    },
    tensors: stored,
  };
  const { dir, keep = 2 } = args.checkpoint!;
  saveCheckpoint(dir, ckpt, keep);
}

async function restoreCheckpoint(args: FitArgs, opt: ScheduledOptimizer,
    ckpt: Checkpoint): Promise<FitState> {
  const weights = args.network.model.weights;
  const stored = Object.keys(ckpt.tensors).filter((k) => k.startsWith('model/'));
  if (stored.length !== weights.length) {
    throw new Error(
      `fit: the checkpoint holds ${stored.length} model weights, but the ` +
      `network has ${weights.length}; was it made for another network?`);
  }
  tf.tidy(() => weights.forEach((w, i) => {
    const t = ckpt.tensors[`model/${i}`];
    if (!tf.util.arraysEqual(t.shape, w.shape as number[])) {
      throw new Error(
        `fit: checkpoint weight ${i} has shape [${t.shape}], but ` +
        `${w.originalName} has [${w.shape}].`);
    }
    w.write(tf.tensor(t.values, t.shape, t.dtype));
  }));
  const names = ckpt.state.optimizerWeightNames as string[];
  const optWeights = names.map((name, i) => {
    const t = ckpt.tensors[`optimizer/${i}`];
    return { name, tensor: tf.tensor(t.values, t.shape, t.dtype) };
  });
  await opt.optimizer.setWeights(optWeights);
  tf.dispose(optWeights.map((w) => w.tensor));
  args.rng.setState(ckpt.state.rng as RngState);
  return { history: ckpt.state.history as EpochLogs[],
    best: ckpt.state.best as EpochLogs | null };
}

/**
 * Trains a network on shuffled mini-batches with the given method,
 * evaluating after every epoch, keeping the best and the last epoch's
 * figures, and writing checkpoints that `resume` continues from exactly.
 */
export async function fit(args: FitArgs): Promise<FitResult> {
  validateFitArgs(args);
  const opt = createOptimizer(args.optimizer);
  const schedule = args.schedule ?? constantSchedule(opt.args.lr);
  const monitor = args.monitor ?? { key: 'loss', mode: 'min' };
  const ctx: StepContext = {
    network: args.network, optimizer: opt, method: args.method,
    rng: args.rng, loss: args.loss ?? mixedCrossEntropy,
    dropoutLayers: findDropoutLayers(args.network),
  };
  let state: FitState = { history: [], best: null };
  let resumedFrom: number | null = null;
  if (args.resume) {
    const ckpt = loadLatestCheckpoint(args.checkpoint!.dir);
    if (ckpt !== null) {
      state = await restoreCheckpoint(args, opt, ckpt);
      resumedFrom = ckpt.epoch;
    }
  }
  for (let epoch = state.history.length; epoch < args.epochs; epoch++) {
    const logs = await fitEpoch(args, ctx, schedule(epoch), epoch);
    state.history.push(logs);
    if (isCandidate(logs, args, monitor) &&
        isBetter(logs, state.best, monitor)) {
      state.best = logs;
    }
    const every = args.checkpoint?.every ?? 1;
    if (args.checkpoint && ((epoch + 1) % every === 0 ||
        epoch + 1 === args.epochs)) {
      await writeCheckpoint(args, opt, epoch + 1, state);
    }
    await args.onEpochEnd?.(logs);
  }
  opt.dispose();
  const last = state.history[state.history.length - 1];
  return { history: state.history, best: state.best ?? last, last,
    resumedFrom };
}

async function fitEpoch(args: FitArgs, ctx: StepContext, lr: number,
    epoch: number): Promise<EpochLogs> {
  const start = performance.now();
  ctx.optimizer.setLearningRate(lr);
  const batches = epochBatches(args.data.size, args.batchSize, args.rng,
      args.dropLast ?? false);
  let total = 0;
  let count = 0;
  for (const [i, indices] of batches.entries()) {
    const batch = args.data.batch(indices, args.rng);
    const loss = trainStep(ctx, batch);
    tf.dispose([batch.x, batch.y]);
    total += loss * indices.length;
    count += indices.length;
    args.onBatchEnd?.(i, loss);
  }
  const figures = args.evaluate && evaluationDue(args, epoch + 1) ?
      await args.evaluate(epoch + 1) : {};
  return {
    epoch: epoch + 1, loss: count === 0 ? NaN : total / count, lr,
    seconds: (performance.now() - start) / 1000, ...figures,
  };
}
