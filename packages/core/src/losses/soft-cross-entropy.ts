import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

/** How per-example losses are combined. */
export type Reduction = 'none' | 'sum' | 'mean';

export function checkReduction(fn: string, reduction: string): void {
  if (reduction !== 'none' && reduction !== 'sum' && reduction !== 'mean') {
    throw new RangeError(
      `${fn}: reduction must be 'none', 'sum' or 'mean', but got ` +
      `'${reduction}'.`);
  }
}

export function checkLogitsTargets(
    fn: string, logits: tf.Tensor, targets: tf.Tensor): void {
  if (logits.rank !== 2) {
    throw new Error(
      `${fn}: logits must have rank 2 [B, K], but got rank ${logits.rank}.`);
  }
  if (!tf.util.arraysEqual(logits.shape, targets.shape)) {
    throw new Error(
      `${fn}: logits and targets must have the same shape, but got ` +
      `[${logits.shape}] and [${targets.shape}].`);
  }
}

export function reduce(losses: tf.Tensor1D, reduction: Reduction): tf.Tensor {
  if (reduction === 'none') return losses;
  return reduction === 'sum' ? losses.sum() : losses.mean();
}

/**
 * Cross-entropy against soft targets, -sum_k y_k log softmax(z)_k, computed
 * from logits with a stable log-softmax. With mixed targets this equals
 * the lambda-weighted average of the two targets' cross-entropies.
 *
 * @param logits Unnormalised scores, shape [B, K].
 * @param targets Probability rows (one-hot or mixed), shape [B, K].
 * @param reduction 'mean' over the batch (default), 'sum', or 'none' ([B]).
 */
export function softCrossEntropy(
    logits: tf.Tensor, targets: tf.Tensor,
    reduction: Reduction = 'mean'): tf.Tensor {
  checkLogitsTargets('softCrossEntropy', logits, targets);
  checkReduction('softCrossEntropy', reduction);
  return tf.tidy(() => {
    const perExample = targets.mul(tf.logSoftmax(logits)).sum(1).neg();
    return reduce(perExample as tf.Tensor1D, reduction);
  });
}

/**
 * Binary cross-entropy on the softmax of the logits, averaged over every
 * class of every example, as the official Manifold Mixup code trains
 * (BCELoss(softmax(out), y)). Probabilities are clipped to [eps, 1 - eps].
 *
 * @param logits Shape [B, K].
 * @param targets Shape [B, K], values in [0, 1].
 * @param reduction 'mean' (default), 'sum' or 'none' (per example, [B]).
 */
export function binaryCrossEntropyOnSoftmax(
    logits: tf.Tensor, targets: tf.Tensor,
    reduction: Reduction = 'mean'): tf.Tensor {
  checkLogitsTargets('binaryCrossEntropyOnSoftmax', logits, targets);
  checkReduction('binaryCrossEntropyOnSoftmax', reduction);
  return tf.tidy(() => {
    const eps = 1e-7;
    const p = tf.softmax(logits).clipByValue(eps, 1 - eps);
    const ones = tf.onesLike(targets);
    const perEntry = targets.mul(p.log())
        .add(ones.sub(targets).mul(ones.sub(p).log())).neg();
    // The mean over classes keeps 'mean' equal to BCELoss's global mean.
    return reduce(perEntry.mean(1) as tf.Tensor1D, reduction);
  });
}
