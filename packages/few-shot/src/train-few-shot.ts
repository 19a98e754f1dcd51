/**
 * The training loop of the four few-shot methods, with checkpoints that
 * `resume` continues from. S2M2 (Mangla et al.), arXiv 1907.12087.
 */
import * as tf from '@tensorflow/tfjs-core';

import {
  createMethod, createOptimizer, loadLatestCheckpoint, saveCheckpoint,
  storeTensors, type Checkpoint, type Rng, type RngState,
  type ScheduledOptimizer,
} from '@mixup/core';

import type { BaseSet } from './base-set.js';
import { modelWeights, type FewShotModel } from './model.js';
import {
  FEW_SHOT_STAGES, stageStep, type FewShotStage, type StepContext,
  type StepKind,
} from './stage-step.js';

export interface TrainFewShotArgs {
  stage: FewShotStage;
  epochs: number;
  /**
   * Images per update; rotation updates take B / 4 upright images x 4.
   * @default 64
   */
  batchSize?: number;
  /** Adam's rate (S2M2: 1e-3). @default 1e-3 */
  lr?: number;
  /** For 's2m2r': rotation epochs first. @default floor(epochs / 2) */
  rotationEpochs?: number;
  /** Manifold Mixup's alpha. @default 2 */
  alpha?: number;
  /** Manifold Mixup's mix points. @default [0, 1, 2, 3] */
  mixPoints?: readonly number[];
  /** Cap on updates per epoch (a budget knob); 0 = a full pass. @default 0 */
  stepsPerEpoch?: number;
  checkpointDir?: string;
  /** Continue from the newest checkpoint in `checkpointDir`, if any. */
  resume?: boolean;
  /** Figures to log after each epoch, e.g. validation episodes. */
  evaluate?: (epoch: number) => Record<string, number>;
  onEpochEnd?: (logs: FewShotEpochLogs) => void;
}

export interface FewShotEpochLogs {
  epoch: number;
  /** What the epoch's updates did. */
  step: StepKind;
  loss: number;
  /** Mean rotation accuracy of the epoch's rotation rows, or NaN. */
  rot_acc: number;
  lr: number;
  seconds: number;
  [figure: string]: number | string;
}

export interface TrainFewShotResult {
  history: FewShotEpochLogs[];
  resumedFrom: number | null;
}

/** The update kind of an epoch (0-based) of a stage. */
export function epochStep(stage: FewShotStage, epoch: number,
    rotationEpochs: number): StepKind {
  switch (stage) {
    case 'baseline': return 'plain';
    case 'rotation': return 'rotation';
    case 'mixup': return 'mixup';
    case 's2m2r': return epoch < rotationEpochs ? 'rotation' : 'mixup+rotation';
  }
}

function validate(args: TrainFewShotArgs, base: BaseSet, batch: number): void {
  if (!FEW_SHOT_STAGES.includes(args.stage)) {
    throw new RangeError(`trainFewShot: stage must be one of ` +
      `${FEW_SHOT_STAGES.join(', ')}, but got '${args.stage}'.`);
  }
  if (!Number.isInteger(args.epochs) || args.epochs < 1) {
    throw new RangeError(
      `trainFewShot: epochs must be an integer >= 1, but got ${args.epochs}.`);
  }
  if (!Number.isInteger(batch) || batch < 4 || batch % 4 !== 0) {
    throw new RangeError(`trainFewShot: batchSize must be a multiple of 4, ` +
      `but got ${batch}.`);
  }
  if (args.stage !== 'baseline' && args.stage !== 'mixup' &&
      base.upright.length === 0) {
    throw new Error(`trainFewShot: '${args.stage}' needs upright classes ` +
      'with all four rotations, but the base set has none.');
  }
  if (args.resume && args.checkpointDir === undefined) {
    throw new Error('trainFewShot: resume needs checkpointDir, but got none.');
  }
}

/** Batches of one epoch: a permutation of `pool` cut into `size`s. */
function batchesOf(pool: Int32Array, size: number, rng: Rng,
    cap: number): Int32Array[] {
  const order = rng.permutation(pool.length);
  const out: Int32Array[] = [];
  for (let i = 0; i + size <= pool.length; i += size) {
    if (cap > 0 && out.length === cap) break;
    out.push(Int32Array.from(order.subarray(i, i + size), (j) => pool[j]));
  }
  return out;
}

function drawFrom(pool: Int32Array, n: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: n }, () => pool[rng.int(pool.length)]);
}

