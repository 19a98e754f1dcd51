import { describe, expect, it } from 'vitest';

import { Rng } from './rng.js';

function moments(draw: () => number, n: number): [number, number] {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  return [mean, sumSq / n - mean * mean];
}

describe('Rng', () => {
  it('repeats its stream for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const streamA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(streamA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(streamA);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(1);
    const [mean, variance] = moments(() => rng.next(), 100_000);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals', () => {
    const rng = new Rng(2);
    const [mean, variance] = moments(() => rng.normal(), 100_000);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
  });

  for (const alpha of [0.2, 0.5, 1, 2, 5]) {
    it(`matches Beta(${alpha}, ${alpha})'s mean and variance`, () => {
      const rng = new Rng(7);
      const [mean, variance] = moments(() => rng.beta(alpha, alpha), 50_000);
      // Beta(a, a): mean 1/2, variance 1 / (4 (2a + 1)).
      const want = 1 / (4 * (2 * alpha + 1));
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
      expect(Math.abs(variance - want) / want).toBeLessThan(0.05);
    });
  }

  it('matches Beta(2, 5) for unequal parameters', () => {
    const rng = new Rng(8);
    const [mean, variance] = moments(() => rng.beta(2, 5), 50_000);
    expect(mean).toBeCloseTo(2 / 7, 2);
    expect(variance).toBeCloseTo((2 * 5) / (49 * 8), 3);
  });

  it('never returns NaN for tiny parameters', () => {
    const rng = new Rng(10);
    const draws = Array.from({ length: 2000 }, () => rng.beta(1e-5, 1e-5));
    expect(draws.every((v) => v >= 0 && v <= 1)).toBe(true);
    const ones = draws.filter((v) => v > 0.5).length / draws.length;
    expect(Math.abs(ones - 0.5)).toBeLessThan(0.05);
  });

  it('draws permutations of 0..n-1', () => {
    const perm = new Rng(3).permutation(100);
    expect(Array.from(perm).sort((a, b) => a - b))
        .toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(perm)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('resumes exactly from a saved state', () => {
    const rng = new Rng(9);
    rng.normal();
    const state = JSON.parse(JSON.stringify(rng.getState()));
    const expected = [rng.normal(), rng.next(), rng.beta(2, 2)];
    const restored = Rng.fromState(state);
    expect([restored.normal(), restored.next(), restored.beta(2, 2)])
        .toEqual(expected);
  });

  it('rejects bad arguments with messages that name the rule', () => {
    expect(() => new Rng(1.5)).toThrow(/seed must be a safe integer, but got 1.5/);
    expect(() => new Rng(1).beta(0, 1)).toThrow(/must be > 0, but got a=0/);
    expect(() => new Rng(1).int(0)).toThrow(/positive integer, but got 0/);
    expect(() => new Rng(1).setState({ s: [0, 0, 0, 0], spare: null }))
        .toThrow(/not all zero/);
  });
});
