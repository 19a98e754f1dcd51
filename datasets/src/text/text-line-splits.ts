// The text-line recognition data: lines of a text, cut by position into
// train / validation / test (test text never trained on), a charset from
// the training lines, and fonts split so that one test set uses fonts
// never seen in training.
import { readFileSync } from 'node:fs';

import { DatasetError } from '../common/dataset-error.js';
import { Charset } from './charset.js';
import { cutLines, splitTextByPosition } from './cut-lines.js';
import {
  listFontFaces, splitFontsByFamily, type FontFace, type FontSplit,
} from './font-files.js';
import { childSeed, hashRandom } from './hash-random.js';
import type { LineSpec } from './line-cache.js';
import { drawLineJitter, NO_JITTER } from './line-jitter.js';

/** Families held out for the unseen-font test set, when present. */
export const DEFAULT_UNSEEN_FAMILIES: readonly string[] = Object.freeze(
    ['Kaushan Script', 'Steve', 'Humor Sans', 'Liberation Serif']);

export interface TextLineSplitArgs {
  /** The source text, e.g. tinyshakespeare/input.txt. */
  textFile: string;
  /** Folders searched for .ttf/.otf files. */
  fontDirs: readonly string[];
  /** Line image height in pixels. @default 32 */
  height?: number;
  /** @default 24 */
  maxLength?: number;
  /** @default 4 */
  minLength?: number;
  /** Lines drawn from each part (fewer if the part has fewer). */
  trainLines?: number;
  /** @default 200 */
  validationLines?: number;
  /** @default 300 */
  testLines?: number;
  /** @default DEFAULT_UNSEEN_FAMILIES */
  unseenFamilies?: readonly string[];
  /** Jitter the renderings. @default true */
  jitter?: boolean;
  /** Seed of line choice, fonts and jitter (not of training). @default 0 */
  seed?: number;
}

/** Lines of each split and what was set aside. */
export interface TextLineSplits {
  readonly charset: Charset;
  readonly fonts: FontSplit;
  readonly train: LineSpec[];
  readonly validation: LineSpec[];
  /** Unseen text in the training fonts. */
  readonly testSeenFonts: LineSpec[];
  /** The same unseen text in held-out fonts. */
  readonly testUnseenFonts: LineSpec[];
  /** Characters outside the charset, per split, with counts. */
  readonly unknownChars: Record<string, Record<string, number>>;
  /** Lines set aside for such characters, per split. */
  readonly rejectedLines: Record<string, number>;
}

/**
 * Builds the splits. The charset is derived from the training lines;
 * validation and test lines with characters outside it are set aside and
 * reported in `unknownChars` and `rejectedLines`, never dropped silently.
 */
export function buildTextLineSplits(args: TextLineSplitArgs): TextLineSplits {
  const seed = args.seed ?? 0;
  const text = readText(args.textFile);
  const parts = splitTextByPosition(text);
  const cut = (part: string, k: number) => cutLines(part, {
    maxLength: args.maxLength ?? 24, minLength: args.minLength ?? 4,
    seed: childSeed(seed, k),
  });
  const trainAll = cut(parts.train, 0);
  const charset = Charset.fromLines(trainAll);
  const faces = listFontFaces(args.fontDirs);
  if (faces.length === 0) {
    throw new Error(
      `buildTextLineSplits: need .ttf or .otf fonts, but found none in ` +
      `${args.fontDirs.join(', ')}; install e.g. fonts-dejavu-core and ` +
      `fonts-kristi, or pass a folder of fonts.`);
  }
  const fonts = splitFontsByFamily(
      faces, args.unseenFamilies ?? DEFAULT_UNSEEN_FAMILIES);
  const unknownChars: Record<string, Record<string, number>> = {};
  const rejectedLines: Record<string, number> = {};
  const pick = (name: string, lines: string[], n: number, k: number) => {
    const report = charset.check(lines);
    unknownChars[name] = Object.fromEntries(report.unknown);
    rejectedLines[name] = report.rejected.length;
    return sample(report.kept, n, childSeed(seed, k));
  };
  const spec = makeSpec(args, seed);
  const train = pick('train', trainAll, args.trainLines ?? 2000, 10);
  const validation = pick('validation', cut(parts.validation, 1),
      args.validationLines ?? 200, 11);
  const test = pick('test', cut(parts.test, 2), args.testLines ?? 300, 12);
  return {
    charset, fonts, unknownChars, rejectedLines,
    train: train.map((t, i) => spec(t, fonts.seen, 100, i)),
    validation: validation.map((t, i) => spec(t, fonts.seen, 101, i)),
    testSeenFonts: test.map((t, i) => spec(t, fonts.seen, 102, i)),
    testUnseenFonts: test.map((t, i) => spec(t, fonts.unseen, 103, i)),
  };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new DatasetError('buildTextLineSplits', path,
        `the text file must be readable, but got ${(err as Error).message}`);
  }
}

/** n items in their original order, chosen by a seeded shuffle. */
function sample(items: string[], n: number, seed: number): string[] {
  if (n >= items.length) return [...items];
  const random = hashRandom(seed);
  const index = items.map((_, i) => i);
  for (let i = index.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [index[i], index[j]] = [index[j], index[i]];
  }
  return index.slice(0, n).sort((a, b) => a - b).map((i) => items[i]);
}

function makeSpec(args: TextLineSplitArgs, seed: number) {
  return (text: string, faces: readonly FontFace[], stream: number,
      i: number): LineSpec => {
    const random = hashRandom(childSeed(childSeed(seed, stream), i));
    const face = faces[Math.floor(random() * faces.length)];
    const jitter = args.jitter ?? true ? drawLineJitter(random) : NO_JITTER;
    return { text, face, jitter, height: args.height ?? 32 };
  };
}
