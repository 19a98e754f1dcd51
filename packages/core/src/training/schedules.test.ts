import { beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from '../backend/init-backend.js';
import { createOptimizer } from './optimizer.js';
import { constantSchedule, cosineSchedule, stepSchedule } from './schedules.js';

describe('schedules', () => {
  it('steps down by gamma at each milestone', () => {
    const lr = stepSchedule(0.1, [2, 4], 0.1);
    expect([0, 1, 2, 3, 4, 5].map((e) => +lr(e).toPrecision(6)))
        .toEqual([0.1, 0.1, 0.01, 0.01, 0.001, 0.001]);
  });

  it('anneals along a cosine from lr to minLr', () => {
    const lr = cosineSchedule(1, 5, 0);
    expect(lr(0)).toBeCloseTo(1, 9);
    expect(lr(2)).toBeCloseTo(0.5, 9);
    expect(lr(4)).toBeCloseTo(1e-6, 9);
    expect(constantSchedule(0.3)(7)).toBe(0.3);
  });

  it('rejects bad settings by name', () => {
    expect(() => stepSchedule(0.1, [3, 2]))
        .toThrow(/milestones must be ascending integers >= 0, but got \[3,2\]/);
    expect(() => cosineSchedule(0.1, 0)).toThrow(/epochs must be an integer >= 1/);
    expect(() => constantSchedule(0)).toThrow(/lr must be > 0, but got 0/);
  });
});

describe('createOptimizer', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('defaults to the official code: SGD, Nesterov momentum 0.9', () => {
    const opt = createOptimizer();
    expect(opt.args).toMatchObject({ name: 'sgd', momentum: 0.9, nesterov: true });
    opt.setLearningRate(0.01);
    expect((opt.optimizer as unknown as { learningRate: number }).learningRate)
        .toBe(0.01);
  });

  it('rejects unknown names and negative settings', () => {
    expect(() => createOptimizer({ name: 'rmsprop' as 'sgd' }))
        .toThrow(/name must be 'sgd' or 'adam', but got 'rmsprop'/);
    expect(() => createOptimizer({ weightDecay: -1 }))
        .toThrow(/weightDecay must be >= 0, but got -1/);
    expect(() => createOptimizer({ lr: 0 })).toThrow(/lr must be > 0/);
  });
});
