import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

import type { Rng } from '../random/rng.js';

/** One mini-batch: inputs and targets (soft [B, K] for classifiers). */
export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
}

/**
 * A training set the trainer draws mini-batches from. `batch` builds the
 * batch for the given example indices (augmenting it with `rng` if it
 * wants to); the trainer disposes the tensors it returns.
 */
export interface TrainData {
  readonly size: number;
  batch(indices: Int32Array, rng: Rng): Batch;
}

/**
 * Training data held in two tensors, sliced by gathering rows.
 *
 * @param x Inputs, shape [N, ...].
 * @param y Targets, shape [N, ...], e.g. one-hot [N, K].
 */
export function tensorData(x: tf.Tensor, y: tf.Tensor): TrainData {
  if (x.rank < 1 || y.rank < 1 || x.shape[0] !== y.shape[0]) {
    throw new Error(
      `tensorData: x and y must share the first dimension, but got ` +
      `[${x.shape}] and [${y.shape}].`);
  }
  return {
    size: x.shape[0],
    batch(indices: Int32Array): Batch {
      return tf.tidy(() => {
        const idx = tf.tensor1d(indices, 'int32');
        return { x: tf.gather(x, idx), y: tf.gather(y, idx) };
      });
    },
  };
}

/**
 * Splits a shuffled epoch into mini-batches of example indices.
 *
 * @param dropLast Drop a final batch smaller than `batchSize`.
 */
export function epochBatches(size: number, batchSize: number, rng: Rng,
    dropLast: boolean): Int32Array[] {
  const order = rng.permutation(size);
  const batches: Int32Array[] = [];
  for (let start = 0; start < size; start += batchSize) {
    const end = Math.min(size, start + batchSize);
    if (dropLast && end - start < batchSize) break;
    batches.push(order.slice(start, end));
  }
  return batches;
}
