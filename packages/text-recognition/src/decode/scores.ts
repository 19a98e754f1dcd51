// Reading a batch of CTC outputs into per-line views, shared by decoders.
import * as tf from '@tensorflow/tfjs-core';

export interface DecodeArgs {
  /** Index of the blank symbol. @default 0 */
  blank?: number;
  /** Layout of the scores: true [T, B, V], false [B, T, V]. @default true */
  timeMajor?: boolean;
}

/** One line's scores: `length` steps of `vocab` values, row-major. */
export interface LineScores {
  readonly data: Float32Array;
  readonly length: number;
  readonly vocab: number;
}

/** Validates a batch of scores and splits it into lines ([T, V] each). */
export function readScores(
    fn: string, scores: tf.Tensor, inputLengths: ArrayLike<number> | undefined,
    args: DecodeArgs): LineScores[] {
  if (scores.rank !== 3) {
    throw new Error(
      `${fn}: scores must have rank 3 [T, B, V], but got rank ` +
      `${scores.rank} [${scores.shape}].`);
  }
  const timeMajor = args.timeMajor ?? true;
  const [d0, d1, v] = scores.shape as [number, number, number];
  const [t, b] = timeMajor ? [d0, d1] : [d1, d0];
  const blank = args.blank ?? 0;
  if (!Number.isInteger(blank) || blank < 0 || blank >= v) {
    throw new RangeError(
      `${fn}: blank must be an integer in [0, ${v}), but got ${blank}.`);
  }
  const lengths = inputLengths ?? new Array<number>(b).fill(t);
  if (lengths.length !== b) {
    throw new Error(
      `${fn}: inputLengths needs one entry per line (${b}), but got ` +
      `${lengths.length}.`);
  }
  const batchMajor = tf.tidy(() =>
    (timeMajor ? tf.transpose(scores, [1, 0, 2]) : scores).dataSync());
  return Array.from({ length: b }, (_, i) => {
    const n = lengths[i];
    if (!Number.isInteger(n) || n < 0 || n > t) {
      throw new RangeError(
        `${fn}: inputLengths[${i}] must be an integer in [0, ${t}], but ` +
        `got ${n}.`);
    }
    const start = i * t * v;
    const data = Float32Array.from(batchMajor.subarray(start, start + n * v));
    return { data, length: n, vocab: v };
  });
}