async function writeCheckpoint(dir: string, model: FewShotModel,
    opt: ScheduledOptimizer, rng: Rng, history: FewShotEpochLogs[]):
    Promise<void> {
  const weights = modelWeights(model);
  const optWeights = await opt.optimizer.getWeights();
  const tensors = await storeTensors([
    ...weights.map((w, i) => ({ name: `model/${i}`, tensor: w as tf.Tensor })),
    ...optWeights.map((w, i) => ({ name: `optimizer/${i}`, tensor: w.tensor })),
  ]);
  const ckpt: Checkpoint = { epoch: history.length, tensors, state: {
    rng: rng.getState(), history,
    optimizerWeightNames: optWeights.map((w) => w.name) } };
  saveCheckpoint(dir, ckpt, 2);
}

/**
 * Writes a training checkpoint's weights into a model built with the
 * same arguments (backbone, then class head, then rotation head).
 */
export function restoreModelWeights(model: FewShotModel,
    ckpt: Checkpoint): void {
  const weights = modelWeights(model);
  weights.forEach((w, i) => {
    const t = ckpt.tensors[`model/${i}`];
    if (t === undefined || !tf.util.arraysEqual(t.shape, w.shape)) {
      throw new Error(`restoreModelWeights: checkpoint weight ${i} does ` +
        `not fit ${w.name} [${w.shape}]; was it made for another model?`);
    }
    tf.tidy(() => w.assign(tf.tensor(t.values, t.shape, t.dtype)));
  });
}

async function restore(ckpt: Checkpoint, model: FewShotModel,
    opt: ScheduledOptimizer, rng: Rng): Promise<FewShotEpochLogs[]> {
  restoreModelWeights(model, ckpt);
  const names = ckpt.state.optimizerWeightNames as string[];
  const optWeights = names.map((name, i) => {
    const t = ckpt.tensors[`optimizer/${i}`];
    return { name, tensor: tf.tensor(t.values, t.shape, t.dtype) };
  });
  await opt.optimizer.setWeights(optWeights);
  tf.dispose(optWeights.map((w) => w.tensor));
  rng.setState(ckpt.state.rng as RngState);
  return ckpt.state.history as FewShotEpochLogs[];
}

/**
 * Trains `model` on `base` with one of the four methods, Adam at a
 * constant rate, checkpointing after every epoch.
 */
export async function trainFewShot(model: FewShotModel, base: BaseSet,
    rng: Rng, args: TrainFewShotArgs): Promise<TrainFewShotResult> {
  const batch = args.batchSize ?? 64;
  validate(args, base, batch);
  const lr = args.lr ?? 1e-3;
  const optimizer = createOptimizer({ name: 'adam', lr });
  const usesRotation = args.stage === 'rotation' || args.stage === 's2m2r';
  const ctx: StepContext = {
    model, base, optimizer, rng,
    method: createMethod('manifold', { alpha: args.alpha ?? 2,
      mixPoints: args.mixPoints ?? [0, 1, 2, 3] }),
    // NOTE: the rotation stage's class term needs the class head too.
    variables: [...model.backbone.trainableVariables,
      ...model.classHead.variables,
      ...(usesRotation ? model.rotationHead.variables : [])],
  };
  let history: FewShotEpochLogs[] = [];
  let resumedFrom: number | null = null;
  const latest = args.resume ? loadLatestCheckpoint(args.checkpointDir!) :
      null;
  if (latest !== null) {
    history = await restore(latest, model, optimizer, rng);
    resumedFrom = latest.epoch;
  }
  const rotationEpochs = args.rotationEpochs ?? Math.floor(args.epochs / 2);
  const all = Int32Array.from(base.labels, (_, i) => i);
  for (let epoch = history.length; epoch < args.epochs; epoch++) {
    const start = performance.now();
    const kind = epochStep(args.stage, epoch, rotationEpochs);
    const pool = kind === 'rotation' ? base.upright : all;
    const size = kind === 'rotation' ? batch / 4 : batch;
    let loss = 0;
    let rot = 0;
    const batches = batchesOf(pool, size, rng, args.stepsPerEpoch ?? 0);
    for (const indices of batches) {
      const upright = kind === 'rotation' ? indices :
          kind === 'mixup+rotation' ? drawFrom(base.upright, batch / 4, rng) :
          new Int32Array(0);
      const result = stageStep(ctx, kind, indices, upright);
      loss += result.loss / batches.length;
      rot += result.rotationAccuracy / batches.length;
    }
    const figures = args.evaluate?.(epoch + 1) ?? {};
    const logs: FewShotEpochLogs = { epoch: epoch + 1, step: kind, loss,
      rot_acc: rot, lr, seconds: (performance.now() - start) / 1000,
      ...figures };
    history.push(logs);
    if (args.checkpointDir !== undefined) {
      await writeCheckpoint(args.checkpointDir, model, optimizer, rng,
        history);
    }
    args.onEpochEnd?.(logs);
  }
  optimizer.optimizer.dispose();
  return { history, resumedFrom };
}
