import { describe, expect, it } from 'vitest';

import { meanInterval } from './confidence-interval.js';

describe('meanInterval', () => {
  it('gives the mean and 1.96 * std / sqrt(n) with the population std', () => {
    // mean 0.5, deviations +-0.5, population std 0.5
    const r = meanInterval([0, 1, 0, 1]);
    expect(r.mean).toBeCloseTo(0.5, 12);
    expect(r.std).toBeCloseTo(0.5, 12);
    expect(r.interval).toBeCloseTo((1.96 * 0.5) / 2, 12);
    expect(r.n).toBe(4);
  });

  it('matches a direct computation on uneven values', () => {
    const v = [0.8, 0.9, 1, 0.95, 0.6];
    const mean = v.reduce((a, b) => a + b) / v.length;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / 5);
    const r = meanInterval(Float64Array.from(v));
    expect(r.mean).toBeCloseTo(mean, 12);
    expect(r.interval).toBeCloseTo(1.96 * std / Math.sqrt(5), 12);
  });

  it('is zero-width for constant values', () => {
    expect(meanInterval([0.7, 0.7, 0.7]).interval).toBeCloseTo(0, 12);
  });

  it('rejects an empty list', () => {
    expect(() => meanInterval([])).toThrow(/non-empty/);
  });
});
