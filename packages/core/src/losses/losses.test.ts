import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from '../backend/init-backend.js';
import { mixTargets } from '../mixup/mix-hidden.js';
import { pairLoss } from './pair-loss.js';
import {
  binaryCrossEntropyOnSoftmax, softCrossEntropy,
} from './soft-cross-entropy.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

const logits = () => tf.tensor2d([[2, -1, 0.5], [0, 0, 0], [-3, 4, 1], [1, 1, -2]]);
const labels = () => tf.oneHot(tf.tensor1d([0, 2, 1, 1], 'int32'), 3).toFloat();

describe('softCrossEntropy', () => {
  it('equals -log softmax of the label for one-hot targets', () => {
    const loss = softCrossEntropy(logits(), labels(), 'none').dataSync();
    expect(loss[1]).toBeCloseTo(Math.log(3), 5);
    const z = [2, -1, 0.5];
    const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    expect(loss[0]).toBeCloseTo(lse - 2, 5);
  });

  it('of mixed targets is the lambda-weighted loss of the two targets', () => {
    const perm = tf.tensor1d([3, 2, 0, 1], 'int32');
    const y = labels() as tf.Tensor2D;
    for (const lam of [0, 0.3, 0.77, 1]) {
      const mixed = softCrossEntropy(logits(), mixTargets(y, lam, perm));
      const pair = pairLoss((out, t: tf.Tensor) => softCrossEntropy(out, t),
        logits(), y, tf.gather(y, perm), lam);
      expect(mixed.dataSync()[0]).toBeCloseTo(pair.dataSync()[0], 5);
    }
  });

  it('reduces by mean, sum or not at all', () => {
    const none = softCrossEntropy(logits(), labels(), 'none');
    expect(none.shape).toEqual([4]);
    const total = none.sum().dataSync()[0];
    expect(softCrossEntropy(logits(), labels(), 'sum').dataSync()[0])
        .toBeCloseTo(total, 5);
    expect(softCrossEntropy(logits(), labels()).dataSync()[0])
        .toBeCloseTo(total / 4, 5);
  });

  it('rejects mismatched shapes, wrong rank and a bad reduction', () => {
    expect(() => softCrossEntropy(logits(), tf.zeros([4, 2])))
        .toThrow(/same shape, but got \[4,3\] and \[4,2\]/);
    expect(() => softCrossEntropy(tf.zeros([4]), tf.zeros([4])))
        .toThrow(/rank 2 \[B, K\], but got rank 1/);
    expect(() => softCrossEntropy(logits(), labels(), 'avg' as 'mean'))
        .toThrow(/reduction must be 'none', 'sum' or 'mean', but got 'avg'/);
  });
});

describe('pairLoss', () => {
  it('weights per-example losses by per-example lambdas', () => {
    const y = labels();
    const yB = tf.gather(y, tf.tensor1d([1, 0, 3, 2], 'int32'));
    const lam = tf.tensor1d([1, 0, 0.5, 0.25]);
    const perExample = (out: tf.Tensor, t: tf.Tensor) =>
      softCrossEntropy(out, t, 'none');
    const a = perExample(logits(), y).dataSync();
    const b = perExample(logits(), yB).dataSync();
    const want = (a[0] + b[1] + 0.5 * (a[2] + b[2]) +
      0.25 * a[3] + 0.75 * b[3]) / 4;
    expect(pairLoss(perExample, logits(), y, yB, lam).dataSync()[0])
        .toBeCloseTo(want, 5);
  });

  it('rejects a lambda outside [0, 1]', () => {
    expect(() => pairLoss(softCrossEntropy, logits(), labels(), labels(), -0.1))
        .toThrow(/lam must be in \[0, 1\], but got -0.1/);
  });
});

describe('binaryCrossEntropyOnSoftmax', () => {
  it('averages the binary cross-entropy over classes and examples', () => {
    const p = tf.softmax(logits()).arraySync() as number[][];
    const y = labels().arraySync() as number[][];
    let total = 0;
    for (let i = 0; i < 4; i++) {
      for (let k = 0; k < 3; k++) {
        total -= y[i][k] * Math.log(p[i][k]) +
          (1 - y[i][k]) * Math.log(1 - p[i][k]);
      }
    }
    expect(binaryCrossEntropyOnSoftmax(logits(), labels()).dataSync()[0])
        .toBeCloseTo(total / 12, 5);
  });
});
