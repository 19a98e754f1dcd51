import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../common/dataset-error.js';

/** Few-shot splits: base (train), val, novel (test). */
export type FewShotSplit = 'base' | 'val' | 'novel';
export const FEW_SHOT_SPLITS: readonly FewShotSplit[] =
    Object.freeze(['base', 'val', 'novel']);

/** Class folder names of each split. */
export type FewShotSplits = Record<FewShotSplit, string[]>;

/** Accepted names for each split, the canonical one first. */
const ALIASES: Record<FewShotSplit, string[]> = {
  base: ['base', 'train'], val: ['val'], novel: ['novel', 'test'],
};

const FN = 'readFewShotSplits';

/** Class names from a text list: one per line, `#` comments skipped. */
function readList(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The one existing file among the aliases, or null; two is an error. */
function findAlias(dir: string, split: FewShotSplit, ext: string) {
  const found = ALIASES[split].map((a) => join(dir, `${a}${ext}`))
      .filter((p) => existsSync(p));
  if (found.length > 1) {
    throw new DatasetError(FN, dir, `the ${split} split must be given ` +
        `once, but got ${found.join(' and ')}`);
  }
  return found[0] ?? null;
}

// TODO: CloserLook-style base.json (image paths + image_labels), which the
// S2M2 code writes, is not read; only class-name lists are.
function fromJson(path: string): FewShotSplits {
  let obj: unknown;
  try {
    obj = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DatasetError(FN, path,
        `the file must be valid JSON, but got "${(err as Error).message}"`);
  }
  const out: FewShotSplits = { base: [], val: [], novel: [] };
  for (const [key, value] of Object.entries(obj as object)) {
    const split = FEW_SHOT_SPLITS.find((s) => ALIASES[s].includes(key));
    if (split == null || !Array.isArray(value) ||
        !value.every((v) => typeof v === 'string')) {
      throw new DatasetError(FN, path, `keys must be base/train, val, ` +
          `novel/test with lists of class names, but got key "${key}"`);
    }
    out[split] = value.map((v: string) => v.trim());
  }
  return out;
}

function checkSplits(root: string, source: string, splits: FewShotSplits) {
  if (splits.base.length === 0 || splits.novel.length === 0) {
    throw new DatasetError(FN, source, `base and novel must list classes, ` +
        `but got ${splits.base.length} and ${splits.novel.length}`);
  }
  const owner = new Map<string, FewShotSplit>();
  for (const split of FEW_SHOT_SPLITS) {
    for (const name of splits[split]) {
      const prev = owner.get(name);
      if (prev != null) {
        throw new DatasetError(FN, source, `a class must appear in one ` +
            `split once, but "${name}" is in ${prev} and ${split}`);
      }
      owner.set(name, split);
      const dir = join(root, name);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new DatasetError(FN, dir,
            `the class folder listed in ${split} is missing`);
      }
    }
  }
}

/**
 * Reads the split lists of a few-shot image folder. Looks in `splitsDir`
 * for `splits.json` ({"base": [...], "val": [...], "novel": [...]}), else
 * for text lists `base.txt`, `val.txt`, `novel.txt` (one class folder
 * name per line). `train` is accepted for base and `test` for novel; val
 * may be absent. Splits must be disjoint and every class folder present.
 *
 * @param root Folder with one sub-folder per class.
 * @param splitsDir Where the split files are. @default root
 */
export function readFewShotSplits(
    root: string, splitsDir = root): FewShotSplits {
  const json = join(splitsDir, 'splits.json');
  if (existsSync(json)) {
    const splits = fromJson(json);
    checkSplits(root, json, splits);
    return splits;
  }
  const splits: FewShotSplits = { base: [], val: [], novel: [] };
  let any = false;
  for (const split of FEW_SHOT_SPLITS) {
    const file = findAlias(splitsDir, split, '.txt');
    if (file != null) {
      splits[split] = readList(file);
      any = true;
    }
  }
  if (!any) {
    throw new DatasetError(FN, splitsDir, 'a few-shot folder needs ' +
        'splits.json or base.txt/val.txt/novel.txt, but got none');
  }
  checkSplits(root, splitsDir, splits);
  return splits;
}
