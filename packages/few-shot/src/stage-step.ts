/**
 * One update of each S2M2 training stage: Baseline++, rotation, Manifold
 * Mixup and S2M2_R. S2M2 (Mangla et al.), arXiv 1907.12087.
 */
import * as tf from '@tensorflow/tfjs-core';

import {
  drawMix, mixTargets, softCrossEntropy, type Method, type Rng,
  type ScheduledOptimizer,
} from '@mixup/core';

import { imageBatch, oneHotRows, type BaseSet } from './base-set.js';
import type { FewShotModel } from './model.js';
import { expandRotations, ROTATIONS } from './rotation-batch.js';

/** The training stages; 's2m2r' runs 'rotation' first, then S2M2_R. */
export type FewShotStage = 'baseline' | 'rotation' | 'mixup' | 's2m2r';

export const FEW_SHOT_STAGES: readonly FewShotStage[] =
  Object.freeze(['baseline', 'rotation', 'mixup', 's2m2r']);

/** What one update does: its loss terms. */
export type StepKind = 'plain' | 'rotation' | 'mixup' | 'mixup+rotation';

export interface StepContext {
  model: FewShotModel;
  base: BaseSet;
  optimizer: ScheduledOptimizer;
  rng: Rng;
  /** Manifold Mixup: points S and alpha (S2M2: {0, 1, 2, 3}, 2). */
  method: Method;
  /** Variables this run updates, fixed for the run (Adam's slots). */
  variables: tf.Variable[];
}

/** One update's figures. */
export interface StepResult {
  loss: number;
  /** Rotation accuracy of the step's rotation rows, or NaN. */
  rotationAccuracy: number;
}

/**
 * The rotation loss of a batch of upright images: each image at four
 * rotations; 0.5 class cross-entropy (labels of the turned classes, see
 * `omniglotBaseSet`) + 0.5 rotation cross-entropy (4-way).
 */
function rotationLoss(ctx: StepContext, upright: Int32Array):
    { loss: tf.Scalar; rotLogits: tf.Tensor2D; rotations: Int32Array } {
  const { model, base } = ctx;
  const x = imageBatch(base, upright);
  const batch = expandRotations(x);
  const classes = Int32Array.from(batch.sources, (s, i) =>
    base.turned[base.labels[upright[s]] * ROTATIONS + batch.rotations[i]]);
  const features = model.backbone.forward(batch.x, { training: true });
  const classLoss = softCrossEntropy(model.classHead.apply(
    features as tf.Tensor2D), oneHotRows(classes, base.numClasses));
  const rotLogits = model.rotationHead.apply(features as tf.Tensor2D);
  const rotLoss = softCrossEntropy(rotLogits,
    oneHotRows(batch.rotations, ROTATIONS));
  return { loss: classLoss.add(rotLoss).mul(0.5) as tf.Scalar, rotLogits,
    rotations: batch.rotations };
}

/** Class cross-entropy, Manifold-Mixed at a k drawn from S when asked. */
function classLoss(ctx: StepContext, indices: Int32Array,
    mixed: boolean): tf.Scalar {
  const { model, base } = ctx;
  const x = imageBatch(base, indices);
  let y = oneHotRows(Array.from(indices, (i) => base.labels[i]),
    base.numClasses);
  const draw = mixed ? drawMix(ctx.rng, ctx.method, indices.length) : null;
  const mix = draw === null ? null : { layer: draw.layer,
    lam: draw.lam as number, perm: tf.tensor1d(draw.perm, 'int32') };
  if (mix !== null) y = mixTargets(y, mix.lam, mix.perm) as tf.Tensor2D;
  const features = model.backbone.forward(x, { mix, training: true });
  return softCrossEntropy(model.classHead.apply(features as tf.Tensor2D),
    y) as tf.Scalar;
}

function rotationHits(logits: tf.Tensor2D, rotations: Int32Array): number {
  const predicted = logits.argMax(1).dataSync();
  let hits = 0;
  rotations.forEach((r, i) => { if (predicted[i] === r) hits++; });
  return hits / rotations.length;
}

/**
 * One optimisation step: the losses of `kind` summed, one gradient over
 * the run's variables, one Adam update.
 *
 * @param indices Images of the class batch, [B] (unused by 'rotation').
 * @param upright Upright images for the rotation rows, [B / 4] for
 *     'mixup+rotation', [B / 4] for 'rotation' (4B / 4 rows), else empty.
 */
export function stageStep(ctx: StepContext, kind: StepKind,
    indices: Int32Array, upright: Int32Array): StepResult {
  let rotAcc = NaN;
  const { value, grads } = tf.tidy(() => tf.variableGrads(() => {
    let loss = tf.scalar(0);
    if (kind !== 'rotation') {
      loss = loss.add(classLoss(ctx, indices, kind !== 'plain'));
    }
    if (kind === 'rotation' || kind === 'mixup+rotation') {
      const rot = rotationLoss(ctx, upright);
      rotAcc = rotationHits(rot.rotLogits, rot.rotations);
      loss = loss.add(rot.loss);
    }
    return loss as tf.Scalar;
  }, ctx.variables));
  ctx.optimizer.apply(grads, ctx.variables);
  const loss = value.dataSync()[0];
  value.dispose();
  return { loss, rotationAccuracy: rotAcc };
}
