import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { registerWasmKernels } from './register.js';
import {
  relativeError,
  seededData,
  valuesOn,
  wasmDataIds,
} from './test-helpers.js';

const TOL = 1e-4;

/** [aShape, bShape] for a product [..., M, K] x [..., K, N]. */
function shapes(batch: number[], m: number, k: number, n: number,
  ta: boolean, tb: boolean): [number[], number[]] {
  return [
    [...batch, ...(ta ? [k, m] : [m, k])],
    [...batch, ...(tb ? [n, k] : [k, n])],
  ];
}

const CASES: [string, number[], number[], boolean, boolean][] = [];
for (const ta of [false, true]) {
  for (const tb of [false, true]) {
    const tag = `ta=${ta} tb=${tb}`;
    CASES.push([`rank 2 ${tag}`, ...shapes([], 7, 13, 5, ta, tb), ta, tb]);
    CASES.push([`rank 3 ${tag}`, ...shapes([3], 4, 9, 6, ta, tb), ta, tb]);
    CASES.push([`batch 1 ${tag}`, ...shapes([1], 1, 17, 3, ta, tb), ta, tb]);
  }
}

describe('BatchMatMul and _FusedMatMul on wasm', () => {
  beforeAll(async () => {
    registerWasmKernels();
    await tf.setBackend('wasm');
    await tf.ready();
  });

  it.each(CASES)('match cpu for %s', async (_, aShape, bShape, ta, tb) => {
    const a = seededData(tf.util.sizeFromShape(aShape), 11);
    const b = seededData(tf.util.sizeFromShape(bShape), 12);
    const f = () => tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape),
      ta, tb);
    const ref = await valuesOn('cpu', f);
    expect(relativeError(await valuesOn('wasm', f), ref)).toBeLessThan(TOL);
  });

  it('match cpu for a broadcast batch', async () => {
    const a = seededData(2 * 5 * 4, 13);
    const b = seededData(6 * 4, 14);
    const f = () => tf.matMul(tf.tensor(a, [2, 5, 4]),
      tf.tensor(b, [1, 6, 4]), false, true);
    const ref = await valuesOn('cpu', f);
    expect(relativeError(await valuesOn('wasm', f), ref)).toBeLessThan(TOL);
  });

  it('match cpu for a fused product with bias and relu', async () => {
    const a = seededData(9 * 6, 15);
    const b = seededData(4 * 9, 16);
    const bias = seededData(4, 17);
    const f = () => tf.fused.matMul({
      a: tf.tensor2d(a, [9, 6]), b: tf.tensor2d(b, [4, 9]),
      transposeA: true, transposeB: true, bias: tf.tensor1d(bias),
      activation: 'relu',
    });
    const ref = await valuesOn('cpu', f);
    expect(relativeError(await valuesOn('wasm', f), ref)).toBeLessThan(TOL);
  });

  it('leaks no tensors or heap buffers', async () => {
    await tf.setBackend('wasm');
    const a = tf.randomNormal([8, 5]);
    const b = tf.randomNormal([7, 5]);
    const c = tf.randomNormal([8, 3]);
    const step = () => tf.dispose([tf.matMul(a, b, false, true),
      tf.matMul(a, c, true, false)]);
    step();
    const tensors = tf.memory().numTensors;
    const buffers = wasmDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(buffers);
    tf.dispose([a, b, c]);
  });
});
