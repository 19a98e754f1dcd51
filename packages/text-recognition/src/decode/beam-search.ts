// CTC prefix beam search: keeps the `width` most likely label prefixes,
// each with the probability of its paths ending in a blank and not.
import type * as tf from '@tensorflow/tfjs-core';

import { readScores, type DecodeArgs, type LineScores } from './scores.js';

export interface BeamSearchArgs extends DecodeArgs {
  /** Prefixes kept after each step, an integer >= 1. @default 10 */
  width?: number;
}

interface Beam {
  readonly prefix: number[];
  /** log P(prefix, paths so far end in a blank). */
  blank: number;
  /** log P(prefix, paths so far end in its last symbol). */
  symbol: number;
}

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) :
    b + Math.log1p(Math.exp(a - b));
}

function total(beam: Beam): number {
  return logAdd(beam.blank, beam.symbol);
}

function beamFor(next: Map<string, Beam>, key: string, prefix: number[]) {
  let beam = next.get(key);
  if (beam === undefined) {
    beam = { prefix, blank: -Infinity, symbol: -Infinity };
    next.set(key, beam);
  }
  return beam;
}

/** Extends every kept prefix by one step of log-probabilities `lp`. */
function step(
    beams: Map<string, Beam>, lp: Float32Array, offset: number,
    vocab: number, blank: number): Map<string, Beam> {
  const next = new Map<string, Beam>();
  for (const [key, beam] of beams) {
    const all = total(beam);
    const last = beam.prefix.length > 0 ? beam.prefix.at(-1)! : -1;
    const same = beamFor(next, key, beam.prefix);
    same.blank = logAdd(same.blank, all + lp[offset + blank]);
    if (last >= 0) {
      same.symbol = logAdd(same.symbol, beam.symbol + lp[offset + last]);
    }
    for (let k = 0; k < vocab; k++) {
      if (k === blank) continue;
      const grown = beamFor(next, `${key},${k}`, [...beam.prefix, k]);
      // A repeated symbol only starts a new label after a blank.
      const from = k === last ? beam.blank : all;
      grown.symbol = logAdd(grown.symbol, from + lp[offset + k]);
    }
  }
  return next;
}

function prune(beams: Map<string, Beam>, width: number): Map<string, Beam> {
  const kept = [...beams].sort((a, b) => total(b[1]) - total(a[1]));
  return new Map(kept.slice(0, width));
}

/**
 * Prefix beam search over one line of log-probabilities.
 *
 * @param line `length` steps of `vocab` log-probabilities (log-softmax).
 * @returns The most probable label sequence found, without blanks.
 */
export function beamSearchLine(
    line: LineScores, width = 10, blank = 0): number[] {
  let beams = new Map<string, Beam>(
      [['', { prefix: [], blank: 0, symbol: -Infinity }]]);
  for (let t = 0; t < line.length; t++) {
    const next = step(beams, line.data, t * line.vocab, line.vocab, blank);
    beams = prune(next, width);
  }
  let best: Beam | null = null;
  for (const beam of beams.values()) {
    if (best === null || total(beam) > total(best)) best = beam;
  }
  return best === null ? [] : best.prefix;
}

/**
 * CTC prefix beam search of a batch, without a language model. Unlike
 * greedy decoding it sums the probability of all the paths that collapse
 * to the same labels, so it can prefer a labelling no single path wins.
 *
 * @param logProbs Log-probabilities, shape [T, B, V] (or [B, T, V] with
 *     `timeMajor: false`), float32.
 * @param inputLengths Valid steps per line, B integers in [0, T]; @default T
 * @returns B arrays of symbol ids, without blanks.
 */
export function beamSearchDecode(
    logProbs: tf.Tensor, inputLengths?: ArrayLike<number>,
    args: BeamSearchArgs = {}): number[][] {
  const width = args.width ?? 10;
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(
      `beamSearchDecode: width must be an integer >= 1, but got ${width}.`);
  }
  const lines = readScores('beamSearchDecode', logProbs, inputLengths, args);
  return lines.map((line) => beamSearchLine(line, width, args.blank ?? 0));
}
