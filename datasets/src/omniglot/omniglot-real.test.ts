import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { realDataFile } from '../common/test-support.js';
import { OMNIGLOT_ALPHABETS, readAlphabetsTsv } from './alphabets.js';
import { loadOmniglot, omniglotImage } from './load-omniglot.js';
import type { OmniglotData } from './load-omniglot.js';
import { loadOmniglotRuns } from './one-shot-runs.js';
import type { OneShotRun } from './one-shot-runs.js';
import { readOmniglotNpz } from './read-omniglot-npz.js';
import { assertDisjointSplits, characterKey } from './vinyals-splits.js';

const npzFile = realDataFile('omniglot/images_background.npz');
const runsFile = realDataFile('omniglot/all_runs.zip');
const tsvFile = realDataFile('omniglot/alphabets.tsv');
const dataDir = join(npzFile.path, '..', '..');

describe.skipIf(tsvFile.missing != null)('alphabets.tsv (real)', () => {
  it('equals the built-in table', () => {
    expect(readAlphabetsTsv(tsvFile.path)).toEqual(OMNIGLOT_ALPHABETS);
  });
});

describe.skipIf(npzFile.missing != null)('loadOmniglot (real data)', () => {
  let data: OmniglotData;
  beforeAll(async () => {
    data = await loadOmniglot(dataDir, { size: 28 });
  });

  it('loads both sets at 28x28 with 8% ink', () => {
    expect(data.background.length).toBe(964 * 20 * 784);
    expect(data.evaluation.length).toBe(659 * 20 * 784);
    const mean = data.evaluation.reduce((s, v) => s + v, 0) /
        data.evaluation.length / 255;
    expect(mean).toBeGreaterThan(0.05);
    expect(mean).toBeLessThan(0.12);
    expect(data.loadSeconds).toBeLessThan(60);
  });

  it('has the Vinyals split sizes, all rotations of 1623 characters', () => {
    const { train, val, test, trainval } = data.splits;
    expect([train.length, val.length, test.length, trainval.length])
        .toEqual([4112, 688, 1692, 4800]);
    const chars = new Set([...train, ...val, ...test].map(characterKey));
    expect(chars.size).toBe(1623);
  });

  it('keeps base, val and novel characters disjoint', () => {
    const { train, val, test } = data.splits;
    expect(() => assertDisjointSplits({ train, val, test })).not.toThrow();
    expect(() => assertDisjointSplits({ trainval: data.splits.trainval, val }))
        .toThrow(/share no character/);
  });

  it('returns rotated copies of the same drawing', () => {
    const [r0, r90] = data.splits.train;
    expect(characterKey(r0!)).toBe(characterKey(r90!));
    expect([r0!.rotation, r90!.rotation]).toEqual([0, 90]);
    const a = omniglotImage(data, r0!, 3);
    const b = omniglotImage(data, r90!, 3);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    // Pixel (y, x) of the 90-degree copy is pixel (x, 27 - y) upright.
    for (const [y, x] of [[0, 0], [5, 17], [27, 3]] as const) {
      expect(b[y * 28 + x]).toBe(a[x * 28 + 27 - y]);
    }
  });
});

describe.skipIf(runsFile.missing != null)('loadOmniglotRuns (real)', () => {
  let runs: OneShotRun[];
  beforeAll(async () => {
    runs = await loadOmniglotRuns(dataDir, { size: 28 });
  });

  it('loads 20 runs of 20 classes with permuted labels', () => {
    expect(runs.map((r) => r.name)[19]).toBe('run20');
    for (const run of runs) {
      expect(run.training.length).toBe(20 * 784);
      expect([...run.testLabels].sort((a, b) => a - b))
          .toEqual([...Array(20).keys()]);
    }
    // run01/class_labels.txt: item01 -> class08.
    expect(runs[0]!.testLabels[0]).toBe(7);
  });

  it('decodes PNG ink exactly like the npz pipeline', async () => {
    // run01/training/class01.png is evaluation class 46 (Atlantean
    // character01), drawer 4, found by exact search at 105x105.
    const evalPath = join(dataDir, 'omniglot', 'images_evaluation.npz');
    const npz = await readOmniglotNpz(evalPath, 28, 47);
    const from = (46 * 20 + 4) * 784;
    const want = npz.images.subarray(from, from + 784);
    expect([...runs[0]!.training.subarray(0, 784)]).toEqual([...want]);
  });
});

for (const f of [npzFile, runsFile, tsvFile]) {
  if (f.missing != null) {
    it.skip(`Omniglot real data: ${f.missing}`, () => {});
  }
}
