import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

import type { Lambda } from '../mixup/mix-hidden.js';

/** Any loss of an output against one set of targets. */
export type LossFn<Y = tf.Tensor> = (output: tf.Tensor, targets: Y) => tf.Tensor;

/**
 * The mixed loss lam * L(out, yA) + (1 - lam) * L(out, yB), for losses
 * whose targets cannot be averaged (CTC label sequences, say).
 *
 * With one lambda for the batch, `lossFn` may return a scalar. With one
 * lambda per example, `lossFn` must return per-example losses, shape [B],
 * and the result is their mean.
 *
 * @param lossFn The loss L.
 * @param output The network output for the mixed batch.
 * @param targetsA Targets of the examples themselves.
 * @param targetsB Targets of their partners (the permuted batch).
 * @param lam Mixing weight in [0, 1], or per-example weights, [B].
 */
export function pairLoss<Y>(
    lossFn: LossFn<Y>, output: tf.Tensor, targetsA: Y, targetsB: Y,
    lam: Lambda): tf.Tensor {
  if (typeof lam === 'number' && !(lam >= 0 && lam <= 1)) {
    throw new RangeError(`pairLoss: lam must be in [0, 1], but got ${lam}.`);
  }
  return tf.tidy(() => {
    const lossA = lossFn(output, targetsA);
    const lossB = lossFn(output, targetsB);
    if (typeof lam === 'number') {
      return lossA.mul(lam).add(lossB.mul(1 - lam));
    }
    if (lossA.rank !== 1 || lossA.shape[0] !== lam.shape[0]) {
      throw new Error(
        `pairLoss: per-example lam needs per-example losses of shape ` +
        `[${lam.shape[0]}], but got [${lossA.shape}].`);
    }
    const one = tf.scalar(1);
    return lossA.mul(lam).add(lossB.mul(one.sub(lam))).mean();
  });
}
