import { existsSync, readFileSync } from 'node:fs';
import { DatasetError } from '../common/dataset-error.js';
import type { OmniglotAlphabet, OmniglotSet } from './alphabets.js';
import type { Rotation } from './rotate.js';

/** The Vinyals et al. split lists shipped with Prototypical Networks. */
export type VinyalsSplit = 'train' | 'val' | 'test' | 'trainval';
export const VINYALS_SPLITS: readonly VinyalsSplit[] =
    Object.freeze(['train', 'val', 'test', 'trainval']);

/** One class of a split: a character at one rotation. */
export interface OmniglotClass {
  alphabet: string;
  /** The NN of `characterNN`, 1-based within the alphabet. */
  character: number;
  /** Counter-clockwise rotation in degrees. */
  rotation: Rotation;
  npzSet: OmniglotSet;
  /** Class index in that set's npz. */
  npzIndex: number;
}

const LINE = /^(.+)\/character(\d+)\/rot(000|090|180|270)$/;

/**
 * Parses a split list, lines `<Alphabet>/characterNN/rotDDD`, mapping each
 * line to its npz class through the alphabet table.
 *
 * @param path The split file, e.g. `splits/vinyals/train.txt`.
 * @param alphabets The alphabet table (`readAlphabetsTsv` or built-in).
 * @returns One class per line, in file order.
 */
export function readVinyalsSplit(path: string,
    alphabets: readonly OmniglotAlphabet[]): OmniglotClass[] {
  if (!existsSync(path)) {
    throw new DatasetError('readVinyalsSplit', path, 'the file is missing');
  }
  const byName = new Map(alphabets.map((a) => [a.name, a]));
  const lines = readFileSync(path, 'utf8').split('\n')
      .map((l) => l.trim()).filter((l) => l !== '');
  return lines.map((line, i) => {
    const m = LINE.exec(line);
    const alphabet = m == null ? undefined : byName.get(m[1]!);
    const character = m == null ? 0 : Number(m[2]);
    if (m == null || alphabet == null || character < 1 ||
        character > alphabet.numCharacters) {
      throw new DatasetError('readVinyalsSplit', path, `line ${i + 1} must ` +
          `be <Alphabet>/characterNN/rotDDD with a known alphabet and NN ` +
          `in range, but got ${JSON.stringify(line)}`);
    }
    return {
      alphabet: alphabet.name, character,
      rotation: Number(m[3]) as Rotation, npzSet: alphabet.set,
      npzIndex: alphabet.npzFirstIndex + character - 1,
    };
  });
}

/** `set:index`, the identity of a character regardless of rotation. */
export function characterKey(cls: OmniglotClass): string {
  return `${cls.npzSet}:${cls.npzIndex}`;
}

/**
 * Lists the characters two class lists share, ignoring rotation (a
 * rotated copy of a base character is not a novel class).
 *
 * @returns `alphabet/characterNN` of each shared character, sorted.
 */
export function sharedCharacters(
    a: readonly OmniglotClass[], b: readonly OmniglotClass[]): string[] {
  const inA = new Set(a.map(characterKey));
  const shared = new Map<string, string>();
  for (const cls of b) {
    if (inA.has(characterKey(cls))) {
      const nn = String(cls.character).padStart(2, '0');
      shared.set(characterKey(cls), `${cls.alphabet}/character${nn}`);
    }
  }
  return [...shared.values()].sort();
}

/**
 * Throws unless every pair of the given splits is disjoint by character,
 * so that no base (train) class appears among the novel (test) classes.
 *
 * @param splits Split name to its classes, e.g. {train, val, test}.
 */
export function assertDisjointSplits(
    splits: Record<string, readonly OmniglotClass[]>): void {
  const names = Object.keys(splits);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const shared = sharedCharacters(splits[names[i]!]!, splits[names[j]!]!);
      if (shared.length > 0) {
        throw new Error(`assertDisjointSplits: splits ${names[i]} and ` +
            `${names[j]} must share no character, but got ${shared.length} ` +
            `shared, e.g. ${shared.slice(0, 3).join(', ')}.`);
      }
    }
  }
}
