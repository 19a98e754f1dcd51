import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

/** A mixing weight: one number for the batch, or one per example [B]. */
export type Lambda = number | tf.Tensor1D;

function checkMixArgs(fn: string, t: tf.Tensor, lam: Lambda,
    perm: tf.Tensor1D): void {
  if (t.rank < 1) {
    throw new Error(`${fn}: input must have rank >= 1, but got rank 0.`);
  }
  if (perm.rank !== 1 || perm.dtype !== 'int32') {
    throw new TypeError(
      `${fn}: perm must be an int32 tensor of rank 1, but got ` +
      `${perm.dtype} rank ${perm.rank}.`);
  }
  if (perm.shape[0] !== t.shape[0]) {
    throw new Error(
      `${fn}: input and perm disagree on batch size ` +
      `(${t.shape[0]} vs ${perm.shape[0]}).`);
  }
  if (typeof lam === 'number') {
    if (!(lam >= 0 && lam <= 1)) {
      throw new RangeError(`${fn}: lam must be in [0, 1], but got ${lam}.`);
    }
  } else if (lam.rank !== 1 || lam.shape[0] !== t.shape[0]) {
    throw new Error(
      `${fn}: a per-example lam must have shape [${t.shape[0]}], ` +
      `but got [${lam.shape}].`);
  }
}

/** Reshapes a per-example lambda [B] to broadcast against `like`. */
function broadcastLambda(lam: tf.Tensor1D, like: tf.Tensor): tf.Tensor {
  const shape = [lam.shape[0], ...new Array(like.rank - 1).fill(1)];
  return lam.reshape(shape);
}

/**
 * Mixes a batch of activations with a shuffled copy of itself:
 * lam * h + (1 - lam) * h[perm]. Gradients flow through both terms.
 *
 * @param hidden Activations at the chosen layer, shape [B, ...], float32.
 * @param lam Mixing weight in [0, 1], or one weight per example, [B].
 * @param perm Permutation of the batch indices, shape [B], int32.
 * @returns Mixed activations with the same shape as `hidden`.
 */
export function mixHidden<T extends tf.Tensor>(
    hidden: T, lam: Lambda, perm: tf.Tensor1D): T {
  checkMixArgs('mixHidden', hidden, lam, perm);
  return tf.tidy(() => {
    const partner = tf.gather(hidden, perm);
    const weight = typeof lam === 'number' ? tf.scalar(lam) :
        broadcastLambda(lam, hidden);
    // h[perm] + lam * (h - h[perm]) is lam*h + (1-lam)*h[perm] in one op less.
    return partner.add(weight.mul(hidden.sub(partner))) as T;
  });
}

/**
 * Mixes soft targets exactly as `mixHidden` mixes activations.
 *
 * @param targets One-hot or soft targets, shape [B, K].
 */
export function mixTargets(
    targets: tf.Tensor2D, lam: Lambda, perm: tf.Tensor1D): tf.Tensor2D {
  checkMixArgs('mixTargets', targets, lam, perm);
  return mixHidden(targets, lam, perm);
}
