import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, realDataFile } from '../common/test-support.js';
import {
  FASHION_MNIST_CLASSES, loadFashionMnist, loadMnistFamily,
} from './load-mnist-family.js';
import { readIdx } from './read-idx.js';

/** Builds IDX bytes: magic (type, rank), dims, then `data`. */
function idxBytes(type: number, dims: number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = type;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, data]);
}

function ramp(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i % 251);
}

describe('readIdx', () => {
  const tmp = makeTempDir('idx');
  afterAll(tmp.remove);

  it('reads raw and gzip files alike', () => {
    const bytes = idxBytes(0x08, [2, 3], ramp(6));
    writeFileSync(join(tmp.dir, 'a.idx'), bytes);
    writeFileSync(join(tmp.dir, 'a.idx.gz'), gzipSync(bytes));
    for (const name of ['a.idx', 'a.idx.gz']) {
      const arr = readIdx(join(tmp.dir, name));
      expect(arr.dims).toEqual([2, 3]);
      expect([...arr.data]).toEqual([0, 1, 2, 3, 4, 5]);
      expect(arr.magic).toBe(0x0802);
    }
  });

  it('rejects a bad magic number in hex', () => {
    const path = join(tmp.dir, 'bad-magic.idx');
    const bytes = idxBytes(0x08, [2], ramp(2));
    bytes[0] = 0x12;
    writeFileSync(path, bytes);
    expect(() => readIdx(path)).toThrow(/bad-magic\.idx.*0x12000801/);
  });

  it('says other element types are not supported yet', () => {
    const path = join(tmp.dir, 'floats.idx');
    writeFileSync(path, idxBytes(0x0d, [1], new Uint8Array(4)));
    expect(() => readIdx(path)).toThrow(/float32.*not supported yet/);
  });

  it('reports truncated data with both byte counts', () => {
    const path = join(tmp.dir, 'short.idx');
    writeFileSync(path, idxBytes(0x08, [4, 5], ramp(17)));
    expect(() => readIdx(path))
        .toThrow(/short\.idx: the data is truncated.*need 20.*got 17/);
  });
});

describe('loadMnistFamily', () => {
  const tmp = makeTempDir('mnist');
  afterAll(tmp.remove);

  function writePair(dir: string, nImages: number, nLabels: number,
      side = 28, labelMagic = 0x08): void {
    const imgs = idxBytes(0x08, [nImages, side, side],
        ramp(nImages * side ** 2));
    const lbls = idxBytes(labelMagic, [nLabels],
        ramp(nLabels).map((v) => v % 10));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(imgs));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(lbls));
  }

  it('loads a synthetic split with a limit', () => {
    writePair(tmp.dir, 5, 5);
    const set = loadMnistFamily(tmp.dir, { split: 'test', limit: 3 });
    expect(set.count).toBe(3);
    expect(set.images.length).toBe(3 * 28 * 28);
    expect(set.images[785]).toBe(785 % 251);
    expect([...set.labels]).toEqual([0, 1, 2]);
    expect(set.channels).toBe(1);
  });

  it('rejects disagreeing image and label counts', () => {
    writePair(tmp.dir, 5, 4);
    expect(() => loadMnistFamily(tmp.dir, { split: 'test' }))
        .toThrow(/label count must equal the image count 5.*got 4/);
  });

  it('rejects wrong image dims', () => {
    writePair(tmp.dir, 2, 2, 27);
    expect(() => loadMnistFamily(tmp.dir, { split: 'test' }))
        .toThrow(/must be 28x28, but got dims \[2,27,27\]/);
  });

  it('rejects a labels file with the images magic', () => {
    writePair(tmp.dir, 2, 2, 28);
    const lbls = idxBytes(0x08, [2, 28, 28], ramp(2 * 784));
    writeFileSync(join(tmp.dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(lbls));
    expect(() => loadMnistFamily(tmp.dir, { split: 'test' }))
        .toThrow(/labels-idx1.*must be 0x00000801, but got 0x00000803/);
  });

  it('names a missing file', () => {
    expect(() => loadMnistFamily(tmp.dir, { split: 'train' }))
        .toThrow(/train-images-idx3-ubyte\.gz: the file is missing/);
  });

  it('checks labels against the class names', () => {
    writePair(tmp.dir, 12, 12);
    expect(() => loadMnistFamily(tmp.dir,
        { split: 'test', classNames: ['a', 'b'] })).toThrow(/must be < 2/);
  });
});

const real = realDataFile('fashion-mnist/t10k-images-idx3-ubyte.gz');

describe.skipIf(real.missing != null)('loadFashionMnist (real data)', () => {
  const dataDir = join(real.path, '..', '..');

  it('loads the 10000 test images with balanced labels', () => {
    const set = loadFashionMnist(dataDir, { split: 'test' });
    expect(set.count).toBe(10000);
    expect(set.images.length).toBe(10000 * 784);
    expect(set.classNames).toEqual(FASHION_MNIST_CLASSES);
    const counts = new Array(10).fill(0);
    set.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual(new Array(10).fill(1000));
    // Garments sit on a black background: the corner pixel is 0.
    expect(set.images[0]).toBe(0);
    expect(Math.max(...set.images.subarray(0, 784))).toBeGreaterThan(200);
  });

  it('loads the train split', () => {
    const set = loadFashionMnist(dataDir, { split: 'train', limit: 100 });
    expect(set.count).toBe(100);
    expect(set.labels.every((l) => l < 10)).toBe(true);
  });
});
if (real.missing != null) {
  it.skip(`loadFashionMnist real data: ${real.missing}`, () => {});
}
