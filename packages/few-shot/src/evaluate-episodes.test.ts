import { describe, expect, it } from 'vitest';
import { beforeAll } from 'vitest';

import { Rng } from '@mixup/core';

import { evaluateEpisodes } from './evaluate-episodes.js';
import { useTestBackend } from './test-backend.js';

beforeAll(useTestBackend);

// 25 classes of 20 items; class k's feature is near axis k of D = 25.
const D = 25;
const labels = Int32Array.from({ length: 500 }, (_, i) => Math.floor(i / 20));
function features(noise: number): Float32Array {
  const rng = new Rng(11);
  const out = new Float32Array(500 * D);
  labels.forEach((k, i) => {
    for (let j = 0; j < D; j++) {
      out[i * D + j] = (j === k ? 1 : 0) + noise * rng.normal();
    }
  });
  return out;
}

describe('evaluateEpisodes', () => {
  it('reports every episode, the mean and the interval', () => {
    const r = evaluateEpisodes(features(0.1), D, labels, new Rng(1),
      { nWay: 5, kShot: 1, episodes: 30, chunk: 7,
        classifier: { kind: 'prototype' } });
    expect(r.accuracies.length).toBe(30);
    expect(r.n).toBe(30);
    expect(r.nQuery).toBe(15);
    const mean = r.accuracies.reduce((a, b) => a + b) / 30;
    expect(r.mean).toBeCloseTo(mean, 12);
    expect(r.interval).toBeCloseTo(1.96 * r.std / Math.sqrt(30), 12);
    expect(r.mean).toBeGreaterThan(0.9);
  });

  it('is deterministic under a seed', () => {
    const f = features(1);
    const run = () => evaluateEpisodes(f, D, labels, new Rng(2),
      { nWay: 20, kShot: 5, episodes: 4, classifier: { steps: 10 } });
    expect(Array.from(run().accuracies)).toEqual(Array.from(run().accuracies));
  });

  it('rejects features that do not fit the labels', () => {
    expect(() => evaluateEpisodes(new Float32Array(10), D, labels,
      new Rng(1), { nWay: 5, kShot: 1 })).toThrow(/features must be/);
  });
});
