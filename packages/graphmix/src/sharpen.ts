/**
 * Temperature sharpening of predicted class distributions, as GraphMix
 * (Verma et al., AAAI 2021, arXiv 1909.11715) uses for the targets of
 * unlabelled nodes: p_k^(1/T) / sum_j p_j^(1/T).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Floor on probabilities before the log, so that p = 0 gives 0. */
const TINY = 1e-30;

/**
 * Sharpens rows of probabilities. Computed as softmax(log(p) / T), which
 * equals p^(1/T) normalised but cannot underflow for small T.
 *
 * @param probs Probability rows, shape [B, K], values in [0, 1].
 * @param temperature T > 0; T < 1 sharpens, T = 1 leaves rows unchanged.
 * @returns Shape [B, K]; each row sums to 1.
 */
export function sharpen(probs: tf.Tensor2D, temperature: number): tf.Tensor2D {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(
      `sharpen: temperature must be > 0, but got ${temperature}.`);
  }
  if (probs.rank !== 2) {
    throw new Error(
      `sharpen: probs must have rank 2 [B, K], but got rank ${probs.rank}.`);
  }
  return tf.tidy(() =>
    tf.softmax(probs.maximum(TINY).log().div(temperature)) as tf.Tensor2D);
}
