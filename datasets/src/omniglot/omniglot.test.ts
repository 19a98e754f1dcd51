import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../common/test-support.js';
import { makeNpy, makeZip } from '../npy/test-fixtures.js';
import {
  gatherOmniglotClasses, loadOmniglot, omniglotImage,
} from './load-omniglot.js';
import { readOmniglotNpz } from './read-omniglot-npz.js';
import { rotateSquare } from './rotate.js';
import { assertDisjointSplits, readVinyalsSplit } from './vinyals-splits.js';
import type { OmniglotClass } from './vinyals-splits.js';

const P = 105 * 105;

/** Bools (C, 20, 105, 105): True background; class c, drawer d has a
 * (c + 1) x (d + 1) ink block at the top-left corner. */
function syntheticImages(numClasses: number): Uint8Array {
  const bools = new Uint8Array(numClasses * 20 * P).fill(1);
  for (let c = 0; c < numClasses; c++) {
    for (let d = 0; d < 20; d++) {
      const base = (c * 20 + d) * P;
      for (let y = 0; y <= c; y++) {
        for (let x = 0; x <= d; x++) bools[base + y * 105 + x] = 0;
      }
    }
  }
  return bools;
}

function labelsNpy(numClasses: number, shift = 0): Buffer {
  const labels = BigInt64Array.from({ length: numClasses * 20 },
      (_, i) => BigInt(Math.floor(i / 20) + shift));
  return makeNpy('<i8', [numClasses, 20], new Uint8Array(labels.buffer));
}

function npz(numClasses: number, opts: { shift?: number; shape?: number[] } =
    {}): Buffer {
  const shape = opts.shape ?? [numClasses, 20, 105, 105];
  return makeZip([
    { name: 'images.npy', data: makeNpy('|b1', shape,
        syntheticImages(numClasses)) },
    { name: 'labels.npy', data: labelsNpy(numClasses, opts.shift) },
  ], true);
}

describe('readOmniglotNpz (synthetic)', () => {
  const tmp = makeTempDir('omni-npz');
  afterAll(tmp.remove);

  it('inverts so ink is 255 and keeps full size at 105', async () => {
    const path = join(tmp.dir, 'a.npz');
    writeFileSync(path, npz(2));
    const { images, numClasses } = await readOmniglotNpz(path, 105);
    expect(numClasses).toBe(2);
    const img = images.subarray((1 * 20 + 3) * P, (1 * 20 + 4) * P);
    expect(img[0]).toBe(255);
    expect(img[1 * 105 + 3]).toBe(255);
    expect(img[2 * 105]).toBe(0);
    expect(img.reduce((s, v) => s + v, 0)).toBe(2 * 4 * 255);
  });

  it('downsamples deterministically', async () => {
    const path = join(tmp.dir, 'a.npz');
    const a = await readOmniglotNpz(path, 28);
    const b = await readOmniglotNpz(path, 28);
    expect(a.images.length).toBe(2 * 20 * 784);
    expect(Buffer.from(a.images).equals(Buffer.from(b.images))).toBe(true);
  });

  it('rejects wrong image dims', async () => {
    const path = join(tmp.dir, 'dims.npz');
    writeFileSync(path, makeZip([{ name: 'images.npy',
      data: makeNpy('|b1', [1, 20, 105, 104], new Uint8Array(20 * 105 * 104)),
    }]));
    await expect(readOmniglotNpz(path, 28))
        .rejects.toThrow(/dims\.npz:images\.npy: images must be bool/);
  });

  it('rejects labels that are not the class index', async () => {
    const path = join(tmp.dir, 'labels.npz');
    writeFileSync(path, npz(1, { shift: 1 }));
    await expect(readOmniglotNpz(path, 28))
        .rejects.toThrow(/labels\.npz:labels\.npy: labels must be int64/);
  });

  it('rejects truncated image data', async () => {
    const path = join(tmp.dir, 'short.npz');
    const images = makeNpy('|b1', [2, 20, 105, 105],
        syntheticImages(1)); // only half the data
    writeFileSync(path, makeZip([{ name: 'images.npy', data: images }]));
    await expect(readOmniglotNpz(path, 28))
        .rejects.toThrow(new RegExp('short\\.npz:images\\.npy: the data ' +
            'is truncated: expected 40 images, but got 20'));
  });
});

