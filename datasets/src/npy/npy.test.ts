import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, realDataFile } from '../common/test-support.js';
import { crc32 } from './crc32.js';
import { parseNpy, readNpy } from './parse-npy.js';
import { readNpz } from './read-npz.js';
import { makeNpy, makeZip } from './test-fixtures.js';
import { readZipDirectory, streamZipMember } from './zip-archive.js';

function bytesOf(arr: ArrayBufferView): Uint8Array {
  return new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
}

describe('parseNpy', () => {
  const cases: [string, string, ArrayBufferView, number[]][] = [
    ['|b1', 'bool', Uint8Array.of(1, 0, 1, 1, 0, 0), [1, 0, 1, 1, 0, 0]],
    ['|u1', 'uint8', Uint8Array.of(0, 7, 255, 3, 4, 5), [0, 7, 255, 3, 4, 5]],
    ['<i4', 'int32', Int32Array.of(-1, 2, 3, 4, 5, 2 ** 31 - 1),
      [-1, 2, 3, 4, 5, 2 ** 31 - 1]],
    ['<i8', 'int64', BigInt64Array.of(-5n, 0n, 1n, 2n, 3n, 2n ** 40n),
      [-5, 0, 1, 2, 3, 2 ** 40]],
    ['<f4', 'float32', Float32Array.of(0.5, -1, 2, 3, 4, 1e-3),
      [0.5, -1, 2, 3, 4, Math.fround(1e-3)]],
    ['<f8', 'float64', Float64Array.of(Math.PI, 0, 1, 2, 3, -0.25),
      [Math.PI, 0, 1, 2, 3, -0.25]],
  ];
  for (const [descr, dtype, typed, want] of cases) {
    for (const version of [1, 2]) {
      it(`reads ${descr} with a v${version}.0 header`, () => {
        const npy = makeNpy(descr, [2, 3], bytesOf(typed), { version });
        // An odd offset checks that unaligned data is copied, not viewed.
        const shifted = Buffer.concat([Buffer.alloc(1), npy]).subarray(1);
        const arr = parseNpy(shifted, 'x.npy');
        expect(arr.dtype).toBe(dtype);
        expect(arr.shape).toEqual([2, 3]);
        expect(Array.from(arr.data, Number)).toEqual(want);
      });
    }
  }

  it('reads a 1-D tuple and a scalar', () => {
    expect(parseNpy(makeNpy('|u1', [3], Uint8Array.of(1, 2, 3)), 'a').shape)
        .toEqual([3]);
    expect(parseNpy(makeNpy('|u1', [], Uint8Array.of(9)), 'b').data[0])
        .toBe(9);
  });

  it('rejects a bad magic', () => {
    const npy = makeNpy('|u1', [1], Uint8Array.of(1));
    npy[1] = 0x41;
    expect(() => parseNpy(npy, 'bad.npy'))
        .toThrow(/bad\.npy: an \.npy file must start with \\x93NUMPY/);
  });

  it('says Fortran order and other dtypes are not supported yet', () => {
    const f = makeNpy('|u1', [1, 1], Uint8Array.of(1), { fortran: true });
    expect(() => parseNpy(f, 'f.npy')).toThrow(/fortran_order True is not/);
    const be = makeNpy('>i4', [1], new Uint8Array(4));
    expect(() => parseNpy(be, 'be.npy'))
        .toThrow(/dtype '>i4' is not supported yet/);
  });

  it('reports truncated data', () => {
    const npy = makeNpy('<i4', [4], new Uint8Array(16)).subarray(0, -3);
    expect(() => parseNpy(npy, 'cut.npy'))
        .toThrow(/cut\.npy: the data is truncated.*needs 16.*got 13/);
  });
});

