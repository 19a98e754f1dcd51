import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it }
  from 'vitest';
import { makeTempDir } from '../common/test-support.js';
import { readFewShotSplits } from './few-shot-splits.js';
import { loadFewShotFolder } from './load-few-shot-folder.js';

const CLASSES = ['n01', 'n02', 'n03', 'n04', 'n05'];

/** A 6x6 grey PNG with every pixel equal to `value`. */
function greyPng(value: number): Promise<Buffer> {
  return sharp(Buffer.alloc(36, value), {
    raw: { width: 6, height: 6, channels: 1 },
  }).png().toBuffer();
}

describe('few-shot folder', () => {
  const tmp = makeTempDir('fewshot');
  const root = tmp.dir;
  afterAll(tmp.remove);
  const clearSplits = () => {
    for (const f of ['base.txt', 'train.txt', 'val.txt', 'novel.txt',
      'test.txt', 'splits.json']) {
      rmSync(join(root, f), { force: true });
    }
  };

  beforeAll(async () => {
    for (const [k, name] of CLASSES.entries()) {
      mkdirSync(join(root, name));
      for (let i = 0; i < 3; i++) {
        writeFileSync(join(root, name, `img${i}.png`),
            await greyPng(k * 40 + i));
      }
    }
  });
  beforeEach(clearSplits);

  it('reads text lists and decodes one split in list order', async () => {
    writeFileSync(join(root, 'base.txt'), 'n03\nn01\n# note\n\n');
    writeFileSync(join(root, 'val.txt'), 'n02\n');
    writeFileSync(join(root, 'novel.txt'), 'n04\nn05\n');
    expect(readFewShotSplits(root)).toEqual({
      base: ['n03', 'n01'], val: ['n02'], novel: ['n04', 'n05'],
    });
    const base = await loadFewShotFolder(root,
        { split: 'base', height: 4, width: 4, channels: 1 });
    expect(base.classNames).toEqual(['n03', 'n01']);
    expect(base.images.length).toBe(6 * 16);
    expect([...base.labels]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(base.images[0]).toBe(80); // n03/img0
    expect(base.images[3 * 16 + 16 * 0]).toBe(0); // n01/img0
  });

  it('accepts splits.json with train/test aliases and no val', () => {
    writeFileSync(join(root, 'splits.json'),
        JSON.stringify({ train: ['n01', 'n02'], test: ['n05'] }));
    expect(readFewShotSplits(root))
        .toEqual({ base: ['n01', 'n02'], val: [], novel: ['n05'] });
  });

  it('rejects a class in two splits', () => {
    writeFileSync(join(root, 'base.txt'), 'n01\nn02\n');
    writeFileSync(join(root, 'novel.txt'), 'n02\n');
    expect(() => readFewShotSplits(root))
        .toThrow(/"n02" is in base and novel/);
  });

  it('rejects a listed class with no folder', () => {
    writeFileSync(join(root, 'base.txt'), 'n01\n');
    writeFileSync(join(root, 'novel.txt'), 'n99\n');
    expect(() => readFewShotSplits(root))
        .toThrow(/n99: the class folder listed in novel is missing/);
  });

  it('rejects a split given twice, none given, or a bad JSON key', () => {
    writeFileSync(join(root, 'base.txt'), 'n01\n');
    writeFileSync(join(root, 'train.txt'), 'n02\n');
    expect(() => readFewShotSplits(root))
        .toThrow(/base split must be given once/);
    clearSplits();
    expect(() => readFewShotSplits(root)).toThrow(/needs splits\.json or/);
    writeFileSync(join(root, 'splits.json'), '{"support": ["n01"]}');
    expect(() => readFewShotSplits(root)).toThrow(/got key "support"/);
  });

  it('rejects an unknown split and an empty val', async () => {
    writeFileSync(join(root, 'base.txt'), 'n01\n');
    writeFileSync(join(root, 'novel.txt'), 'n02\n');
    const size = { height: 4, width: 4, channels: 3 } as const;
    await expect(loadFewShotFolder(root, { ...size, split: 'val' }))
        .rejects.toThrow(/split val lists no classes/);
    await expect(loadFewShotFolder(root,
        { ...size, split: 'support' as 'val' }))
        .rejects.toThrow(/split must be base, val or novel/);
  });
});
