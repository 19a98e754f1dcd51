import * as tf from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { setChunkFloatsForTests } from './conv2d-backprop-filter.js';
import { registerWasmKernels } from './register.js';
import {
  relativeError,
  seededData,
  valuesOn,
  wasmDataIds,
} from './test-helpers.js';

type Pad = 'same' | 'valid' | number[][];
interface Case {
  x: [number, number, number, number];
  f: [number, number, number, number];
  stride: number;
  pad: Pad;
  dilation: number;
}

const TOL = 1e-4;
const CASES: Case[] = [];
for (const stride of [1, 2]) {
  const pads: Pad[] = ['same', 'valid', [[0, 0], [2, 0], [1, 3], [0, 0]]];
  for (const pad of pads) {
    for (const dilation of [1, 2]) {
      if (stride > 1 && dilation > 1) continue;
      CASES.push({ x: [2, 7, 9, 3], f: [3, 3, 3, 5], stride, pad, dilation });
      CASES.push({ x: [1, 8, 5, 4], f: [2, 3, 4, 2], stride, pad, dilation });
    }
  }
  CASES.push({ x: [3, 6, 6, 8], f: [1, 1, 8, 4], stride, pad: 'valid',
    dilation: 1 });
}

function info(c: Case): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(c.x, c.f, c.stride, c.dilation,
    c.pad as 'same');
}

/** Naive direct sums for both gradients; works for any dilation. */
function naiveGrads(c: Case, x: Float32Array, w: Float32Array,
  dy: Float32Array): { dx: Float32Array; dw: Float32Array } {
  const g = info(c);
  const [b, h, wd, ci] = c.x;
  const [fh, fw, , co] = c.f;
  const dx = new Float32Array(x.length);
  const dw = new Float32Array(w.length);
  for (let n = 0; n < b; n++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      for (let ow = 0; ow < g.outWidth; ow++) {
        for (let kh = 0; kh < fh; kh++) {
          const ih = oh * c.stride - g.padInfo.top + kh * c.dilation;
          if (ih < 0 || ih >= h) continue;
          for (let kw = 0; kw < fw; kw++) {
            const iw = ow * c.stride - g.padInfo.left + kw * c.dilation;
            if (iw < 0 || iw >= wd) continue;
            for (let i = 0; i < ci; i++) {
              const xi = ((n * h + ih) * wd + iw) * ci + i;
              for (let o = 0; o < co; o++) {
                const d = dy[((n * g.outHeight + oh) * g.outWidth + ow) *
                  co + o];
                const wi = ((kh * fw + kw) * ci + i) * co + o;
                dx[xi] += w[wi] * d;
                dw[wi] += x[xi] * d;
              }
            }
          }
        }
      }
    }
  }
  return { dx, dw };
}

function runKernel(name: string, inputs: Record<string, tf.Tensor>,
  attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as never) as tf.Tensor;
}

async function compare(c: Case): Promise<[number, number]> {
  const g = info(c);
  const dyShape = [c.x[0], g.outHeight, g.outWidth, c.f[3]];
  const x = seededData(tf.util.sizeFromShape(c.x), 1);
  const w = seededData(tf.util.sizeFromShape(c.f), 2);
  const dy = seededData(tf.util.sizeFromShape(dyShape), 3);
  const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC',
    dilations: c.dilation };
  const dxOf = () => runKernel('Conv2DBackpropInput',
    { dy: tf.tensor(dy, dyShape), filter: tf.tensor(w, c.f) },
    { ...attrs, inputShape: c.x });
  const dwOf = () => runKernel('Conv2DBackpropFilter',
    { x: tf.tensor(x, c.x), dy: tf.tensor(dy, dyShape) },
    { ...attrs, filterShape: c.f });
  const ref = naiveGrads(c, x, w, dy);
  if (c.dilation === 1) {
    // The cpu kernels are the reference the brief asks for; the naive sums
    // cover dilations, which the cpu kernels ignore.
    const cpuDx = await valuesOn('cpu', dxOf);
    const cpuDw = await valuesOn('cpu', dwOf);
    expect(relativeError(cpuDx, ref.dx)).toBeLessThan(TOL);
    expect(relativeError(cpuDw, ref.dw)).toBeLessThan(TOL);
  }
  return [
    relativeError(await valuesOn('wasm', dxOf), ref.dx),
    relativeError(await valuesOn('wasm', dwOf), ref.dw),
  ];
}

function label(c: Case): string {
  return `x ${c.x} f ${c.f} s${c.stride} ${JSON.stringify(c.pad)} ` +
    `d${c.dilation}`;
}

describe('conv2d backprop kernels on wasm', () => {
  beforeAll(async () => {
    registerWasmKernels();
    await tf.setBackend('wasm');
    await tf.ready();
  });

  it.each(CASES.map((c) => [label(c), c] as const))(
    'match the reference for %s', async (_, c) => {
      const [dxErr, dwErr] = await compare(c);
      expect(dxErr).toBeLessThan(TOL);
      expect(dwErr).toBeLessThan(TOL);
    });

  it('match the reference when the filter gradient is chunked', async () => {
    setChunkFloatsForTests(64);
    try {
      const c: Case = { x: [5, 6, 7, 2], f: [3, 3, 2, 3], stride: 1,
        pad: 'same', dilation: 1 };
      const [, dwErr] = await compare(c);
      expect(dwErr).toBeLessThan(TOL);
    } finally {
      setChunkFloatsForTests();
    }
  });

  it('leak no tensors or heap buffers', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(seededData(2 * 9 * 9 * 4, 4), [2, 9, 9, 4]);
    const w = tf.variable(tf.tensor(seededData(3 * 3 * 4 * 6, 5),
      [3, 3, 4, 6]) as tf.Tensor4D);
    const step = () => {
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.conv2d(x as tf.Tensor4D, w, 2, 'same')), [w]);
      tf.dispose([value, ...Object.values(grads)]);
    };
    step();
    const tensors = tf.memory().numTensors;
    const buffers = wasmDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(buffers);
    tf.dispose([x, w]);
  });

  it('rejects NCHW', async () => {
    await tf.setBackend('wasm');
    expect(() => tf.tidy(() => runKernel('Conv2DBackpropFilter',
      { x: tf.zeros([1, 2, 4, 4]), dy: tf.zeros([1, 2, 4, 4]) },
      { strides: 1, pad: 'same', dataFormat: 'NCHW',
        filterShape: [1, 1, 2, 2] }))).toThrow(/only dataFormat 'NHWC'/);
  });
});
