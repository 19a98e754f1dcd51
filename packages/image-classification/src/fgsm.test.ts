import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';

import { MixableNetwork, sequentialStage } from '@mixup/core';

import { fgsmAccuracy } from './fgsm.js';
import { useWasm } from './test-backend.js';

await useWasm();

/** One-pixel classifier, logits [x - b, b - x]: class 0 iff x > b. */
function thresholdNet(b: number): MixableNetwork {
  const dense = tfl.layers.dense({ units: 2 });
  const net = new MixableNetwork({ inputShape: [1, 1, 1], stages: [
    sequentialStage('flat', [tfl.layers.flatten()]),
    sequentialStage('dense', [dense]),
  ] });
  dense.setWeights([tf.tensor2d([[1, -1]]), tf.tensor1d([-b, b])]);
  return net;
}

const STATS = { mean: [0], std: [1] };

describe('fgsmAccuracy', () => {
  const net = thresholdNet(0.5);
  // Margins 0.05 and 0.2 from the decision boundary at 0.5, class 0.
  const x = tf.tensor4d([0.55, 0.7], [2, 1, 1, 1]);
  const labels = [0, 0];

  it('flips the examples closer to the boundary than epsilon', () => {
    const args = { stats: STATS, numClasses: 2 };
    expect(fgsmAccuracy(net, x, labels, { ...args, epsilon: 0.01 })).toBe(1);
    expect(fgsmAccuracy(net, x, labels, { ...args, epsilon: 0.1 })).toBe(0.5);
    expect(fgsmAccuracy(net, x, labels, { ...args, epsilon: 0.3 })).toBe(0);
  });

  it('measures epsilon on the [0, 1] scale, not the normalised one', () => {
    // With std 0.5 a pixel step of 0.06 moves the input by 0.12.
    const acc = fgsmAccuracy(net, x, labels,
      { epsilon: 0.06, stats: { mean: [0], std: [0.5] }, numClasses: 2 });
    expect(acc).toBe(0.5);
  });

  it('clips to the valid pixel range', () => {
    // Class 1 below 1.02; the push up by 0.5 would cross it, but pixels
    // stop at 1.
    const high = thresholdNet(1.02);
    const near = tf.tensor4d([0.9], [1, 1, 1, 1]);
    const acc = fgsmAccuracy(high, near, [1],
      { epsilon: 0.5, stats: STATS, numClasses: 2 });
    tf.dispose(near);
    high.dispose();
    expect(acc).toBe(1);
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    fgsmAccuracy(net, x, labels, { epsilon: 0.1, stats: STATS,
      numClasses: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a non-positive epsilon', () => {
    expect(() => fgsmAccuracy(net, x, labels,
      { epsilon: 0, stats: STATS, numClasses: 2 })).toThrow(/epsilon/);
  });
});
