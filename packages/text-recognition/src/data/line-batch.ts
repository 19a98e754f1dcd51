// Batches of text lines of different widths: padded on the right to a
// common width, grouped by width so that little of a batch is padding.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@mixup/core';
import type { Charset, LineImage } from '@mixup/datasets/text';

import { CRNN_FRAME_WIDTH } from '../model/crnn.js';

/** One line: its image (dark on white) and its text as symbol ids. */
export interface LineExample {
  readonly image: LineImage;
  readonly text: string;
  /** Symbol ids in [1, K] (Charset.encode). */
  readonly labels: readonly number[];
}

/** A padded batch, ready for the network and the CTC loss. */
export interface LineBatch {
  /** Ink 1 on 0, shape [B, H, W, 1], W a multiple of the frame width. */
  readonly x: tf.Tensor4D;
  readonly labels: readonly (readonly number[])[];
  /** Output frames that cover each line: ceil(width / 4), at most T. */
  readonly inputLengths: readonly number[];
  readonly texts: readonly string[];
}

/** Pairs images with their texts, encoded by `charset`. */
export function toLineExamples(
    images: readonly LineImage[], texts: readonly string[],
    charset: Charset): LineExample[] {
  if (images.length !== texts.length) {
    throw new Error(
      `toLineExamples: images and texts must pair up, but got ` +
      `${images.length} and ${texts.length}.`);
  }
  return images.map((image, i) =>
    ({ image, text: texts[i], labels: charset.encode(texts[i]) }));
}

/** Converts a dark-on-white image to ink in [0, 1], shape [H, W]. */
export function imageToInk(image: LineImage): Float32Array {
  return Float32Array.from(image.pixels, (p) => 1 - p / 255);
}

/**
 * Builds the batch of the given examples.
 *
 * @param indices Example indices; all images must share one height.
 */
export function makeLineBatch(
    examples: readonly LineExample[], indices: ArrayLike<number>): LineBatch {
  const chosen = Array.from(indices, (i) => examples[i]);
  const height = chosen[0].image.height;
  const widest = Math.max(...chosen.map((e) => e.image.width));
  const width = Math.ceil(widest / CRNN_FRAME_WIDTH) * CRNN_FRAME_WIDTH;
  const x = new Float32Array(chosen.length * height * width);
  chosen.forEach((e, b) => {
    if (e.image.height !== height) {
      throw new Error(
        `makeLineBatch: lines must share one height, but got ` +
        `${e.image.height} and ${height}.`);
    }
    const ink = imageToInk(e.image);
    for (let y = 0; y < height; y++) {
      const row = (b * height + y) * width;
      x.set(ink.subarray(y * e.image.width, (y + 1) * e.image.width), row);
    }
  });
  return {
    x: tf.tensor4d(x, [chosen.length, height, width, 1]),
    labels: chosen.map((e) => e.labels),
    inputLengths: chosen.map((e) =>
      Math.ceil(e.image.width / CRNN_FRAME_WIDTH)),
    texts: chosen.map((e) => e.text),
  };
}

/**
 * An epoch's batches: examples shuffled, then grouped by width (buckets of
 * 16 px) and cut into batches, and the batches shuffled.
 *
 * @returns Example indices per batch.
 */
export function widthBatches(
    examples: readonly LineExample[], batchSize: number,
    rng: Rng): Int32Array[] {
  const order = Array.from(rng.permutation(examples.length));
  const bucket = (i: number) => Math.floor(examples[i].image.width / 16);
  order.sort((a, b) => bucket(a) - bucket(b));
  const batches: Int32Array[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    batches.push(Int32Array.from(order.slice(start, start + batchSize)));
  }
  return rng.shuffle(batches);
}

/** Batches in width order, for evaluation: index lists of `batchSize`. */
export function evaluationBatches(
    examples: readonly LineExample[], batchSize: number): Int32Array[] {
  const order = examples.map((_, i) => i)
      .sort((a, b) => examples[a].image.width - examples[b].image.width);
  const batches: Int32Array[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    batches.push(Int32Array.from(order.slice(start, start + batchSize)));
  }
  return batches;
}
