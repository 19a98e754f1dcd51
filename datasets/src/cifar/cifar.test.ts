import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../common/test-support.js';
import {
  CIFAR10_FORMAT, CIFAR100_FORMAT, loadCifar10, loadCifar100,
  parseCifarRecords,
} from './read-cifar.js';

/**
 * One record whose pixel (y, x) has R = y, G = x, B = 200 + record index,
 * so that the planar-to-interleaved layout is checkable.
 */
function record(labels: number[], index: number): Buffer {
  const rec = Buffer.alloc(labels.length + 3072);
  labels.forEach((l, i) => (rec[i] = l));
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      const p = labels.length + y * 32 + x;
      rec[p] = y;
      rec[p + 1024] = x;
      rec[p + 2048] = 200 + index;
    }
  }
  return rec;
}

describe('parseCifarRecords', () => {
  it('converts R, G, B planes to HWC', () => {
    const bytes = Buffer.concat([record([3], 0), record([7], 1)]);
    const batch = parseCifarRecords(bytes, CIFAR10_FORMAT, 'mem');
    expect(batch.count).toBe(2);
    expect([...batch.labels]).toEqual([3, 7]);
    expect(batch.images.length).toBe(2 * 32 * 32 * 3);
    const at = (n: number, y: number, x: number) =>
      [...batch.images.subarray(((n * 32 + y) * 32 + x) * 3,
          ((n * 32 + y) * 32 + x) * 3 + 3)];
    expect(at(0, 5, 9)).toEqual([5, 9, 200]);
    expect(at(1, 31, 0)).toEqual([31, 0, 201]);
    expect(batch.coarseLabels).toBeUndefined();
  });

  it('reads CIFAR-100 coarse and fine labels', () => {
    const bytes = Buffer.concat([record([19, 99], 0), record([0, 42], 1)]);
    const batch = parseCifarRecords(bytes, CIFAR100_FORMAT, 'mem');
    expect([...batch.coarseLabels!]).toEqual([19, 0]);
    expect([...batch.labels]).toEqual([99, 42]);
  });

  it('rejects a size that is not a multiple of the record', () => {
    const bytes = record([1], 0).subarray(0, 3000);
    expect(() => parseCifarRecords(bytes, CIFAR10_FORMAT, 'cut.bin'))
        .toThrow(/cut\.bin: .*multiple of the record length 3073.*3000/);
  });

  it('rejects labels out of range', () => {
    expect(() => parseCifarRecords(record([10], 0), CIFAR10_FORMAT, 'x.bin'))
        .toThrow(/x\.bin: label byte 0 of record 0 must be < 10.*got 10/);
    expect(() => parseCifarRecords(record([20, 5], 0), CIFAR100_FORMAT, 'y'))
        .toThrow(/must be < 20, but got 20/);
  });
});

describe('loadCifar10 and loadCifar100', () => {
  const tmp = makeTempDir('cifar');
  afterAll(tmp.remove);
  const c10 = join(tmp.dir, 'cifar-10', 'cifar-10-batches-bin');
  const c100 = join(tmp.dir, 'cifar-100-binary');
  mkdirSync(c10, { recursive: true });
  mkdirSync(c100, { recursive: true });

  it('concatenates the five training batches in order', () => {
    for (let i = 1; i <= 5; i++) {
      writeFileSync(join(c10, `data_batch_${i}.bin`),
          Buffer.concat([record([i], i), record([0], i)]));
    }
    const train = loadCifar10(tmp.dir, { split: 'train' });
    expect(train.count).toBe(10);
    expect([...train.labels]).toEqual([1, 0, 2, 0, 3, 0, 4, 0, 5, 0]);
    expect(train.images[9 * 3072 + 2]).toBe(205);
  });

  it('names a missing batch file', () => {
    expect(() => loadCifar10(tmp.dir, { split: 'test' }))
        .toThrow(/test_batch\.bin: the file is missing/);
  });

  it('loads CIFAR-100 from the flat folder', () => {
    writeFileSync(join(c100, 'test.bin'), record([4, 44], 0));
    const test = loadCifar100(tmp.dir, { split: 'test' });
    expect([...test.labels]).toEqual([44]);
    expect([...test.coarseLabels!]).toEqual([4]);
  });

  it('rejects an unknown split', () => {
    expect(() => loadCifar100(tmp.dir, { split: 'val' as 'test' }))
        .toThrow(/split must be 'train' or 'test', but got val/);
  });
});
