import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import {
  imageBatch, omniglotBaseSet, oneHotRows, subsetCharacters,
} from './base-set.js';
import { rotateImages } from './rotation-batch.js';
import { useTestBackend } from './test-backend.js';
import { syntheticOmniglot } from './test-fixtures.js';

beforeAll(useTestBackend);

// Character 1 at all four rotations, character 2 at two only.
const { data, classes } = syntheticOmniglot(new Rng(1), 6, 2,
  [[0, 90, 180, 270], [0, 90]]);

describe('omniglotBaseSet', () => {
  const base = omniglotBaseSet(data, classes);

  it('holds every class and image', () => {
    expect(base.numClasses).toBe(6);
    expect(base.labels.length).toBe(120);
    expect(base.images.length).toBe(120 * 36);
  });

  it('maps each class to its turned classes', () => {
    expect(Array.from(base.turned.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    expect(Array.from(base.turned.subarray(4, 8))).toEqual([1, 2, 3, 0]);
    expect(Array.from(base.turned.subarray(16, 20))).toEqual([4, 5, -1, -1]);
  });

  it('keeps for rotation only upright images with all four turns', () => {
    expect(base.upright.length).toBe(20);
    expect(Array.from(base.upright).every((i) => base.labels[i] === 0))
      .toBe(true);
  });

  it('labels a turned image with the class that holds that picture', () => {
    for (const item of [0, 7, 19]) {
      const x = imageBatch(base, [item]);
      for (let r = 1; r < 4; r++) {
        const turnedClass = base.turned[base.labels[item] * 4 + r];
        const drawer = item % 20;
        const twin = imageBatch(base, [turnedClass * 20 + drawer]);
        const rotated = rotateImages(x, r);
        expect(Array.from(rotated.dataSync()))
          .toEqual(Array.from(twin.dataSync()));
        tf.dispose([twin, rotated]);
      }
      x.dispose();
    }
  });

  it('rejects an empty class list', () => {
    expect(() => omniglotBaseSet(data, [])).toThrow(/non-empty/);
  });
});

describe('imageBatch and oneHotRows', () => {
  it('scales pixels to [0, 1] as [B, S, S, 1]', () => {
    const base = omniglotBaseSet(data, classes);
    const x = imageBatch(base, [3, 4]);
    expect(x.shape).toEqual([2, 6, 6, 1]);
    const v = x.dataSync();
    expect(Math.max(...v)).toBe(1);
    expect(Math.min(...v)).toBe(0);
    x.dispose();
  });

  it('sets one 1 per row', () => {
    const y = oneHotRows([2, 0], 3);
    expect(y.arraySync()).toEqual([[0, 0, 1], [1, 0, 0]]);
    y.dispose();
  });
});

describe('subsetCharacters', () => {
  it('keeps whole characters with all their rotations', () => {
    const kept = subsetCharacters(classes, 1, new Rng(2));
    const chars = new Set(kept.map((c) => c.character));
    expect(chars.size).toBe(1);
    expect(kept.length).toBe(chars.has(1) ? 4 : 2);
    expect(subsetCharacters(classes, 0, new Rng(2)).length).toBe(6);
  });
});
