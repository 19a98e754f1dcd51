import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { createBottleneckMlp, MLP_BOTTLENECK } from './bottleneck-mlp.js';
import { useWasm } from './test-backend.js';

await useWasm();

describe('createBottleneckMlp', () => {
  const net = createBottleneckMlp(new Rng(1),
    { inputShape: [6, 6, 1], hidden: 16, bottleneck: 3, numClasses: 4 });
  const x = tf.randomNormal([5, 6, 6, 1], 0, 1, 'float32', 3);

  it('maps images to logits and exposes the bottleneck', () => {
    const logits = net.forward(x);
    const hidden = net.hiddenAt(x, MLP_BOTTLENECK);
    expect(logits.shape).toEqual([5, 4]);
    expect(hidden.shape).toEqual([5, 3]);
    expect(net.maxMixPoint).toBe(2);
    tf.dispose([logits, hidden]);
  });

  it('mixes at the bottleneck', () => {
    const perm = new Int32Array([4, 3, 2, 1, 0]);
    const plain = net.forward(x);
    const mixed = net.forward(x, { mix: { layer: 2, lam: 0.5, perm } });
    expect(plain.sub(mixed).abs().max().dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([plain, mixed]);
  });

  it('rejects a zero-width bottleneck', () => {
    expect(() => createBottleneckMlp(new Rng(1),
      { inputShape: [2], bottleneck: 0 })).toThrow(/bottleneck must be/);
  });
});
