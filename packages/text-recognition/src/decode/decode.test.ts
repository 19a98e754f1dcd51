import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../util/register-ops.js';
import { beforeAll, describe, expect, it } from 'vitest';

import { beamSearchDecode } from './beam-search.js';
import { greedyDecode } from './greedy-decode.js';

/** Log-probabilities [T, 1, V] of one line given as probability rows. */
function oneLine(probs: number[][]): tf.Tensor3D {
  return tf.log(tf.tensor3d(probs.map((row) => [row])));
}

/** The exact most probable labelling, by enumerating every path. */
function bruteForceBest(probs: number[][]): number[] {
  const [t, v] = [probs.length, probs[0].length];
  const mass = new Map<string, number>();
  for (let code = 0; code < v ** t; code++) {
    let p = 1;
    const labels: number[] = [];
    let previous = -1;
    for (let i = 0, c = code; i < t; i++, c = Math.floor(c / v)) {
      const k = c % v;
      p *= probs[i][k];
      if (k !== previous && k !== 0) labels.push(k);
      previous = k;
    }
    const key = labels.join(',');
    mass.set(key, (mass.get(key) ?? 0) + p);
  }
  const best = [...mass].sort((a, b) => b[1] - a[1])[0][0];
  return best === '' ? [] : best.split(',').map(Number);
}

describe('greedyDecode', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('collapses repeats and drops blanks', () => {
    // argmax per step: 1 1 0 1 2 -> "1 1 2"; and 2 2 0 0 1 -> "2 1".
    const scores = tf.tensor3d([
      [[0, 5, 1], [0, 1, 5]],
      [[0, 5, 1], [0, 1, 5]],
      [[5, 0, 1], [5, 0, 1]],
      [[0, 5, 1], [5, 0, 1]],
      [[0, 1, 5], [0, 5, 1]],
    ]);
    expect(greedyDecode(scores)).toEqual([[1, 1, 2], [2, 1]]);
    expect(greedyDecode(scores, [2, 5])).toEqual([[1], [2, 1]]);
    const batchMajor = scores.transpose([1, 0, 2]);
    expect(greedyDecode(batchMajor, undefined, { timeMajor: false }))
        .toEqual([[1, 1, 2], [2, 1]]);
  });

  it('honours another blank index', () => {
    const scores = oneLine([[0.1, 0.8, 0.1], [0.1, 0.1, 0.8]]);
    expect(greedyDecode(scores, undefined, { blank: 2 })).toEqual([[1]]);
  });

  it('rejects a bad rank, blank or length', () => {
    expect(() => greedyDecode(tf.zeros([2, 3]))).toThrow(/rank 3/);
    expect(() => greedyDecode(tf.zeros([2, 1, 3]), [3])).toThrow(/\[0, 2\]/);
    expect(() => greedyDecode(tf.zeros([2, 1, 3]), undefined, { blank: 3 }))
        .toThrow(/blank/);
  });
});

describe('beamSearchDecode', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('disagrees with greedy when many paths share a labelling', () => {
    // Best path "--" (0.36) decodes to "", but "a" has aa + a- + -a = 0.64.
    const logProbs = oneLine([[0.6, 0.4], [0.6, 0.4]]);
    expect(greedyDecode(logProbs)).toEqual([[]]);
    expect(beamSearchDecode(logProbs, undefined, { width: 4 })).toEqual([[1]]);
  });

  it('finds the exact best labelling when the beam is wide', () => {
    const rng = tf.randomUniform([5, 3], 0.05, 1, 'float32', 7);
    const probs = tf.tidy(() =>
      rng.div(rng.sum(1, true)).arraySync() as number[][]);
    const decoded = beamSearchDecode(oneLine(probs), undefined,
        { width: 64 });
    expect(decoded[0]).toEqual(bruteForceBest(probs));
  });

  it('separates repeated symbols only across a blank', () => {
    const logProbs = oneLine([[0.1, 0.9], [0.9, 0.1], [0.1, 0.9]]);
    expect(beamSearchDecode(logProbs)).toEqual([[1, 1]]);
    const noBlank = oneLine([[0.1, 0.9], [0.1, 0.9], [0.1, 0.9]]);
    expect(beamSearchDecode(noBlank)).toEqual([[1]]);
  });

  it('rejects a bad width', () => {
    expect(() => beamSearchDecode(oneLine([[0.5, 0.5]]), undefined,
        { width: 0 })).toThrow(/width must be an integer >= 1/);
  });
});
