import { beforeAll, describe, expect, it } from 'vitest';

import * as tf from '@tensorflow/tfjs-core';

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

  // After one step from v = 1 with gradient 1 at lr 0.25: SGD moves by
  // lr * g; Nesterov momentum 0.9 by lr * (g + 0.9 * g); Adam by lr.
  const cases = [['sgd', 0, 0.75], ['sgd', 0.9, 1 - 0.25 * 1.9],
    ['adam', 0, 0.75]] as const;
  for (const [name, momentum, want] of cases) {
    it(`applies a changed learning rate (${name}, momentum ${momentum})`, () => {
      const opt = createOptimizer({ name, lr: 1, momentum });
      const v = tf.tidy(() => tf.variable(tf.scalar(1)));
      opt.setLearningRate(0.25);
      opt.apply({ [v.name]: tf.scalar(1) }, [v]);
      expect(v.dataSync()[0]).toBeCloseTo(want, 5);
      opt.dispose();
      v.dispose();
    });
  }

  it('releases all its tensors on dispose', () => {
    const before = tf.memory().numTensors;
    const opt = createOptimizer({ lr: 0.1, momentum: 0.9 });
    const v = tf.tidy(() => tf.variable(tf.scalar(1)));
    opt.apply({ [v.name]: tf.scalar(1) }, [v]);
    opt.setLearningRate(0.01);
    opt.dispose();
    v.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects unknown names and negative settings', () => {
    expect(() => createOptimizer({ name: 'rmsprop' as 'sgd' }))
        .toThrow(/name must be 'sgd' or 'adam', but got 'rmsprop'/);
    expect(() => createOptimizer({ weightDecay: -1 }))
        .toThrow(/weightDecay must be >= 0, but got -1/);
    expect(() => createOptimizer({ lr: 0 })).toThrow(/lr must be > 0/);
  });
});
