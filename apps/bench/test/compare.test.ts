import { describe, expect, it } from 'vitest';

import { mixupCosts, speedups, summaryLines } from '../src/compare.js';
import type { CaseResult } from '../src/run-case.js';
import { timeLanes } from '../src/timing.js';

function result(kernels: 'ours' | 'stock', method: 'erm' | 'manifold',
    wallPerStep: number): CaseResult {
  return {
    case: 'preact18-w16-28px', label: 'preact18-w16-28px', method, kernels,
    kernelLabel: kernels === 'ours' ? 'wasm+ours' : 'wasm+stock', unit:
    'images/s', rate: 128 / wallPerStep, cpuRate: 64 / wallPerStep,
    wallPerStep, cpuPerStep: 2 * wallPerStep, steps: 1, warmup: 0,
  };
}

const RESULTS = [result('ours', 'erm', 1), result('ours', 'manifold', 1.02),
  result('stock', 'erm', 8), result('stock', 'manifold', 9)];

describe('compare', () => {
  it('gives ours over stock per method', () => {
    const ups = speedups(RESULTS);
    expect(ups.map((u) => u.method)).toEqual(['erm', 'manifold']);
    expect(ups[0].wall).toBeCloseTo(8, 10);
    expect(ups[1].wall).toBeCloseTo(9 / 1.02, 10);
  });

  it('gives manifold over ERM step time per kernel set', () => {
    const costs = mixupCosts(RESULTS);
    expect(costs.map((c) => c.kernelLabel)).toEqual(['wasm+ours',
      'wasm+stock']);
    expect(costs[0].wall).toBeCloseTo(1.02, 10);
    expect(costs[1].cpu).toBeCloseTo(9 / 8, 10);
  });

  it('skips figures that lack a side', () => {
    expect(speedups(RESULTS.slice(0, 2))).toEqual([]);
    expect(mixupCosts([RESULTS[0], RESULTS[3]])).toEqual([]);
  });

  it('prints the target only where the case sets one', () => {
    const [ups, costs] = summaryLines('preact18-w16-28px', RESULTS, 5);
    expect(ups).toMatch(
      /^preact18-w16-28px {2}ours\/stock {2}erm 8\.00x \(cpu 8\.00x\)/);
    expect(ups).toMatch(/target >= 5x$/);
    expect(costs).toMatch(/wasm\+ours 1\.020 \(cpu 1\.020\)/);
    expect(summaryLines('x', RESULTS)[0]).not.toMatch(/target/);
  });
});

describe('timeLanes', () => {
  it('runs warm-up then timed rounds, each lane while it has calls', () => {
    const calls: string[] = [];
    const lane = (name: string, warmup: number, steps: number) => ({
      name, warmup, steps, before: () => calls.push(name.toUpperCase()),
      run: () => calls.push(name),
    });
    const { timings, failed } = timeLanes([lane('a', 2, 3),
      lane('b', 1, 1)]);
    // Warm-up rounds: a b, a; timed rounds: a b, a, a.
    expect(calls.join('')).toBe('AaBbAa' + 'AaBbAaAa');
    expect(timings.a.steps).toBe(3);
    expect(timings.b.warmup).toBe(1);
    expect(timings.b.wall).toBeGreaterThanOrEqual(0);
    expect(timings.b.cpu).toBeGreaterThanOrEqual(0);
    expect(failed).toEqual({});
  });

  it('drops a lane whose error is skippable and rethrows others', () => {
    const boom = () => {
      throw new Error('Kernel X not registered');
    };
    const ok = { name: 'ok', warmup: 0, steps: 2, run: () => {} };
    const { timings, failed } = timeLanes([ok,
      { name: 'bad', warmup: 1, steps: 2, run: boom }],
    (e) => /not registered/.test((e as Error).message));
    expect(Object.keys(timings)).toEqual(['ok']);
    expect(failed).toEqual({ bad: 'Kernel X not registered' });
    expect(() => timeLanes([{ name: 'bad', warmup: 0, steps: 1,
      run: boom }])).toThrow(/not registered/);
  });
});
