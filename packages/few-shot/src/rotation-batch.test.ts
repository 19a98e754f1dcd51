import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { rotateSquare, type Rotation } from '@mixup/datasets/omniglot';

import { expandRotations, rotateImages } from './rotation-batch.js';
import { useTestBackend } from './test-backend.js';

beforeAll(useTestBackend);

const SIZE = 5;
const image = Uint8Array.from({ length: SIZE * SIZE }, (_, i) => i);

function asBatch(pixels: Uint8Array): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(pixels), [1, SIZE, SIZE, 1]);
}

describe('rotateImages', () => {
  it('turns as the Omniglot readers rotate (counter-clockwise)', () => {
    for (const turns of [0, 1, 2, 3]) {
      const want = rotateSquare(image, SIZE, (90 * turns) as Rotation);
      const x = asBatch(image);
      const got = rotateImages(x, turns);
      expect(Array.from(got.dataSync())).toEqual(Array.from(want));
      tf.dispose([x, got]);
    }
  });

  it('returns the original after four quarter turns', () => {
    const x = asBatch(image);
    let h = x;
    for (let i = 0; i < 4; i++) {
      const next = rotateImages(h, 1);
      if (h !== x) h.dispose();
      h = next;
    }
    expect(Array.from(h.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, h]);
  });

  it('rejects non-square images and bad turns', () => {
    const x = tf.zeros([1, 2, 3, 1]) as tf.Tensor4D;
    expect(() => rotateImages(x, 1)).toThrow(/square images/);
    const y = tf.zeros([1, 3, 3, 1]) as tf.Tensor4D;
    expect(() => rotateImages(y, 4)).toThrow(/turns must be an integer/);
    tf.dispose([x, y]);
  });
});

describe('expandRotations', () => {
  it('stacks each image at four rotations, rotation-major', () => {
    const x = tf.tidy(() => tf.concat([asBatch(image),
      asBatch(image.map((v) => 100 + v))]) as tf.Tensor4D);
    const batch = expandRotations(x);
    expect(batch.x.shape).toEqual([8, SIZE, SIZE, 1]);
    expect(Array.from(batch.rotations)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(Array.from(batch.sources)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    const rows = batch.x.arraySync() as number[][][][];
    const second = rows[5].flat(2);
    const want = rotateSquare(image.map((v) => 100 + v), SIZE, 180);
    expect(second).toEqual(Array.from(want));
    tf.dispose([x, batch.x]);
  });

  it('leaks no tensors', () => {
    const x = asBatch(image);
    const before = tf.memory().numTensors;
    tf.dispose(expandRotations(x).x);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
