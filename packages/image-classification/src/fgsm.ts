/**
 * Robustness to the fast gradient sign method (Goodfellow et al., arXiv
 * 1412.6572), one of the Manifold Mixup paper's evaluations (arXiv
 * 1806.05236, Table 3).
 */
import * as tf from '@tensorflow/tfjs-core';

import {
  accuracy, softCrossEntropy, type Labels, type MixableNetwork,
} from '@mixup/core';

import type { ChannelStats } from './augment.js';

export interface FgsmArgs {
  /** Size of the step on the [0, 1] pixel scale, > 0. */
  epsilon: number;
  /** The normalisation the network's inputs went through. */
  stats: ChannelStats;
  /** K. */
  numClasses: number;
  /** Examples per gradient pass. @default 256 */
  batchSize?: number;
}

/**
 * Accuracy on FGSM examples: each input moves by epsilon (on the [0, 1]
 * pixel scale, i.e. epsilon / std per channel after normalisation) in the
 * sign of the gradient of its cross-entropy with respect to the input,
 * the network in inference mode, and is clipped back to the valid pixel
 * range [0, 1].
 *
 * @param x Normalised inputs, shape [N, H, W, C], float32.
 * @param labels True classes, ints in [0, K), length N.
 * @returns The fraction of adversarial examples classified correctly.
 */
export function fgsmAccuracy(network: MixableNetwork, x: tf.Tensor4D,
    labels: Labels, args: FgsmArgs): number {
  const { epsilon, stats, numClasses, batchSize = 256 } = args;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(`fgsmAccuracy: epsilon must be > 0, but got ${epsilon}.`);
  }
  if (labels.length !== x.shape[0]) {
    throw new Error(
      `fgsmAccuracy: x and labels disagree on the number of examples ` +
      `(${x.shape[0]} vs ${labels.length}).`);
  }
  const c = x.shape[3];
  const step = tf.tensor1d(stats.std.map((s) => epsilon / s));
  const low = tf.tensor1d(stats.mean.map((m, k) => -m / stats.std[k]));
  const high = tf.tensor1d(stats.mean.map((m, k) => (1 - m) / stats.std[k]));
  const labelTensor = tf.tensor1d(Int32Array.from(labels), 'int32');
  const n = x.shape[0];
  const probs = new Float32Array(n * numClasses);
  const lossOf = (y: tf.Tensor) => (input: tf.Tensor) =>
    softCrossEntropy(network.forward(input), y) as tf.Scalar;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const p = tf.tidy(() => {
      const xb = x.slice(start, size);
      const y = tf.oneHot(labelTensor.slice(start, size), numClasses)
          .toFloat();
      const grad = tf.grad(lossOf(y))(xb);
      const moved = xb.add(grad.sign().mul(step.reshape([1, 1, 1, c])));
      const adv = tf.minimum(tf.maximum(moved, low.reshape([1, 1, 1, c])),
          high.reshape([1, 1, 1, c]));
      return tf.softmax(network.forward(adv));
    });
    probs.set(p.dataSync(), start * numClasses);
    p.dispose();
  }
  tf.dispose([step, low, high, labelTensor]);
  return accuracy({ values: probs, numClasses }, labels);
}
