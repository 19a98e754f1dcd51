// Reading lines with a trained recogniser, and scoring what it reads.
import * as tf from '@tensorflow/tfjs-core';
import type { MixableNetwork } from '@mixup/core';
import type { Charset } from '@mixup/datasets/text';

import '../util/register-ops.js';

import {
  evaluationBatches, makeLineBatch, type LineExample,
} from '../data/line-batch.js';
import { beamSearchDecode } from '../decode/beam-search.js';
import { greedyDecode } from '../decode/greedy-decode.js';
import { characterErrorRate, wordErrorRate } from '../metrics/error-rates.js';

export interface RecognizeArgs {
  /** @default 32 */
  batchSize?: number;
  /** Prefix beam width; 0 skips the beam search. @default 0 */
  beamWidth?: number;
}

/** What a recogniser read: greedy always, beam when asked. */
export interface Readings {
  greedy: string[];
  beam: string[] | null;
}

/**
 * Reads every line (inference mode), in the examples' order.
 *
 * @param examples Lines; only their images are used.
 */
export function recognizeLines(
    network: MixableNetwork, charset: Charset,
    examples: readonly LineExample[], args: RecognizeArgs = {}): Readings {
  const beamWidth = args.beamWidth ?? 0;
  const greedy = new Array<string>(examples.length);
  const beam = beamWidth > 0 ? new Array<string>(examples.length) : null;
  for (const indices of evaluationBatches(examples, args.batchSize ?? 32)) {
    const batch = makeLineBatch(examples, indices);
    const logProbs = tf.tidy(() =>
      tf.logSoftmax(network.forward(batch.x), 2));
    const opts = { timeMajor: false };
    const g = greedyDecode(logProbs, batch.inputLengths, opts);
    const b = beam === null ? null :
      beamSearchDecode(logProbs, batch.inputLengths,
          { ...opts, width: beamWidth });
    indices.forEach((i, k) => {
      greedy[i] = charset.decode(g[k]);
      if (beam !== null) beam[i] = charset.decode(b![k]);
    });
    tf.dispose([logProbs, batch.x]);
  }
  return { greedy, beam };
}

/** Corpus CER and WER of greedy (and beam) readings. */
export interface LineScores {
  cer: number;
  wer: number;
  cerBeam?: number;
  werBeam?: number;
}

/** Reads the lines and scores them against their texts. */
export function evaluateLines(
    network: MixableNetwork, charset: Charset,
    examples: readonly LineExample[], args: RecognizeArgs = {}): LineScores {
  const readings = recognizeLines(network, charset, examples, args);
  const refs = examples.map((e) => e.text);
  const scores: LineScores = {
    cer: characterErrorRate(refs, readings.greedy).rate,
    wer: wordErrorRate(refs, readings.greedy).rate,
  };
  if (readings.beam !== null) {
    scores.cerBeam = characterErrorRate(refs, readings.beam).rate;
    scores.werBeam = wordErrorRate(refs, readings.beam).rate;
  }
  return scores;
}
