import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

import type { MixableNetwork } from '../network/mixable-network.js';
import {
  classificationMetrics, type ClassificationMetrics, type Labels,
  type ProbabilityRows,
} from './classification.js';

/**
 * Class probabilities of the network in inference mode, computed in
 * batches so that large sets fit in memory.
 *
 * @param x Inputs, shape [N, ...inputShape].
 * @param batchSize Examples per forward pass. @default 256
 */
export function predictProbabilities(network: MixableNetwork, x: tf.Tensor,
    batchSize = 256): ProbabilityRows {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `predictProbabilities: batchSize must be an integer >= 1, but got ` +
      `${batchSize}.`);
  }
  const n = x.shape[0];
  const parts: Float32Array[] = [];
  let numClasses = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const probs = tf.tidy(() => tf.softmax(
      network.forward(x.slice(start, size), { training: false })));
    numClasses = probs.shape[1]!;
    parts.push(probs.dataSync() as Float32Array);
    probs.dispose();
  }
  const values = new Float32Array(n * numClasses);
  let offset = 0;
  for (const part of parts) {
    values.set(part, offset);
    offset += part.length;
  }
  return { values, numClasses };
}

/** Evaluates a classifier: accuracy, error, NLL, ECE, mean confidence. */
export function evaluateClassifier(network: MixableNetwork, x: tf.Tensor,
    labels: Labels, batchSize = 256): ClassificationMetrics {
  return classificationMetrics(
    predictProbabilities(network, x, batchSize), labels);
}
