import * as tf from '@tensorflow/tfjs-core';
import '@mixup/core';
import { Rng } from '@mixup/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SparseOperand, sparseMatMul } from './sparse-matmul.js';
import { randomCsr, useCpu } from './test-support.js';

beforeAll(useCpu);

function close(a: tf.Tensor, b: tf.Tensor, tol = 1e-4): void {
  const d = tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);
  expect(d).toBeLessThan(tol);
}

describe('sparseMatMul', () => {
  for (const withValues of [false, true]) {
    const kind = withValues ? 'with values' : 'as a pattern';
    it(`matches the dense product ${kind}, with its gradient`, () => {
      const rng = new Rng(1);
      const m = randomCsr(rng, 9, 7, 0.3, withValues);
      const a = new SparseOperand(m);
      const dense = tf.randomNormal([7, 4], 0, 1, 'float32', 3) as tf.Tensor2D;
      const mDense = tf.tensor2d(m.toDense(), [9, 7]);
      const got = sparseMatMul(a, dense);
      const want = tf.matMul(mDense, dense);
      expect(got.shape).toEqual([9, 4]);
      close(got, want);
      const probe = tf.randomNormal([9, 4], 0, 1, 'float32', 4);
      const g = tf.grad((d: tf.Tensor) =>
        sparseMatMul(a, d as tf.Tensor2D).mul(probe).sum())(dense);
      const gWant = tf.grad((d: tf.Tensor) =>
        tf.matMul(mDense, d as tf.Tensor2D).mul(probe).sum())(dense);
      close(g, gWant);
      tf.dispose([dense, mDense, got, want, probe, g, gWant]);
      a.dispose();
    });
  }

  it('pads trailing empty rows with zeros', () => {
    const rng = new Rng(2);
    const m = randomCsr(rng, 5, 5, 0.5, false);
    const sub = m.subMatrix(Int32Array.from([0, 1, 2]));
    const tail = sub.subMatrix(Int32Array.from([0, 1, 2]),
        Int32Array.from([]));
    const a = new SparseOperand(tail);
    const out = sparseMatMul(a, tf.zeros([0, 3]) as tf.Tensor2D);
    expect(out.shape).toEqual([3, 3]);
    tf.dispose(out);
    a.dispose();
  });

  it('leaks no tensors', () => {
    const m = randomCsr(new Rng(3), 6, 6, 0.4, false);
    const dense = tf.ones([6, 2]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const a = new SparseOperand(m);
    tf.dispose(sparseMatMul(a, dense));
    tf.dispose(tf.grad((d: tf.Tensor) =>
      sparseMatMul(a, d as tf.Tensor2D).sum())(dense));
    a.dispose();
    expect(tf.memory().numTensors).toBe(before);
    dense.dispose();
  });

  it('rejects a shape mismatch', () => {
    const a = new SparseOperand(randomCsr(new Rng(4), 3, 4, 0.5, false));
    const wrong = tf.ones([3, 2]) as tf.Tensor2D;
    expect(() => sparseMatMul(a, wrong))
      .toThrow(/dense must have shape \[4, D\], but got \[3,2\]/);
    wrong.dispose();
  });
});
