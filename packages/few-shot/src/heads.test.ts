import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { createHead } from './heads.js';
import { useTestBackend } from './test-backend.js';

beforeAll(useTestBackend);

describe('createHead', () => {
  it('gives cosine logits bounded by the scale and blind to feature norm',
    () => {
      const head = createHead(new Rng(1), 6, 4, { scale: 10 });
      const f = tf.randomNormal([3, 6], 0, 1, 'float32', 2) as tf.Tensor2D;
      const f5 = f.mul(5) as tf.Tensor2D;
      const a = head.apply(f);
      const b = head.apply(f5);
      expect(a.shape).toEqual([3, 4]);
      const values = Array.from(a.dataSync());
      expect(values.every((v) => Math.abs(v) <= 10 + 1e-4)).toBe(true);
      const other = Array.from(b.dataSync());
      values.forEach((v, i) => expect(other[i]).toBeCloseTo(v, 4));
      tf.dispose([f, f5, a, b]);
      head.dispose();
    });

  it('has a bias in the linear kind', () => {
    const head = createHead(new Rng(1), 6, 4, { kind: 'linear' });
    expect(head.variables.map((v) => v.shape)).toEqual([[6, 4], [4]]);
    head.dispose();
  });

  it('is seeded by the generator', () => {
    const a = createHead(new Rng(3), 5, 2);
    const b = createHead(new Rng(3), 5, 2);
    expect(Array.from(a.variables[0].dataSync()))
      .toEqual(Array.from(b.variables[0].dataSync()));
    a.dispose();
    b.dispose();
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const head = createHead(new Rng(1), 6, 4, { kind: 'linear' });
    const f = tf.ones([2, 6]) as tf.Tensor2D;
    tf.dispose([head.apply(f), f]);
    head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad sizes and kinds', () => {
    expect(() => createHead(new Rng(1), 0, 4)).toThrow(/inputSize must be/);
    expect(() => createHead(new Rng(1), 4, 4, { kind: 'mlp' as 'cosine' }))
      .toThrow(/kind must be one of/);
  });
});
