import * as fs from 'node:fs';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadOmniglot, type OmniglotData } from '@mixup/datasets/omniglot';

import { imageBatch, omniglotBaseSet } from './base-set.js';
import { rotateImages } from './rotation-batch.js';
import { useTestBackend } from './test-backend.js';

const DATA = path.resolve(__dirname, '../../..',
  process.env.MIXUP_DATA_DIR ?? '../shared/datasets');
const NPZ = path.join(DATA, 'omniglot', 'images_background.npz');
const missing = !fs.existsSync(NPZ);

describe.skipIf(missing)(`omniglotBaseSet on the Vinyals train split` +
  `${missing ? ` (skipped: ${NPZ} is missing)` : ''}`, () => {
  let data: OmniglotData;

  beforeAll(async () => {
    await useTestBackend();
    data = await loadOmniglot(DATA);
  }, 120_000);

  it('finds every character at all four rotations', () => {
    const base = omniglotBaseSet(data, data.splits.train);
    expect(base.numClasses).toBe(4112);
    expect(base.upright.length).toBe(1028 * 20);
    expect(base.turned.every((k) => k >= 0)).toBe(true);
  });

  it('gives a turned upright image the class that holds that picture', () => {
    const base = omniglotBaseSet(data, data.splits.train);
    for (const item of [base.upright[0], base.upright[5000],
      base.upright[base.upright.length - 1]]) {
      const x = imageBatch(base, [item]);
      for (let r = 1; r < 4; r++) {
        const k = base.turned[base.labels[item] * 4 + r];
        const twin = imageBatch(base, [k * 20 + (item % 20)]);
        const turned = rotateImages(x, r);
        expect(Array.from(turned.dataSync()))
          .toEqual(Array.from(twin.dataSync()));
        tf.dispose([turned, twin]);
      }
      x.dispose();
    }
  });
});
