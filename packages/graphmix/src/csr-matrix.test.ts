import { Rng } from '@mixup/core';
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from './csr-matrix.js';
import { randomCsr } from './test-support.js';

function denseT(d: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(d.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = d[i * cols + j];
  }
  return out;
}

describe('CsrMatrix', () => {
  it('transposes, keeping values and scales', () => {
    const m = randomCsr(new Rng(1), 5, 4, 0.4, true);
    const t = m.transpose();
    expect([t.numRows, t.numCols]).toEqual([4, 5]);
    expect(Array.from(t.toDense())).toEqual(
      Array.from(denseT(m.toDense(), 5, 4)));
    expect(t.transpose()).toBe(m);
  });

  it('takes rows (with repeats) and restricts columns', () => {
    const m = randomCsr(new Rng(2), 5, 4, 0.6, false);
    const sub = m.subMatrix(Int32Array.from([3, 0, 3]),
        Int32Array.from([1, 3]));
    const full = m.toDense();
    const got = sub.toDense();
    [3, 0, 3].forEach((r, i) => {
      [1, 3].forEach((c, j) => {
        expect(got[i * 2 + j]).toBeCloseTo(full[r * 4 + c], 6);
      });
    });
  });

  it('drops entries at the rate and rescales the kept ones', () => {
    const rows = 200;
    const m = new CsrMatrix({
      numRows: rows, numCols: 100, rowPtr: Int32Array.from(
        { length: rows + 1 }, (_, i) => 100 * i),
      colIndex: Int32Array.from({ length: 100 * rows }, (_, k) => k % 100),
    });
    const d = m.dropout(0.5, new Rng(3));
    expect(d.nnz / m.nnz).toBeGreaterThan(0.49);
    expect(d.nnz / m.nnz).toBeLessThan(0.51);
    expect(d.rowScale![0]).toBeCloseTo(2, 6);
    // Same seed, same mask; another seed, another mask.
    expect(Array.from(m.dropout(0.5, new Rng(3)).colIndex))
      .toEqual(Array.from(d.colIndex));
    expect(m.dropout(0.5, new Rng(4)).nnz).not.toBe(d.nnz);
    expect(m.dropout(0, new Rng(3))).toBe(m);
    expect(() => m.dropout(1, new Rng(3))).toThrow(/rate must be in \[0, 1\)/);
  });

  it('stacks matrices row-wise', () => {
    const rng = new Rng(5);
    const a = randomCsr(rng, 2, 3, 0.7, false);
    const b = new CsrMatrix({ ...a, colScale: a.colScale,
      rowScale: null, numRows: a.numRows });
    const s = CsrMatrix.stack([a, b]);
    expect(s.numRows).toBe(4);
    expect(Array.from(s.toDense().subarray(0, 6)))
      .toEqual(Array.from(a.toDense()));
    expect(Array.from(s.toDense().subarray(6)))
      .toEqual(Array.from(b.toDense()));
  });

  it('rejects an inconsistent rowPtr', () => {
    expect(() => new CsrMatrix({ numRows: 2, numCols: 2,
      rowPtr: Int32Array.from([0, 1]), colIndex: Int32Array.from([0]) }))
      .toThrow(/rowPtr must have numRows \+ 1 = 3 entries/);
  });
});
