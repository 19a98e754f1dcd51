import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Rng } from '@mixup/core';
import { beforeAll, describe, expect, it } from 'vitest';

import { createCrnn } from './crnn.js';

describe('createCrnn', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  const tiny = () => createCrnn(
      { vocabularySize: 5, channels: [2, 3, 4], hidden: 6, height: 16 },
      new Rng(3));

  it('gives W / 4 frames of V logits for any width', () => {
    const net = tiny();
    for (const width of [32, 20, 48]) {
      const out = net.forward(tf.zeros([2, 16, width, 1]) as tf.Tensor4D);
      expect(out.shape).toEqual([2, width / 4, 5]);
      expect(out.dtype).toBe('float32');
      out.dispose();
    }
    expect(net.maxMixPoint).toBe(3);
    expect(net.model.inputs[0].shape).toEqual([null, 16, null, 1]);
    net.dispose();
  });

  it('mixes at every point and matches the network at lam = 1', () => {
    const net = tiny();
    const x = tf.randomUniform(
        [3, 16, 24, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const plain = net.forward(x);
    const perm = Int32Array.from([2, 0, 1]);
    for (let layer = 0; layer <= net.maxMixPoint; layer++) {
      const same = net.forward(x, { mix: { layer, lam: 1, perm } });
      const mixed = net.forward(x, { mix: { layer, lam: 0.5, perm } });
      expect(tf.max(tf.abs(same.sub(plain))).dataSync()[0]).toBeLessThan(1e-6);
      expect(tf.max(tf.abs(mixed.sub(plain))).dataSync()[0])
          .toBeGreaterThan(1e-6);
    }
    net.dispose();
  });

  it('is the same network for the same seed, and leaks no tensors', () => {
    const [a, b] = [tiny(), tiny()];
    const x = tf.ones([1, 16, 16, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const ya = a.forward(x);
    const yb = b.forward(x);
    expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
    tf.dispose([ya, yb]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad height, vocabulary or input', () => {
    const rng = new Rng(0);
    expect(() => createCrnn({ vocabularySize: 5, height: 20 }, rng))
        .toThrow(/multiple of 8/);
    expect(() => createCrnn({ vocabularySize: 1 }, rng))
        .toThrow(/vocabularySize/);
    const net = tiny();
    expect(() => net.forward(tf.zeros([1, 32, 16, 1]) as tf.Tensor4D))
        .toThrow(/\[B, 16, null, 1\]/);
    expect(() => net.forward(tf.zeros([1, 16, 16, 1]) as tf.Tensor4D,
        { mix: { layer: 4, lam: 0.5, perm: Int32Array.from([0]) } }))
        .toThrow(/mix point/);
  });
});
