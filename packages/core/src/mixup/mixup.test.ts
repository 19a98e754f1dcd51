import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from '../backend/init-backend.js';
import { Rng } from '../random/rng.js';
import { drawMix } from './draw-mix.js';
import { createMethod } from './methods.js';
import { mixHidden, mixTargets } from './mix-hidden.js';
import { sampleLambda, sampleLambdas } from './sample-lambda.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

describe('mixHidden', () => {
  const hidden = () => tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
  const perm = () => tf.tensor1d([2, 0, 1], 'int32');

  it('computes lam * h + (1 - lam) * h[perm]', () => {
    const mixed = mixHidden(hidden(), 0.25, perm());
    expect(mixed.shape).toEqual([3, 2]);
    // Row 1: 0.25 * [3, 4] + 0.75 * [1, 2] = [1.5, 2.5].
    const want = [[4, 5], [1.5, 2.5], [3.5, 4.5]];
    expect(mixed.arraySync()).toEqual(want);
  });

  it('mixes each example with its own lambda', () => {
    const lam = tf.tensor1d([1, 0, 0.5]);
    const mixed = mixHidden(hidden(), lam, perm()).arraySync() as number[][];
    expect(mixed).toEqual([[1, 2], [1, 2], [4, 5]]);
  });

  it('keeps the shape of rank-4 activations', () => {
    const h = tf.randomNormal([4, 3, 3, 2]);
    const mixed = mixHidden(h, 0.3, tf.tensor1d([1, 2, 3, 0], 'int32'));
    expect(mixed.shape).toEqual([4, 3, 3, 2]);
  });

  it('passes gradients through both terms', () => {
    const p = perm();
    const grad = tf.grad((h: tf.Tensor) => mixHidden(h, 0.3, p).sum())(hidden());
    // Each row appears once as itself (0.3) and once as a partner (0.7).
    const values = grad.dataSync();
    for (const v of values) expect(v).toBeCloseTo(1, 6);
    const gradFirst = tf.grad((h: tf.Tensor) =>
      mixHidden(h, 0.3, p).slice([0, 0], [1, 2]).sum())(hidden());
    expect(gradFirst.arraySync()).toEqual([[0.3, 0.3], [0, 0], [0.7, 0.7]].map(
      (r) => r.map((v) => expect.closeTo(v, 6))));
  });

  it('leaks no tensors', () => {
    const h = hidden();
    const p = perm();
    const before = tf.memory().numTensors;
    tf.dispose(mixHidden(h, 0.3, p));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a batch-size mismatch', () => {
    expect(() => mixHidden(hidden(), 0.3, tf.tensor1d([1, 0], 'int32')))
        .toThrow(/disagree on batch size \(3 vs 2\)/);
  });

  it('rejects a lambda outside [0, 1] and a float permutation', () => {
    expect(() => mixHidden(hidden(), 1.5, perm()))
        .toThrow(/lam must be in \[0, 1\], but got 1.5/);
    expect(() => mixHidden(hidden(), 0.5, tf.tensor1d([2, 0, 1])))
        .toThrow(/perm must be an int32 tensor/);
    expect(() => mixTargets(hidden(), tf.tensor1d([0.5]), perm()))
        .toThrow(/per-example lam must have shape \[3\]/);
  });

  it('rejects a rank-0 input', () => {
    expect(() => mixHidden(tf.scalar(1), 0.5, tf.tensor1d([0], 'int32')))
        .toThrow(/rank >= 1/);
  });
});

describe('sampleLambda', () => {
  it('rejects alpha <= 0', () => {
    expect(() => sampleLambda(new Rng(1), 0))
        .toThrow('sampleLambda: alpha must be > 0, but got 0.');
    expect(() => sampleLambda(new Rng(1), -1)).toThrow(/but got -1/);
    expect(() => sampleLambdas(new Rng(1), 1, 0)).toThrow(/count must be/);
  });

  it('is uniform on [0, 1] for alpha = 1', () => {
    const rng = new Rng(5);
    const lams = sampleLambdas(rng, 1, 20_000);
    const below = lams.filter((l) => l < 0.25).length / lams.length;
    expect(below).toBeGreaterThan(0.23);
    expect(below).toBeLessThan(0.27);
  });
});

describe('createMethod', () => {
  it('gives the paper defaults', () => {
    expect(createMethod('manifold')).toMatchObject(
      { mixPoints: [0, 1, 2], alpha: 2, lambdaMode: 'batch' });
    expect(createMethod('input')).toMatchObject({ mixPoints: [0], alpha: 1 });
    expect(createMethod('erm').mixPoints).toEqual([]);
    expect(createMethod('dropout').dropoutRate).toBe(0.5);
  });

  it('rejects each bad setting by name', () => {
    expect(() => createMethod('cutmix')).toThrow(/must be one of .* got 'cutmix'/);
    expect(() => createMethod('manifold', { mixPoints: [] }))
        .toThrow(/non-empty set of mix points, but got \[\]/);
    expect(() => createMethod('manifold', { alpha: 0 }))
        .toThrow(/alpha must be > 0, but got 0/);
    expect(() => createMethod('input', { mixPoints: [1] }))
        .toThrow(/layer 0 only/);
    expect(() => createMethod('manifold', { mixPoints: [1, 1] }))
        .toThrow(/distinct/);
    expect(() => createMethod('manifold', { mixPoints: [-1] }))
        .toThrow(/integers >= 0, but got -1/);
    expect(() => createMethod('erm', { mixPoints: [0] }))
        .toThrow(/does not mix/);
  });
});

describe('drawMix', () => {
  it('draws k uniformly from S', () => {
    const rng = new Rng(11);
    const method = createMethod('manifold', { mixPoints: [0, 2, 5] });
    const counts = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const { layer } = drawMix(rng, method, 4)!;
      counts.set(layer, (counts.get(layer) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([0, 2, 5]);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(100);
  });

  it('returns null for a method that does not mix', () => {
    expect(drawMix(new Rng(1), createMethod('erm'), 8)).toBeNull();
  });

  it('draws one lambda per example on request', () => {
    const method = createMethod('manifold', { lambdaMode: 'example' });
    const draw = drawMix(new Rng(1), method, 6)!;
    expect((draw.lam as Float32Array).length).toBe(6);
    expect(draw.perm.length).toBe(6);
  });

  it('rejects a bad batch size', () => {
    expect(() => drawMix(new Rng(1), createMethod('input'), 0))
        .toThrow(/batchSize must be an integer >= 1, but got 0/);
  });
});