describe('loadOmniglot (synthetic data dir)', () => {
  const tmp = makeTempDir('omni-dir');
  afterAll(tmp.remove);
  const dir = join(tmp.dir, 'omniglot');

  beforeAll(() => {
    mkdirSync(join(dir, 'splits', 'vinyals'), { recursive: true });
    writeFileSync(join(dir, 'alphabets.tsv'), 'alphabet\tset\t' +
        'first_char_id\tlast_char_id\tnum_characters\tnpz_first_index\n' +
        'Aa\tbackground\t1\t2\t2\t0\nBb\tevaluation\t3\t3\t1\t0\n');
    writeFileSync(join(dir, 'images_background.npz'), npz(2));
    writeFileSync(join(dir, 'images_evaluation.npz'), npz(1));
    const lines = {
      train: 'Aa/character01/rot000\nAa/character01/rot090\n',
      val: 'Aa/character02/rot180\n',
      test: 'Bb/character01/rot270\n',
      trainval: 'Aa/character01/rot000\nAa/character02/rot180\n',
    };
    for (const [split, text] of Object.entries(lines)) {
      writeFileSync(join(dir, 'splits', 'vinyals', `${split}.txt`), text);
    }
  });

  it('maps split lines to npz classes and rotates images', async () => {
    const data = await loadOmniglot(tmp.dir, { size: 105 });
    expect(data.splits.train).toEqual([
      { alphabet: 'Aa', character: 1, rotation: 0, npzSet: 'background',
        npzIndex: 0 },
      { alphabet: 'Aa', character: 1, rotation: 90, npzSet: 'background',
        npzIndex: 0 },
    ]);
    const test = data.splits.test[0]!;
    expect([test.npzSet, test.npzIndex, test.rotation])
        .toEqual(['evaluation', 0, 270]);
    const upright = omniglotImage(data, data.splits.train[0]!, 2);
    const turned = omniglotImage(data, data.splits.train[1]!, 2);
    expect(upright[0]).toBe(255);
    // Counter-clockwise: the top-left ink block moves to the bottom-left.
    expect(turned[104 * 105]).toBe(255);
    expect(turned[0]).toBe(0);
    expect([...turned]).toEqual([...rotateSquare(upright, 105, 90)]);
  });

  it('gathers classes as NHWC with labels', async () => {
    const data = await loadOmniglot(tmp.dir, { size: 7 });
    const g = gatherOmniglotClasses(data, data.splits.trainval);
    expect(g.count).toBe(40);
    expect(g.images.length).toBe(40 * 49);
    expect(g.labels[19]).toBe(0);
    expect(g.labels[20]).toBe(1);
  });

  it('rejects a bad drawer and a bad size', async () => {
    const data = await loadOmniglot(tmp.dir, { size: 7 });
    expect(() => omniglotImage(data, data.splits.train[0]!, 20))
        .toThrow(/drawer must be an integer in \[0, 19\], but got 20/);
    await expect(loadOmniglot(tmp.dir, { size: 0 }))
        .rejects.toThrow(/size must be an integer in \[1, 105\]/);
  });

  it('rejects a split line with an unknown alphabet', () => {
    const path = join(tmp.dir, 'bad-split.txt');
    writeFileSync(path, 'Aa/character01/rot000\nZz/character01/rot000\n');
    expect(() => readVinyalsSplit(path, [])).toThrow(/line 1/);
    const withAa = [{ name: 'Aa', set: 'background' as const,
      firstCharId: 1, lastCharId: 2, numCharacters: 2, npzFirstIndex: 0 }];
    expect(() => readVinyalsSplit(path, withAa))
        .toThrow(/bad-split\.txt: line 2 must be.*Zz/);
  });

  it('finds characters shared between splits, ignoring rotation', () => {
    const cls = (i: number, rotation: 0 | 90): OmniglotClass => ({
      alphabet: 'Aa', character: i + 1, rotation, npzSet: 'background',
      npzIndex: i,
    });
    expect(() => assertDisjointSplits({ base: [cls(0, 0)],
      novel: [cls(1, 0)] })).not.toThrow();
    expect(() => assertDisjointSplits({ base: [cls(0, 0), cls(1, 0)],
      novel: [cls(1, 90)] }))
        .toThrow(new RegExp('splits base and novel must share no ' +
            'character, but got 1 shared, e\\.g\\. Aa/character02'));
  });
});
