import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  registerNaiveConv2DBackpropFilter,
  registerNaiveUnsortedSegmentSum,
  removeNaiveKernels,
} from './naive-kernels.js';
import { registerWasmKernels, restoreStockKernels } from './register.js';
import {
  relativeError,
  seededData,
  valuesOn,
  wasmDataIds,
} from './test-helpers.js';

const TOL = 1e-5;

function filterGrad(xShape: number[], filterShape: number[], stride: number,
  pad: 'same' | 'valid'): () => tf.Tensor {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number], stride, 1, pad);
  const dyShape = [xShape[0], info.outHeight, info.outWidth, filterShape[3]];
  const x = seededData(tf.util.sizeFromShape(xShape), 7);
  const dy = seededData(tf.util.sizeFromShape(dyShape), 8);
  return () => tf.engine().runKernel('Conv2DBackpropFilter',
    { x: tf.tensor(x, xShape), dy: tf.tensor(dy, dyShape) },
    { strides: stride, pad, dataFormat: 'NHWC', filterShape } as never,
  ) as tf.Tensor;
}

describe('naive wasm kernels', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
    restoreStockKernels();
    registerNaiveConv2DBackpropFilter();
    registerNaiveUnsortedSegmentSum();
  });

  afterAll(() => {
    removeNaiveKernels();
    registerWasmKernels();
  });

  it.each([
    [[2, 7, 9, 3], [3, 3, 3, 5], 1, 'same'],
    [[2, 8, 8, 4], [3, 3, 4, 6], 2, 'same'],
    [[1, 6, 5, 2], [2, 3, 2, 3], 1, 'valid'],
    [[3, 6, 6, 8], [1, 1, 8, 4], 2, 'valid'],
  ] as const)('match the cpu filter gradient for x %j f %j s%d %s',
    async (xShape, f, stride, pad) => {
      const run = filterGrad([...xShape], [...f], stride, pad);
      const ref = await valuesOn('cpu', run);
      const got = await valuesOn('wasm', run);
      expect(got.length).toBe(ref.length);
      expect(relativeError(got, ref)).toBeLessThan(TOL);
    });

  it('match the cpu segment sum, out-of-range ids dropped', async () => {
    const x = seededData(6 * 5, 3);
    const ids = [2, 0, 2, -1, 3, 9];
    const run = () => tf.unsortedSegmentSum(tf.tensor(x, [6, 5]),
      tf.tensor1d(ids, 'int32'), 4);
    // NOTE: the cpu kernel asserts ids in range, so drop them there.
    const keep = ids.map((s) => s >= 0 && s < 4);
    const ref = await valuesOn('cpu', () => tf.unsortedSegmentSum(
      tf.tensor(x.filter((_, i) => keep[Math.floor(i / 5)]), [4, 5]),
      tf.tensor1d(ids.filter((_, i) => keep[i]), 'int32'), 4));
    expect(relativeError(await valuesOn('wasm', run), ref))
      .toBeLessThan(TOL);
  });

  it('train a conv net with the gather gradient, leak-free', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(seededData(4 * 6 * 6 * 2, 4), [4, 6, 6, 2]);
    const w = tf.variable(tf.tensor(seededData(3 * 3 * 2 * 3, 5),
      [3, 3, 2, 3]) as tf.Tensor4D);
    const perm = tf.tensor1d([2, 0, 3, 1], 'int32');
    const step = () => {
      const { value, grads } = tf.variableGrads(() =>
        tf.sum(tf.square(tf.gather(tf.conv2d(x as tf.Tensor4D, w, 1,
          'same'), perm))), [w]);
      const norm = tf.tidy(() =>
        tf.sum(tf.abs(grads[w.name])).dataSync()[0]);
      tf.dispose([value, ...Object.values(grads)]);
      return norm;
    };
    expect(step()).toBeGreaterThan(0);
    const tensors = tf.memory().numTensors;
    const buffers = wasmDataIds();
    step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(buffers);
    tf.dispose([x, w, perm]);
  });

  it('refuse to replace a registered kernel', () => {
    removeNaiveKernels();
    registerWasmKernels();
    try {
      expect(() => registerNaiveConv2DBackpropFilter())
        .toThrow(/must lack 'Conv2DBackpropFilter'/);
    } finally {
      restoreStockKernels();
      registerNaiveConv2DBackpropFilter();
      registerNaiveUnsortedSegmentSum();
    }
  });

  it('are removed by removeNaiveKernels', () => {
    expect(removeNaiveKernels().sort())
      .toEqual(['Conv2DBackpropFilter', 'UnsortedSegmentSum']);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(removeNaiveKernels()).toEqual([]);
  });
});
