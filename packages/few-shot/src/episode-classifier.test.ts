import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { classifyEpisodes, type EpisodeBatch } from './episode-classifier.js';
import { useTestBackend } from './test-backend.js';

beforeAll(useTestBackend);

/** E episodes whose class w sits near direction w of D = nWay + 2. */
function separable(e: number, nWay: number, kShot: number, nQuery: number,
    noise: number, rng: Rng): EpisodeBatch {
  const d = nWay + 2;
  const make = (per: number) => {
    const feats = new Float32Array(e * nWay * per * d);
    const labels = new Int32Array(e * nWay * per);
    for (let i = 0; i < labels.length; i++) {
      const w = Math.floor(i / per) % nWay;
      labels[i] = w;
      for (let j = 0; j < d; j++) {
        feats[i * d + j] = (j === w ? 1 : 0) + noise * rng.normal();
      }
    }
    return { feats, labels };
  };
  const s = make(kShot);
  const q = make(nQuery);
  return { support: s.feats, supportLabels: s.labels, query: q.feats,
    queryLabels: q.labels, episodes: e, nWay, featureSize: d };
}

describe('classifyEpisodes', () => {
  it('scores separable episodes perfectly with both classifiers', () => {
    const batch = separable(6, 5, 1, 15, 0.05, new Rng(1));
    for (const kind of ['cosine', 'prototype'] as const) {
      const acc = classifyEpisodes(batch, new Rng(2), { kind, steps: 50 });
      expect(acc.length).toBe(6);
      expect(Array.from(acc).every((a) => Math.abs(a - 1) < 1e-9)).toBe(true);
    }
  });

  it('is near chance on pure noise', () => {
    const batch = separable(40, 5, 5, 15, 100, new Rng(3));
    const acc = classifyEpisodes(batch, new Rng(4), { kind: 'prototype' });
    const mean = acc.reduce((a, b) => a + b) / acc.length;
    expect(mean).toBeGreaterThan(0.1);
    expect(mean).toBeLessThan(0.3);
  });

  it('is deterministic under a seed', () => {
    const batch = separable(4, 5, 1, 15, 0.8, new Rng(5));
    const a = classifyEpisodes(batch, new Rng(6), { steps: 20 });
    const b = classifyEpisodes(batch, new Rng(6), { steps: 20 });
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('leaks no tensors', () => {
    const batch = separable(3, 5, 1, 2, 0.5, new Rng(7));
    const before = tf.memory().numTensors;
    classifyEpisodes(batch, new Rng(8), { steps: 5 });
    classifyEpisodes(batch, new Rng(8), { kind: 'prototype' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects features of the wrong size and unknown kinds', () => {
    const batch = separable(2, 5, 1, 2, 0.5, new Rng(9));
    expect(() => classifyEpisodes({ ...batch, featureSize: 3 }, new Rng(1)))
      .toThrow(/features must be \[E, S, D\]/);
    expect(() => classifyEpisodes(batch, new Rng(1),
      { kind: 'svm' as 'cosine' })).toThrow(/kind must be one of/);
  });
});
