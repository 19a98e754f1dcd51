import * as tf from '@tensorflow/tfjs-core';
import '@mixup/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { consistencyWeight } from './rampup.js';
import { sharpen } from './sharpen.js';
import { useCpu } from './test-support.js';

beforeAll(useCpu);

describe('sharpen', () => {
  const probs = () => tf.tensor2d([[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]]);

  it('equals p^(1/T) normalised and keeps rows summing to 1', () => {
    const p = probs();
    const got = sharpen(p, 0.1).arraySync();
    const want = [[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]].map((row) => {
      const powed = row.map((v) => v ** 10);
      const sum = powed.reduce((a, b) => a + b, 0);
      return powed.map((v) => v / sum);
    });
    got.forEach((row, i) => row.forEach((v, j) =>
      expect(v).toBeCloseTo(want[i][j], 5)));
    got.forEach((row) =>
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5));
    // Sharper: the top class gains; T = 1 changes nothing.
    expect(got[0][0]).toBeGreaterThan(0.98);
    sharpen(p, 1).arraySync().forEach((row, i) => row.forEach((v, j) =>
      expect(v).toBeCloseTo(p.arraySync()[i][j], 5)));
    p.dispose();
  });

  it('does not underflow for tiny probabilities', () => {
    const p = tf.tensor2d([[1e-6, 2e-6, 1 - 3e-6]]);
    const row = sharpen(p, 0.01).arraySync()[0];
    expect(row.every(Number.isFinite)).toBe(true);
    expect(row[2]).toBeCloseTo(1, 6);
    p.dispose();
  });

  it('leaks no tensors and rejects T <= 0', () => {
    const p = probs();
    const before = tf.memory().numTensors;
    tf.dispose(sharpen(p, 0.1));
    expect(tf.memory().numTensors).toBe(before);
    expect(() => sharpen(p, 0)).toThrow(/temperature must be > 0, but got 0/);
    p.dispose();
  });
});

describe('consistencyWeight', () => {
  const args = { gamma: 10, start: 500, end: 1000 };

  it('ramps from gamma exp(-5) at the start to gamma at the end', () => {
    expect(consistencyWeight(0, args)).toBeCloseTo(10 * Math.exp(-5), 10);
    expect(consistencyWeight(500, args)).toBeCloseTo(10 * Math.exp(-5), 10);
    expect(consistencyWeight(750, args)).toBeCloseTo(
      10 * Math.exp(-5 * 0.25), 10);
    expect(consistencyWeight(1000, args)).toBe(10);
    expect(consistencyWeight(1999, args)).toBe(10);
  });

  it('never decreases and scales with gamma', () => {
    let prev = 0;
    for (let t = 0; t < 1200; t += 7) {
      const w = consistencyWeight(t, args);
      expect(w).toBeGreaterThanOrEqual(prev);
      expect(consistencyWeight(t, { ...args, gamma: 1 }))
        .toBeCloseTo(w / 10, 10);
      prev = w;
    }
  });

  it('treats a zero-length ramp as none and rejects bad arguments', () => {
    expect(consistencyWeight(0, { gamma: 2, start: 5, end: 5 })).toBe(2);
    expect(() => consistencyWeight(0, { gamma: -1 }))
      .toThrow(/need gamma >= 0 and end >= start/);
  });
});
