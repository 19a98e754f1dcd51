import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  ctcLoss, type CtcImplementation, type CtcLabels, type CtcLossArgs,
} from './ctc-loss.js';

interface RefCase {
  name: string;
  T: number;
  B: number;
  V: number;
  blank: number;
  logits: number[][][];
  targets: number[][];
  inputLengths: number[];
  loss: (number | null)[];
  gradLogits: number[][][];
}

const REF_PATH = fileURLToPath(
    new URL('../../../../../shared/reference/ctc-pytorch.json',
        import.meta.url));
const missing = existsSync(REF_PATH) ? null : `missing ${REF_PATH}`;
const cases: RefCase[] = missing === null ?
  JSON.parse(readFileSync(REF_PATH, 'utf8')).cases : [];

function lossAndGrad(c: RefCase, implementation: CtcImplementation): {
  loss: number[];
  grad: number[][][];
} {
  const logits = tf.tensor3d(c.logits);
  const perLine = (x: tf.Tensor) => ctcLoss(
      tf.logSoftmax(x, 2), c.targets, c.inputLengths,
      { blank: c.blank, reduction: 'none', implementation });
  const summed = (x: tf.Tensor) => ctcLoss(
      tf.logSoftmax(x, 2), c.targets, c.inputLengths,
      { blank: c.blank, reduction: 'sum', zeroInfinity: true,
        implementation });
  const loss = tf.tidy(() => perLine(logits).arraySync() as number[]);
  const grad = tf.tidy(() => tf.grad(summed)(logits).arraySync());
  logits.dispose();
  return { loss, grad: grad as number[][][] };
}

function maxAbsDiff(a: number[][][], b: number[][][]): number {
  return Math.max(...a.flat(2).map((x, i) => Math.abs(x - b.flat(2)[i])));
}

describe.skipIf(missing !== null)(
    `ctcLoss vs PyTorch${missing === null ? '' : ` (${missing})`}`, () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
  });

  const impls: CtcImplementation[] = ['ops', 'js'];
  const runs = cases.flatMap((c) => impls.map((i) => [c, i] as const));
  for (const [c, impl] of runs) {
    it(`matches losses and gradients: ${c.name} (${impl})`, () => {
      const { loss, grad } = lossAndGrad(c, impl);
      c.loss.forEach((want, b) => {
        if (want === null) expect(loss[b]).toBe(Infinity);
        else expect(Math.abs(loss[b] - want)).toBeLessThan(1e-4);
      });
      expect(grad.flat(2).every(Number.isFinite)).toBe(true);
      expect(maxAbsDiff(grad, c.gradLogits)).toBeLessThan(1e-4);
    });
  }

  it('matches on the cpu backend too', async () => {
    await tf.setBackend('cpu');
    const c = cases.find((x) => x.name === 'variable-input-lengths')!;
    const { loss, grad } = lossAndGrad(c, 'ops');
    await tf.setBackend('wasm');
    c.loss.forEach((want, b) => {
      expect(Math.abs(loss[b] - want!)).toBeLessThan(1e-4);
    });
    expect(maxAbsDiff(grad, c.gradLogits)).toBeLessThan(1e-4);
  });
});

