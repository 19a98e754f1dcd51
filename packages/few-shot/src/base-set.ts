/**
 * The base (training) classes as one image table, with the map that keeps
 * rotation labels and class labels consistent.
 */
import * as tf from '@tensorflow/tfjs-core';

import type { Rng } from '@mixup/core';
import {
  characterKey, gatherOmniglotClasses, type OmniglotClass, type OmniglotData,
} from '@mixup/datasets/omniglot';

import { ROTATIONS } from './rotation-batch.js';

/** Labelled square single-channel images in memory. */
export interface BaseSet {
  /** Image side S. */
  size: number;
  /** Pixels [N, S, S] uint8, ink 255. */
  images: Uint8Array;
  /** Class of each image, [N] values in [0, K). */
  labels: Int32Array;
  numClasses: number;
  /**
   * Images of upright classes (rotation 0) whose character has all four
   * rotations among the classes: the only images the rotation task uses.
   */
  upright: Int32Array;
  /**
   * turned[k * 4 + r]: the class whose images are class k's images turned
   * r quarter turns counter-clockwise, or -1 when there is none.
   */
  turned: Int32Array;
}

/**
 * Builds the base set from Omniglot classes (e.g. the Vinyals `train`
 * list, rotated classes included).
 *
 * NOTE: the Vinyals lists hold each character at four rotations as four
 * classes, so an image of class (c, 0) turned 90 degrees is exactly an
 * image of class (c, 90). A rotation batch that kept the class label of
 * the source image, as S2M2 does on natural images, would teach two
 * labels for one picture. Here the rotation task draws only upright
 * images, and the copy turned r times takes the class (c, 90 r), so the
 * class and the rotation label always agree.
 */
export function omniglotBaseSet(data: OmniglotData,
    classes: readonly OmniglotClass[]): BaseSet {
  if (classes.length === 0) {
    throw new RangeError('omniglotBaseSet: classes must be non-empty, but ' +
      'got none.');
  }
  const { images, labels } = gatherOmniglotClasses(data, classes);
  const byKey = new Map<string, number>();
  classes.forEach((c, k) => byKey.set(`${characterKey(c)}@${c.rotation}`, k));
  const turned = new Int32Array(classes.length * ROTATIONS).fill(-1);
  classes.forEach((c, k) => {
    for (let r = 0; r < ROTATIONS; r++) {
      const rotation = (c.rotation + 90 * r) % 360;
      turned[k * ROTATIONS + r] =
        byKey.get(`${characterKey(c)}@${rotation}`) ?? -1;
    }
  });
  const upright: number[] = [];
  labels.forEach((k, i) => {
    if (classes[k].rotation !== 0) return;
    const row = turned.subarray(k * ROTATIONS, (k + 1) * ROTATIONS);
    if (row.every((t) => t >= 0)) upright.push(i);
  });
  return { size: data.size, images, labels, numClasses: classes.length,
    upright: Int32Array.from(upright), turned };
}

/**
 * The images at `indices` as a float batch in [0, 1].
 *
 * @returns Shape [B, S, S, 1], float32.
 */
export function imageBatch(set: Pick<BaseSet, 'size' | 'images'>,
    indices: ArrayLike<number>): tf.Tensor4D {
  const pixels = set.size * set.size;
  const values = new Float32Array(indices.length * pixels);
  for (let b = 0; b < indices.length; b++) {
    const from = indices[b] * pixels;
    for (let p = 0; p < pixels; p++) {
      values[b * pixels + p] = set.images[from + p] / 255;
    }
  }
  return tf.tensor4d(values, [indices.length, set.size, set.size, 1]);
}

/** One-hot rows of `labels`, shape [B, K] float32. */
export function oneHotRows(labels: ArrayLike<number>,
    numClasses: number): tf.Tensor2D {
  const values = new Float32Array(labels.length * numClasses);
  for (let i = 0; i < labels.length; i++) {
    values[i * numClasses + labels[i]] = 1;
  }
  return tf.tensor2d(values, [labels.length, numClasses]);
}

/**
 * Keeps `count` characters of a class list, drawn by `rng`, with all of
 * their rotations (a budget knob that never splits a character's
 * rotations apart).
 *
 * @param count Characters to keep; 0 or more than there are keeps all.
 * @returns The kept classes in their original order.
 */
export function subsetCharacters(classes: readonly OmniglotClass[],
    count: number, rng: Rng): OmniglotClass[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`subsetCharacters: count must be an integer >= 0, ` +
      `but got ${count}.`);
  }
  const keys = [...new Set(classes.map(characterKey))];
  if (count === 0 || count >= keys.length) return [...classes];
  const order = rng.permutation(keys.length);
  const kept = new Set(Array.from(order.subarray(0, count), (i) => keys[i]));
  return classes.filter((c) => kept.has(characterKey(c)));
}