describe('readNpz', () => {
  const tmp = makeTempDir('npz');
  afterAll(tmp.remove);
  const a = makeNpy('<f4', [2], bytesOf(Float32Array.of(1.5, -2)));
  const b = makeNpy('|b1', [2, 2], Uint8Array.of(1, 0, 0, 1));

  function write(name: string, bytes: Buffer): string {
    const path = join(tmp.dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  for (const zip64 of [false, true]) {
    it(`reads stored and deflate members (zip64 ${zip64})`, () => {
      const path = write(`ok${zip64}.npz`, makeZip([
        { name: 'a.npy', data: a, method: 0 },
        { name: 'b.npy', data: b, method: 8 },
      ], zip64));
      const arrays = readNpz(path);
      expect(Object.keys(arrays)).toEqual(['a', 'b']);
      expect([...arrays['a']!.data]).toEqual([1.5, -2]);
      expect(arrays['b']!.shape).toEqual([2, 2]);
      expect(readNpz(path, ['b'])['a']).toBeUndefined();
    });
  }

  it('names a missing member', () => {
    const path = write('one.npz', makeZip([{ name: 'a.npy', data: a }]));
    expect(() => readNpz(path, ['labels']))
        .toThrow(/one\.npz:labels\.npy: the member must exist.*\[a\.npy\]/);
  });

  it('rejects a CRC mismatch, naming the member', () => {
    const path = write('crc.npz',
        makeZip([{ name: 'a.npy', data: a, crc: 0x1234 }]));
    expect(() => readNpz(path)).toThrow(/crc\.npz:a\.npy: CRC-32 mismatch/);
  });

  it('rejects a file that is not a zip', () => {
    const path = write('plain.npz', Buffer.from('just some text'));
    expect(() => readNpz(path)).toThrow(/plain\.npz: a zip archive must end/);
  });

  it('rejects a truncated archive', () => {
    const zip = makeZip([{ name: 'a.npy', data: a, method: 0 }]);
    // Drop the member's data but keep the directory: offsets overrun.
    const cut = Buffer.concat([zip.subarray(0, 40), zip.subarray(-75)]);
    const path = write('cut.npz', cut);
    expect(() => readNpz(path)).toThrow(/cut\.npz.*truncated/);
  });

  it('rejects a bad local header signature', () => {
    const zip = makeZip([{ name: 'a.npy', data: a }]);
    zip[0] = 0;
    const path = write('sig.npz', zip);
    expect(() => readNpz(path))
        .toThrow(/sig\.npz:a\.npy: the local header.*bad signature/);
  });

  it('streams a member and checks its CRC at the end', async () => {
    const path = write('stream.npz',
        makeZip([{ name: 'b.npy', data: b, crc: 7 }]));
    const [entry] = readZipDirectory(path);
    const chunks: Buffer[] = [];
    const read = async () => {
      for await (const c of streamZipMember(path, entry!)) chunks.push(c);
    };
    await expect(read()).rejects.toThrow(/stream\.npz:b\.npy: CRC-32/);
    expect(Buffer.concat(chunks).equals(b)).toBe(true);
  });

  it('reads a bare .npy file', () => {
    const path = write('a.npy', a);
    expect(readNpy(path).dtype).toBe('float32');
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

const real = realDataFile('omniglot/images_evaluation.npz');

describe.skipIf(real.missing != null)('readNpz (real Omniglot)', () => {
  it('reads the zip64 directory and the labels array', () => {
    const entries = readZipDirectory(real.path);
    expect(entries.map((e) => e.name)).toEqual(['images.npy', 'labels.npy']);
    expect(entries[0]!.size).toBe(659 * 20 * 105 * 105 + 128);
    const { labels } = readNpz(real.path, ['labels']);
    expect(labels!.dtype).toBe('int64');
    expect(labels!.shape).toEqual([659, 20]);
    expect(Number(labels!.data[20 * 5 + 3])).toBe(5);
  });
});
if (real.missing != null) {
  it.skip(`readNpz real data: ${real.missing}`, () => {});
}