describe.each(['ops', 'js'] as const)('ctcLoss (%s)', (implementation) => {
  const ctc = (
    x: tf.Tensor, labels: CtcLabels, lengths: number[],
    args: CtcLossArgs = {},
  ) => ctcLoss(x, labels, lengths, { implementation, ...args });

  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
  });
  // Two steps, V = 2 (blank 0, 'a' 1), p(a) = 0.75 at every step.
  const logProbs = () =>
    tf.log(tf.tensor3d([[[0.25, 0.75]], [[0.25, 0.75]]]));

  it('sums the probability of every alignment', () => {
    // Paths for 'a': aa, a-, -a: 0.5625 + 0.1875 + 0.1875 = 0.9375.
    const loss = ctc(logProbs(), [[1]], [2], { reduction: 'none' });
    expect(loss.shape).toEqual([1]);
    expect(loss.dtype).toBe('float32');
    expect(loss.dataSync()[0]).toBeCloseTo(-Math.log(0.9375), 5);
  });

  it('reduces with none, sum and mean (divided by label length)', () => {
    const x = tf.log(tf.fill([3, 2, 3], 1 / 3));
    const labels = [[1, 2], [2]];
    const none = ctc(x, labels, [3, 3], { reduction: 'none' });
    const [a, b] = none.dataSync();
    const sum = ctc(x, labels, [3, 3], { reduction: 'sum' });
    const mean = ctc(x, labels, [3, 3]);
    expect(sum.dataSync()[0]).toBeCloseTo(a + b, 5);
    expect(mean.dataSync()[0]).toBeCloseTo((a / 2 + b) / 2, 5);
  });

  it('accepts padded labels with labelLengths and batch-major input', () => {
    const x = tf.randomNormal([4, 2, 5], 0, 1, 'float32', 1);
    const logP = tf.logSoftmax(x, 2);
    const ragged = ctc(logP, [[1, 2], [3]], [4, 3], { reduction: 'none' });
    const padded = ctc(
        logP.transpose([1, 0, 2]), tf.tensor2d([[1, 2], [3, 0]], [2, 2],
            'int32'), [4, 3],
        { reduction: 'none', timeMajor: false, labelLengths: [2, 1] });
    expect(Array.from(padded.dataSync()))
        .toEqual(Array.from(ragged.dataSync()));
  });

  it('zeroes an impossible line with zeroInfinity, and never gives NaN', () => {
    // 'aa' needs a blank between the repeats: 3 steps, but only 2 here.
    const x = tf.zeros([2, 1, 3]);
    const f = (z: tf.Tensor) => ctc(
        tf.logSoftmax(z, 2), [[1, 1]], [2], { zeroInfinity: true });
    expect(ctc(x, [[1, 1]], [2]).dataSync()[0]).toBe(Infinity);
    expect(f(x).dataSync()[0]).toBe(0);
    expect(Array.from(tf.grad(f)(x).dataSync()).every((g) => g === 0))
        .toBe(true);
  });

  it('honours a non-zero blank index', () => {
    const x = tf.randomNormal([5, 1, 4], 0, 1, 'float32', 2);
    const logP = tf.logSoftmax(x, 2);
    // Moving the blank from 0 to 3 and relabelling keeps the loss.
    const moved = tf.concat(
        [logP.slice([0, 0, 1], [5, 1, 3]), logP.slice([0, 0, 0], [5, 1, 1])],
        2);
    const a = ctc(logP, [[1, 2]], [5]).dataSync()[0];
    const b = ctc(moved, [[0, 1]], [5], { blank: 3 }).dataSync()[0];
    expect(b).toBeCloseTo(a, 5);
  });

  it('leaks no tensors, forward or backward', () => {
    const x = tf.randomNormal([6, 2, 5], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const f = (z: tf.Tensor) =>
      ctc(tf.logSoftmax(z, 2), [[1, 2], [3]], [6, 4]);
    tf.dispose(tf.tidy(() => f(x)));
    tf.dispose(tf.grad(f)(x));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad shapes, lengths and labels', () => {
    const x = tf.zeros([3, 1, 4]);
    expect(() => ctc(tf.zeros([3, 4]), [[1]], [3])).toThrow(/rank 3/);
    expect(() => ctc(x, [[1]], [4])).toThrow(/inputLengths\[0\]/);
    expect(() => ctc(x, [[0]], [3])).toThrow(/other than the blank/);
    expect(() => ctc(x, [[4]], [3])).toThrow(/symbol id/);
    expect(() => ctc(x, [[1], [2]], [3])).toThrow(/one entry per line/);
    expect(() => ctc(x, [[1]], [3], { blank: 4 })).toThrow(/blank/);
    expect(() => ctc(x, [[1]], [3], { reduction: 'avg' as 'sum' }))
        .toThrow(/reduction/);
  });
});
