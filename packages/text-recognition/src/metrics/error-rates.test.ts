import { describe, expect, it } from 'vitest';

import { editDistance } from './edit-distance.js';
import {
  characterErrorRate, splitWords, wordErrorRate,
} from './error-rates.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance([1, 2, 3], [1, 3])).toBe(1);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('characterErrorRate', () => {
  it('divides total edits by total reference length', () => {
    // 'abc' -> 'abd': 1 edit; 'de' -> '': 2 edits; 5 reference chars.
    // (A mean of per-line rates would give (1/3 + 1) / 2 = 0.667.)
    const cer = characterErrorRate(['abc', 'de'], ['abd', '']);
    expect(cer).toEqual({ rate: 0.6, errors: 3, referenceLength: 5 });
  });

  it('counts spaces as characters', () => {
    expect(characterErrorRate(['a b'], ['ab']).rate).toBeCloseTo(1 / 3, 12);
  });

  it('is 0 for an empty corpus and rejects a length mismatch', () => {
    expect(characterErrorRate([], []).rate).toBe(0);
    expect(() => characterErrorRate(['a'], [])).toThrow(/same length/);
  });
});

describe('wordErrorRate', () => {
  it('divides total word edits by total reference words', () => {
    // 'the cat sat' -> 'the bat sat down': 1 substitution + 1 insertion.
    const wer = wordErrorRate(
        ['the cat sat', 'hi'], ['the bat sat down', 'hi']);
    expect(wer).toEqual({ rate: 0.5, errors: 2, referenceLength: 4 });
  });

  it('splits on runs of white space', () => {
    expect(splitWords('  to be,  or\tnot '))
        .toEqual(['to', 'be,', 'or', 'not']);
    expect(wordErrorRate(['to be'], ['to  be']).rate).toBe(0);
  });
});
