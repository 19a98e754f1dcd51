// Text lines for synthetic line images: the source text cut into lines at
// word boundaries, and split by position so test text is never trained on.
import { hashRandom } from './hash-random.js';

export interface CutLinesArgs {
  /** Longest line in characters, an integer >= 1. @default 24 */
  maxLength?: number;
  /** Shortest line kept, in characters. @default 4 */
  minLength?: number;
  /** Seed of the drawn target lengths. @default 0 */
  seed?: number;
}

/**
 * Cuts text into lines of whole words, each at most `maxLength` characters
 * (a target length is drawn per line in [minLength, maxLength], so lengths
 * vary). Runs of white space, newlines included, become one space; a word
 * longer than `maxLength` is split at `maxLength` characters.
 *
 * @param text Any text, e.g. tinyshakespeare's input.txt.
 * @returns Lines without leading or trailing spaces.
 */
export function cutLines(text: string, args: CutLinesArgs = {}): string[] {
  const maxLength = args.maxLength ?? 24;
  const minLength = args.minLength ?? 4;
  if (!Number.isInteger(maxLength) || maxLength < 1 ||
      !Number.isInteger(minLength) || minLength < 1 ||
      minLength > maxLength) {
    throw new RangeError(
      `cutLines: need integers 1 <= minLength <= maxLength, but got ` +
      `${minLength} and ${maxLength}.`);
  }
  const random = hashRandom(args.seed ?? 0);
  const target = () => minLength +
    Math.floor(random() * (maxLength - minLength + 1));
  const words = text.split(/\s+/).filter((w) => w.length > 0)
      .flatMap((w) => chunk(w, maxLength));
  const lines: string[] = [];
  let line = '';
  let want = target();
  for (const word of words) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (joined.length <= want) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    want = Math.max(target(), word.length);
  }
  if (line !== '') lines.push(line);
  return lines.filter((l) => l.length >= minLength);
}

function chunk(word: string, size: number): string[] {
  if (word.length <= size) return [word];
  const parts: string[] = [];
  for (let i = 0; i < word.length; i += size) {
    parts.push(word.slice(i, i + size));
  }
  return parts;
}

/** Contiguous parts of a text, in order; each starts at a word boundary. */
export interface TextParts {
  readonly train: string;
  readonly validation: string;
  readonly test: string;
}

/**
 * Splits a text by position: the first `trainFraction` of its characters
 * train, the next `validationFraction` validate, the rest test. Each cut
 * moves forward to the next white space, so no word is shared.
 */
export function splitTextByPosition(
    text: string, trainFraction = 0.8, validationFraction = 0.1): TextParts {
  if (!(trainFraction > 0 && validationFraction >= 0 &&
      trainFraction + validationFraction < 1)) {
    throw new RangeError(
      `splitTextByPosition: need trainFraction > 0, validationFraction ` +
      `>= 0 and their sum < 1, but got ${trainFraction} and ` +
      `${validationFraction}.`);
  }
  const cutAt = (fraction: number) => {
    const i = text.slice(Math.floor(text.length * fraction)).search(/\s/);
    return i < 0 ? text.length : Math.floor(text.length * fraction) + i;
  };
  const a = cutAt(trainFraction);
  const b = Math.max(a, cutAt(trainFraction + validationFraction));
  return {
    train: text.slice(0, a),
    validation: text.slice(a, b),
    test: text.slice(b),
  };
}
