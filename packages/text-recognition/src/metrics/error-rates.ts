// Character and word error rates of a corpus: total edits over all lines
// divided by the total reference length, not a mean of per-line rates.
import { editDistance } from './edit-distance.js';

/** A corpus error rate with its parts. */
export interface ErrorRate {
  /** errors / referenceLength; 0 for an empty corpus without errors. */
  readonly rate: number;
  /** Summed edit distance over all lines. */
  readonly errors: number;
  /** Summed reference length (characters or words). */
  readonly referenceLength: number;
}

function corpusRate<T>(
    fn: string, references: readonly string[], hypotheses: readonly string[],
    split: (line: string) => ArrayLike<T>): ErrorRate {
  if (references.length !== hypotheses.length) {
    throw new Error(
      `${fn}: references and hypotheses must have the same length, but ` +
      `got ${references.length} and ${hypotheses.length}.`);
  }
  let errors = 0;
  let referenceLength = 0;
  references.forEach((ref, i) => {
    const refItems = split(ref);
    errors += editDistance(refItems, split(hypotheses[i]));
    referenceLength += refItems.length;
  });
  const rate = referenceLength > 0 ? errors / referenceLength :
    (errors > 0 ? Infinity : 0);
  return { rate, errors, referenceLength };
}

/** Words of a line: maximal runs of non-space characters. */
export function splitWords(line: string): string[] {
  return line.split(/\s+/).filter((w) => w.length > 0);
}

/**
 * Corpus character error rate: the summed character edit distance over
 * all lines divided by the summed reference length in characters.
 *
 * @param references Ground-truth lines.
 * @param hypotheses Decoded lines, one per reference.
 */
export function characterErrorRate(
    references: readonly string[], hypotheses: readonly string[]): ErrorRate {
  return corpusRate('characterErrorRate', references, hypotheses,
      (line) => Array.from(line));
}

/**
 * Corpus word error rate: the summed word-level edit distance over all
 * lines divided by the summed number of reference words (split on white
 * space).
 */
export function wordErrorRate(
    references: readonly string[], hypotheses: readonly string[]): ErrorRate {
  return corpusRate('wordErrorRate', references, hypotheses, splitWords);
}
