// Best-path decoding of CTC outputs: the most likely symbol at each step,
// repeats collapsed, blanks removed.
import * as tf from '@tensorflow/tfjs-core';

import { readScores, type DecodeArgs, type LineScores } from './scores.js';

/**
 * Greedy (best-path) decoding of one line's scores.
 *
 * @param line Scores of one line: `T` rows of `V` values (log-probabilities,
 *     probabilities or logits: only the argmax matters).
 * @returns Symbol ids without blanks.
 */
export function greedyDecodeLine(line: LineScores, blank = 0): number[] {
  const out: number[] = [];
  let previous = -1;
  for (let t = 0; t < line.length; t++) {
    const best = argmax(line.data, t * line.vocab, line.vocab);
    if (best !== previous && best !== blank) out.push(best);
    previous = best;
  }
  return out;
}

/**
 * Greedy (best-path) decoding of a batch.
 *
 * @param scores Per-step scores, shape [T, B, V] (or [B, T, V] with
 *     `timeMajor: false`), any float dtype.
 * @param inputLengths Valid steps per line, B integers in [0, T]; @default T
 * @returns B arrays of symbol ids, without blanks.
 */
export function greedyDecode(
    scores: tf.Tensor, inputLengths?: ArrayLike<number>,
    args: DecodeArgs = {}): number[][] {
  const lines = readScores('greedyDecode', scores, inputLengths, args);
  return lines.map((line) => greedyDecodeLine(line, args.blank ?? 0));
}

function argmax(data: Float32Array, start: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) {
    if (data[start + k] > data[start + best]) best = k;
  }
  return best;
}
