import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { imageTensor, imageTrainData } from './image-data.js';
import { useWasm } from './test-backend.js';

await useWasm();

const SET = {
  images: Uint8Array.from({ length: 3 * 2 * 2 }, (_, i) => i * 20),
  labels: Uint8Array.from([2, 0, 1]),
  count: 3, height: 2, width: 2, channels: 1,
};
const STATS = { mean: [0], std: [1] };

describe('imageTrainData', () => {
  it('builds [B, H, W, C] inputs and one-hot [B, K] targets', () => {
    const data = imageTrainData(SET, STATS, 4,
      { padding: 0, flip: false, cutoutSize: 0 });
    expect(data.size).toBe(3);
    const batch = data.batch(new Int32Array([2, 0]), new Rng(1));
    expect(batch.x.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(batch.y.dataSync())).toEqual(
      [0, 1, 0, 0, 0, 0, 1, 0]);
    const x = batch.x.dataSync();
    expect(x[0]).toBeCloseTo(160 / 255, 5);
    tf.dispose([batch.x, batch.y]);
  });

  it('augments with the generator it is given', () => {
    const data = imageTrainData(SET, STATS, 4, { padding: 1, flip: true });
    const pixels = (seed: number) => {
      const b = data.batch(new Int32Array([0, 1, 2, 0, 1, 2]), new Rng(seed));
      const values = Array.from(b.x.dataSync());
      tf.dispose([b.x, b.y]);
      return values;
    };
    expect(pixels(7)).toEqual(pixels(7));
    expect(pixels(7)).not.toEqual(pixels(8));
  });

  it('rejects labels that do not match the images', () => {
    expect(() => imageTrainData({ ...SET, labels: new Uint8Array(2) },
      STATS, 4)).toThrow(/count = 3/);
  });
});

describe('imageTensor', () => {
  it('normalises the whole set without augmentation', () => {
    const x = imageTensor(SET, { mean: [0.5], std: [0.25] });
    expect(x.shape).toEqual([3, 2, 2, 1]);
    expect(x.dataSync()[1]).toBeCloseTo((20 / 255 - 0.5) / 0.25, 5);
    x.dispose();
  });
});
