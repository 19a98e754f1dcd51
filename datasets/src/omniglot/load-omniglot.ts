import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../common/dataset-error.js';
import { OMNIGLOT_ALPHABETS, readAlphabetsTsv } from './alphabets.js';
import type { OmniglotAlphabet } from './alphabets.js';
import { OMNIGLOT_DRAWERS, readOmniglotNpz } from './read-omniglot-npz.js';
import { rotateSquare } from './rotate.js';
import { readVinyalsSplit, VINYALS_SPLITS } from './vinyals-splits.js';
import type { OmniglotClass, VinyalsSplit } from './vinyals-splits.js';

/** All of Omniglot, downsampled, with the Vinyals split lists. */
export interface OmniglotData {
  /** Side of every image. */
  size: number;
  /** Background set, [964, 20, size, size] uint8, ink 255, else 0. */
  background: Uint8Array;
  /** Evaluation set, [659, 20, size, size] uint8, ink 255, else 0. */
  evaluation: Uint8Array;
  alphabets: OmniglotAlphabet[];
  /** Classes of each split list, in file order. */
  splits: Record<VinyalsSplit, OmniglotClass[]>;
  /** Seconds spent reading and downsampling the two npz files. */
  loadSeconds: number;
}

export interface OmniglotArgs {
  /** Output side; 105 keeps the originals. @default 28 */
  size?: number;
}

/**
 * Loads Omniglot from `<dataDir>/omniglot/`: `images_background.npz`,
 * `images_evaluation.npz`, `splits/vinyals/{train,val,test,trainval}.txt`
 * and `alphabets.tsv` (the built-in table when that file is absent).
 * Images are inverted (ink = 255) and area-averaged to size x size.
 *
 * @param dataDir The data directory (see `resolveDataDir`).
 * @param args Output size.
 */
export async function loadOmniglot(
    dataDir: string, args: OmniglotArgs = {}): Promise<OmniglotData> {
  const size = args.size ?? 28;
  if (!(Number.isInteger(size) && size >= 1 && size <= 105)) {
    throw new RangeError(
        `loadOmniglot: size must be an integer in [1, 105], but got ${size}.`);
  }
  const dir = join(dataDir, 'omniglot');
  const tsv = join(dir, 'alphabets.tsv');
  const alphabets = existsSync(tsv) ?
      readAlphabetsTsv(tsv) : OMNIGLOT_ALPHABETS.map((a) => ({ ...a }));
  const splits = {} as Record<VinyalsSplit, OmniglotClass[]>;
  for (const split of VINYALS_SPLITS) {
    splits[split] =
        readVinyalsSplit(join(dir, 'splits', 'vinyals', `${split}.txt`),
            alphabets);
  }
  const start = performance.now();
  const sets = [];
  for (const set of ['background', 'evaluation'] as const) {
    const path = join(dir, `images_${set}.npz`);
    if (!existsSync(path)) {
      throw new DatasetError('loadOmniglot', path, 'the file is missing');
    }
    const npz = await readOmniglotNpz(path, size);
    const want = alphabets.filter((a) => a.set === set)
        .reduce((n, a) => Math.max(n, a.npzFirstIndex + a.numCharacters), 0);
    if (npz.numClasses !== want) {
      throw new DatasetError('loadOmniglot', path, `the alphabet table ` +
          `needs ${want} classes, but got ${npz.numClasses}`);
    }
    sets.push(npz.images);
  }
  return {
    size, background: sets[0]!, evaluation: sets[1]!, alphabets, splits,
    loadSeconds: (performance.now() - start) / 1000,
  };
}

/**
 * One image of a class, with the class's rotation applied.
 *
 * @param data Loaded Omniglot.
 * @param cls A class from `data.splits`.
 * @param drawer Drawer index, 0..19.
 * @returns Pixels [size, size] uint8, ink 255.
 */
export function omniglotImage(
    data: OmniglotData, cls: OmniglotClass, drawer: number): Uint8Array {
  if (!(Number.isInteger(drawer) && drawer >= 0 && drawer < OMNIGLOT_DRAWERS)) {
    throw new RangeError(`omniglotImage: drawer must be an integer in ` +
        `[0, 19], but got ${drawer}.`);
  }
  const pixels = data.size * data.size;
  const from = (cls.npzIndex * OMNIGLOT_DRAWERS + drawer) * pixels;
  const source =
      cls.npzSet === 'background' ? data.background : data.evaluation;
  if (from + pixels > source.length) {
    throw new RangeError(`omniglotImage: npzIndex must be a class of the ` +
        `${cls.npzSet} set, but got ${cls.npzIndex}.`);
  }
  return rotateSquare(source.subarray(from, from + pixels), data.size,
      cls.rotation);
}

/**
 * Gathers all 20 drawings of each class into one NHWC array.
 *
 * @param data Loaded Omniglot.
 * @param classes Classes, e.g. `data.splits.train`; label k is classes[k].
 * @returns Images [K * 20, size, size, 1] uint8 and labels [K * 20].
 */
export function gatherOmniglotClasses(data: OmniglotData,
    classes: readonly OmniglotClass[]): { images: Uint8Array;
      labels: Int32Array; count: number } {
  const pixels = data.size * data.size;
  const count = classes.length * OMNIGLOT_DRAWERS;
  const images = new Uint8Array(count * pixels);
  const labels = new Int32Array(count);
  classes.forEach((cls, k) => {
    for (let d = 0; d < OMNIGLOT_DRAWERS; d++) {
      const n = k * OMNIGLOT_DRAWERS + d;
      images.set(omniglotImage(data, cls, d), n * pixels);
      labels[n] = k;
    }
  });
  return { images, labels, count };
}
