import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from '../backend/init-backend.js';
import {
  accuracy, classificationMetrics, expectedCalibrationError,
  meanMaxProbability, negativeLogLikelihood,
} from './classification.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

const probs = () => tf.tensor2d([
  [0.9, 0.1], [0.6, 0.4], [0.3, 0.7], [0.2, 0.8]]);
const labels = [0, 1, 1, 0];

describe('classification metrics', () => {
  it('computes accuracy, NLL and mean confidence by hand', () => {
    expect(accuracy(probs(), labels)).toBe(0.5);
    const nll = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.7) +
      Math.log(0.2)) / 4;
    expect(negativeLogLikelihood(probs(), labels)).toBeCloseTo(nll, 6);
    expect(meanMaxProbability(probs())).toBeCloseTo((0.9 + 0.6 + 0.7 + 0.8) / 4, 6);
  });

  it('bins confidences for ECE', () => {
    // 15 bins: 0.9 -> bin 13 (hit), 0.6 -> bin 8 (miss), 0.7 -> bin 10
    // (hit), 0.8 -> bin 11 (miss). ECE = (0.1 + 0.6 + 0.3 + 0.8) / 4.
    expect(expectedCalibrationError(probs(), labels))
        .toBeCloseTo((0.1 + 0.6 + 0.3 + 0.8) / 4, 6);
    // One bin: |accuracy - mean confidence|.
    expect(expectedCalibrationError(probs(), labels, 1))
        .toBeCloseTo(Math.abs(0.5 - 0.75), 6);
  });

  it('gathers all figures in one call', () => {
    const m = classificationMetrics(probs(), labels);
    expect(m.error).toBeCloseTo(0.5, 6);
    expect(m.accuracy + m.error).toBe(1);
  });

  it('rejects labels out of range and a count mismatch', () => {
    expect(() => accuracy(probs(), [0, 1, 2, 0]))
        .toThrow(/labels must be integers in \[0, 2\), but labels\[2\] is 2/);
    expect(() => accuracy(probs(), [0, 1]))
        .toThrow(/disagree on the number of examples \(4 vs 2\)/);
    expect(() => expectedCalibrationError(probs(), labels, 0))
        .toThrow(/bins must be an integer >= 1, but got 0/);
  });

  it('rejects logits and rows that are not distributions', () => {
    const logits = tf.tensor2d([[2.5, -1], [0.1, 0.3]]);
    expect(() => negativeLogLikelihood(logits, [0, 1])).toThrow(
      'negativeLogLikelihood: probs must hold probabilities in [0, 1] ' +
      '(a softmax, not logits), but probs[0][0] is 2.5.');
    const short = tf.tensor2d([[0.5, 0.4], [0.5, 0.5]]);
    expect(() => accuracy(short, [0, 1]))
        .toThrow(/each row of probs must sum to 1, but row 0 sums to 0\.9/);
    expect(() => accuracy(tf.tensor2d([[NaN, 1]]), [1]))
        .toThrow(/probs\[0\]\[0\] is NaN/);
    const plain = { values: Float32Array.from([2.5, -1, 0.3, 0.7]),
      numClasses: 2 };
    expect(() => meanMaxProbability(plain))
        .toThrow(/meanMaxProbability: probs must hold probabilities/);
    expect(() => meanMaxProbability({
      values: Float32Array.from([0.2, 0.3, 0.5, 0.9]), numClasses: 3 }))
        .toThrow(/whole rows of numClasses values, but got 4 values for numClasses 3/);
  });
});
