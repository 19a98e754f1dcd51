import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { registerWasmKernels } from './register.js';
import {
  relativeError,
  seededData,
  valuesOn,
  wasmDataIds,
} from './test-helpers.js';

describe('UnsortedSegmentSum on wasm', () => {
  beforeAll(async () => {
    registerWasmKernels();
    await tf.setBackend('wasm');
    await tf.ready();
  });

  it('matches cpu with repeated and unused segments', async () => {
    const x = seededData(10 * 3 * 4, 21);
    const ids = [4, 0, 4, 2, 2, 2, 0, 4, 1, 0];
    const f = () => tf.unsortedSegmentSum(tf.tensor(x, [10, 3, 4]),
      tf.tensor1d(ids, 'int32'), 6);
    const ref = await valuesOn('cpu', f);
    expect(relativeError(await valuesOn('wasm', f), ref)).toBeLessThan(1e-6);
  });

  it('sums int32 values exactly', async () => {
    await tf.setBackend('wasm');
    const out = tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4], 'int32'),
      tf.tensor1d([1, 1, 0, 1], 'int32'), 3);
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual([3, 7, 0]);
    out.dispose();
  });

  it('gives the gather gradient of a mixup permutation', async () => {
    const h = seededData(6 * 5, 22);
    const perm = [3, 5, 0, 1, 4, 2];
    const f = () => {
      const x = tf.tensor2d(h, [6, 5]);
      const mix = (t: tf.Tensor) =>
        tf.sum(tf.mul(tf.gather(t, tf.tensor1d(perm, 'int32')), t));
      return tf.grad(mix)(x);
    };
    const ref = await valuesOn('cpu', f);
    expect(relativeError(await valuesOn('wasm', f), ref)).toBeLessThan(1e-5);
  });

  it('leaks no tensors or heap buffers', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([20, 3]);
    const ids = tf.tensor1d([...Array(20).keys()].map((i) => i % 7), 'int32');
    const step = () => tf.unsortedSegmentSum(x, ids, 7).dispose();
    step();
    const tensors = tf.memory().numTensors;
    const buffers = wasmDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(buffers);
    tf.dispose([x, ids]);
  });
});
