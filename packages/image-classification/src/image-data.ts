import * as tf from '@tensorflow/tfjs-core';

import type { Batch, Rng, TrainData } from '@mixup/core';

import {
  augmentBatch, resolveAugmentArgs, type AugmentArgs, type ChannelStats,
  type ImageShape,
} from './augment.js';

/** A labelled set of uint8 images, as the dataset readers return it. */
export interface LabelledImages extends ImageShape {
  /** NHWC pixels 0..255, length count * H * W * C. */
  images: Uint8Array;
  /** Class of each image, ints in [0, K). */
  labels: Uint8Array | Int32Array;
  count: number;
}

function checkSet(fn: string, set: LabelledImages): void {
  const size = set.height * set.width * set.channels;
  if (set.images.length !== set.count * size ||
      set.labels.length !== set.count) {
    throw new Error(
      `${fn}: images and labels must hold count = ${set.count} examples of ` +
      `${set.height}x${set.width}x${set.channels}, but got ` +
      `${set.images.length} pixels and ${set.labels.length} labels.`);
  }
}

function oneHotRows(labels: ArrayLike<number>, indices: ArrayLike<number>,
    numClasses: number): Float32Array {
  const rows = new Float32Array(indices.length * numClasses);
  for (let i = 0; i < indices.length; i++) {
    rows[i * numClasses + labels[indices[i]]] = 1;
  }
  return rows;
}

/**
 * Training data for the core's `fit`: each batch is augmented with the
 * trainer's generator, normalised with `stats`, and paired with one-hot
 * targets.
 *
 * @returns Batches x [B, H, W, C] float32 and y [B, K] one-hot.
 */
export function imageTrainData(set: LabelledImages, stats: ChannelStats,
    numClasses: number, augment: AugmentArgs = {}): TrainData {
  checkSet('imageTrainData', set);
  const resolved = resolveAugmentArgs(augment);
  const shape = { height: set.height, width: set.width,
    channels: set.channels };
  return {
    size: set.count,
    batch(indices: Int32Array, rng: Rng): Batch {
      const pixels = augmentBatch(set.images, indices, shape, stats, rng,
          resolved);
      const b = indices.length;
      return {
        x: tf.tensor4d(pixels, [b, set.height, set.width, set.channels]),
        y: tf.tensor2d(oneHotRows(set.labels, indices, numClasses),
            [b, numClasses]),
      };
    },
  };
}

/**
 * The whole set normalised with `stats`, without augmentation, e.g. the
 * test images for evaluation.
 *
 * @returns x [N, H, W, C] float32.
 */
export function imageTensor(set: LabelledImages,
    stats: ChannelStats): tf.Tensor4D {
  checkSet('imageTensor', set);
  const shape = { height: set.height, width: set.width,
    channels: set.channels };
  const all = Int32Array.from({ length: set.count }, (_, i) => i);
  const pixels = augmentBatch(set.images, all, shape, stats, null,
      { padding: 0, flip: false, cutoutSize: 0 });
  return tf.tensor4d(pixels,
      [set.count, set.height, set.width, set.channels]);
}
