/**
 * Rotation self-supervision batches: each image at 0, 90, 180 and 270
 * degrees. S2M2 (Mangla et al., WACV 2020), arXiv 1907.12087.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Rotations in quarter turns, counter-clockwise: 0, 1, 2, 3. */
export const ROTATIONS = 4;

/**
 * Rotates every image counter-clockwise by `turns` quarter turns,
 * exactly (pixels move, nothing is resampled): the direction of the
 * Omniglot readers' `rotateSquare`.
 *
 * @param x Images, shape [B, H, W, C] with H = W.
 * @param turns Quarter turns, an integer in [0, 3].
 * @returns The rotated images, same shape and dtype.
 */
export function rotateImages(x: tf.Tensor4D, turns: number): tf.Tensor4D {
  if (x.rank !== 4 || x.shape[1] !== x.shape[2]) {
    throw new Error(
      `rotateImages: x must be square images [B, H, H, C], but got ` +
      `[${x.shape}].`);
  }
  if (!Number.isInteger(turns) || turns < 0 || turns > 3) {
    throw new RangeError(
      `rotateImages: turns must be an integer in [0, 3], but got ${turns}.`);
  }
  return tf.tidy(() => {
    switch (turns) {
      case 0: return tf.clone(x);
      // out[y][x] = in[x][H-1-y]: swap the axes, then flip the rows.
      case 1: return x.transpose([0, 2, 1, 3]).reverse(1);
      case 2: return x.reverse([1, 2]);
      default: return x.transpose([0, 2, 1, 3]).reverse(2);
    }
  }) as tf.Tensor4D;
}

/** A batch expanded to its four rotations. */
export interface RotationBatch {
  /** Images [4B, H, W, C]: all B at 0 turns, then all at 1, 2, 3. */
  x: tf.Tensor4D;
  /** Quarter turns of each row, [4B] int32 values 0..3. */
  rotations: Int32Array;
  /** Source image of each row, [4B], indices into the input batch. */
  sources: Int32Array;
}

/**
 * Stacks every image of a batch at its four rotations, rotation-major.
 *
 * @param x Images, shape [B, H, H, C].
 * @returns The 4B images, their rotation labels and source rows.
 */
export function expandRotations(x: tf.Tensor4D): RotationBatch {
  const b = x.shape[0];
  const rotated = tf.tidy(() => tf.concat(
    Array.from({ length: ROTATIONS }, (_, r) => rotateImages(x, r)), 0));
  const rotations = new Int32Array(ROTATIONS * b);
  const sources = new Int32Array(ROTATIONS * b);
  for (let r = 0; r < ROTATIONS; r++) {
    for (let i = 0; i < b; i++) {
      rotations[r * b + i] = r;
      sources[r * b + i] = i;
    }
  }
  return { x: rotated as tf.Tensor4D, rotations, sources };
}
