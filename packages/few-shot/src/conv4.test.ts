import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { conv4FeatureSize, createConv4 } from './conv4.js';
import { useTestBackend } from './test-backend.js';

beforeAll(useTestBackend);

describe('createConv4', () => {
  it('maps 28x28 images to 64 features with mix points 0..3', () => {
    const net = createConv4(new Rng(1));
    const x = tf.zeros([2, 28, 28, 1]);
    const f = net.forward(x);
    expect(f.shape).toEqual([2, 64]);
    expect(conv4FeatureSize(net)).toBe(64);
    expect(net.maxMixPoint).toBe(3);
    expect(net.hiddenAt(x, 3).shape).toEqual([2, 3, 3, 64]);
    tf.dispose([x, f]);
    net.dispose();
  });

  it('mixes at a hidden point when asked', () => {
    const net = createConv4(new Rng(1), { filters: 8 });
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3);
    const plain = net.forward(x, { training: false });
    const mixed = net.forward(x, { training: false,
      mix: { layer: 2, lam: 0.5, perm: Int32Array.from([1, 0, 3, 2]) } });
    expect(mixed.shape).toEqual(plain.shape);
    const diff = tf.tidy(() => plain.sub(mixed).abs().max().dataSync()[0]);
    expect(diff).toBeGreaterThan(1e-4);
    tf.dispose([x, plain, mixed]);
    net.dispose();
  });

  it('is seeded by the generator', () => {
    const a = createConv4(new Rng(5), { filters: 4 });
    const b = createConv4(new Rng(5), { filters: 4 });
    expect(Array.from(a.trainableVariables[0].dataSync()))
      .toEqual(Array.from(b.trainableVariables[0].dataSync()));
    a.dispose();
    b.dispose();
  });

  it('rejects more blocks than the input can pool', () => {
    expect(() => createConv4(new Rng(1), { inputShape: [8, 8, 1] }))
      .toThrow(/blocks must be/);
  });
});
