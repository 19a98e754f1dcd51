/**
 * A sparse matrix held in plain typed arrays, in CSR order, as
 * diag(rowScale) * P * diag(colScale). P stores explicit values, or none
 * when every stored entry is 1 (a pattern); the scales are optional.
 * Patterns are what the segment-sum products run fastest on: the GCN
 * adjacency D^-1/2 (A + I) D^-1/2 and binary row-normalised features both
 * take that form.
 */
import type { Rng } from '@mixup/core';

export interface CsrParts {
  numRows: number;
  numCols: number;
  /** Row offsets, shape [numRows + 1]. */
  rowPtr: Int32Array;
  /** Column of each entry, shape [nnz], in [0, numCols). */
  colIndex: Int32Array;
  /** Entry values, shape [nnz]; null means all 1. */
  values?: Float32Array | null;
  /** Per-row factor, shape [numRows]; null means 1. */
  rowScale?: Float32Array | null;
  /** Per-column factor, shape [numCols]; null means 1. */
  colScale?: Float32Array | null;
}

export class CsrMatrix {
  readonly numRows: number;
  readonly numCols: number;
  readonly rowPtr: Int32Array;
  readonly colIndex: Int32Array;
  readonly values: Float32Array | null;
  readonly rowScale: Float32Array | null;
  readonly colScale: Float32Array | null;
  private transposed: CsrMatrix | null = null;

  constructor(parts: CsrParts) {
    const { numRows, numCols, rowPtr, colIndex } = parts;
    if (rowPtr.length !== numRows + 1 ||
        rowPtr[numRows] !== colIndex.length) {
      throw new Error(
        `CsrMatrix: rowPtr must have numRows + 1 = ${numRows + 1} entries ` +
        `ending at nnz = ${colIndex.length}, but got ${rowPtr.length} ` +
        `ending at ${rowPtr[rowPtr.length - 1]}.`);
    }
    this.numRows = numRows;
    this.numCols = numCols;
    this.rowPtr = rowPtr;
    this.colIndex = colIndex;
    this.values = parts.values ?? null;
    this.rowScale = parts.rowScale ?? null;
    this.colScale = parts.colScale ?? null;
  }

  get nnz(): number {
    return this.colIndex.length;
  }

  /** True when the entries carry no values of their own. */
  get isPattern(): boolean {
    return this.values === null;
  }

  /** The row of every stored entry, shape [nnz] (sorted). */
  rowIds(): Int32Array {
    const ids = new Int32Array(this.nnz);
    for (let i = 0; i < this.numRows; i++) {
      ids.fill(i, this.rowPtr[i], this.rowPtr[i + 1]);
    }
    return ids;
  }

  /** The transpose, computed once (counting sort by column). */
  transpose(): CsrMatrix {
    if (this.transposed !== null) return this.transposed;
    const { numRows, numCols, rowPtr, colIndex, values } = this;
    const ptr = new Int32Array(numCols + 1);
    for (const c of colIndex) ptr[c + 1]++;
    for (let c = 0; c < numCols; c++) ptr[c + 1] += ptr[c];
    const next = ptr.slice(0, numCols);
    const cols = new Int32Array(this.nnz);
    const vals = values === null ? null : new Float32Array(this.nnz);
    for (let i = 0; i < numRows; i++) {
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        const at = next[colIndex[k]]++;
        cols[at] = i;
        if (vals !== null) vals[at] = values![k];
      }
    }
    this.transposed = new CsrMatrix({
      numRows: numCols, numCols: numRows, rowPtr: ptr, colIndex: cols,
      values: vals, rowScale: this.colScale, colScale: this.rowScale,
    });
    this.transposed.transposed = this;
    return this.transposed;
  }

  /**
   * The rows `rows` (repeats allowed) restricted to the columns `cols`;
   * entries in other columns are dropped.
   *
   * @param rows Row ids, shape [R].
   * @param cols Column ids to keep, shape [C], no repeats; null keeps all.
   */
  subMatrix(rows: Int32Array, cols: Int32Array | null = null): CsrMatrix {
    let local: Int32Array | null = null;
    if (cols !== null) {
      local = new Int32Array(this.numCols).fill(-1);
      cols.forEach((c, j) => { local![c] = j; });
    }
    const ptr = new Int32Array(rows.length + 1);
    const outCols: number[] = [];
    const outVals: number[] = [];
    rows.forEach((r, i) => {
      for (let k = this.rowPtr[r]; k < this.rowPtr[r + 1]; k++) {
        const c = local === null ? this.colIndex[k] : local[this.colIndex[k]];
        if (c < 0) continue;
        outCols.push(c);
        if (this.values !== null) outVals.push(this.values[k]);
      }
      ptr[i + 1] = outCols.length;
    });
    const pick = (scale: Float32Array | null, ids: Int32Array | null) =>
      scale === null ? null : ids === null ? scale :
      Float32Array.from(ids, (id) => scale[id]);
    return new CsrMatrix({
      numRows: rows.length, numCols: cols === null ? this.numCols : cols.length,
      rowPtr: ptr, colIndex: Int32Array.from(outCols),
      values: this.values === null ? null : Float32Array.from(outVals),
      rowScale: pick(this.rowScale, rows), colScale: pick(this.colScale, cols),
    });
  }

  /**
   * Inverted dropout on the stored entries: each is kept with probability
   * 1 - rate and the kept ones are scaled by 1 / (1 - rate), exactly as
   * dropout on the dense matrix would act on its non-zeros.
   *
   * @param rate Drop probability in [0, 1).
   * @param rng The run's generator; one draw per stored entry.
   */
  dropout(rate: number, rng: Rng): CsrMatrix {
    if (!(rate >= 0 && rate < 1)) {
      throw new RangeError(
        `CsrMatrix.dropout: rate must be in [0, 1), but got ${rate}.`);
    }
    if (rate === 0) return this;
    const threshold = Math.floor(rate * 4294967296);
    const ptr = new Int32Array(this.numRows + 1);
    const cols = new Int32Array(this.nnz);
    const vals = this.values === null ? null : new Float32Array(this.nnz);
    // NOTE: one draw per stored entry (millions per epoch on Pubmed), so
    // the draws come from an inline xoshiro128** seeded by the run's Rng.
    let [a, b, c, d] = [rng.nextUint32(), rng.nextUint32(),
      rng.nextUint32(), rng.nextUint32() | 1];
    let n = 0;
    for (let i = 0; i < this.numRows; i++) {
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) {
        const b5 = Math.imul(b, 5);
        const draw = Math.imul((b5 << 7) | (b5 >>> 25), 9) >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        if (draw < threshold) continue;
        cols[n] = this.colIndex[k];
        if (vals !== null) vals[n] = this.values![k];
        n++;
      }
      ptr[i + 1] = n;
    }
    const keep = 1 / (1 - rate);
    const rowScale = this.rowScale === null ?
      new Float32Array(this.numRows).fill(keep) :
      this.rowScale.map((s) => s * keep);
    return new CsrMatrix({
      numRows: this.numRows, numCols: this.numCols, rowPtr: ptr,
      colIndex: cols.slice(0, n), values: vals?.slice(0, n) ?? null,
      rowScale, colScale: this.colScale,
    });
  }

  /**
   * Stacks matrices with the same column count on top of each other.
   *
   * @param parts At least one matrix; all pattern or all with values.
   */
  static stack(parts: CsrMatrix[]): CsrMatrix {
    const pattern = parts[0].isPattern;
    if (parts.some((p) => p.numCols !== parts[0].numCols ||
        p.isPattern !== pattern)) {
      throw new Error(
        'CsrMatrix.stack: parts must share numCols and all be patterns ' +
        'or all carry values, but they differ.');
    }
    const numRows = parts.reduce((n, p) => n + p.numRows, 0);
    const nnz = parts.reduce((n, p) => n + p.nnz, 0);
    const rowPtr = new Int32Array(numRows + 1);
    const colIndex = new Int32Array(nnz);
    const values = pattern ? null : new Float32Array(nnz);
    const anyScale = parts.some((p) => p.rowScale !== null);
    const rowScale = anyScale ? new Float32Array(numRows) : null;
    let [r, e] = [0, 0];
    for (const p of parts) {
      for (let i = 0; i < p.numRows; i++) {
        rowPtr[r + i + 1] = e + p.rowPtr[i + 1];
      }
      colIndex.set(p.colIndex, e);
      if (values !== null) values.set(p.values!, e);
      if (rowScale !== null) {
        if (p.rowScale === null) rowScale.fill(1, r, r + p.numRows);
        else rowScale.set(p.rowScale, r);
      }
      r += p.numRows;
      e += p.nnz;
    }
    if (parts.some((p) => p.colScale !== parts[0].colScale)) {
      throw new Error(
        'CsrMatrix.stack: parts must share one colScale, but they differ.');
    }
    return new CsrMatrix({ numRows, numCols: parts[0].numCols, rowPtr,
      colIndex, values, rowScale, colScale: parts[0].colScale });
  }

  /** The dense matrix, row-major [numRows, numCols], for tests and eval. */
  toDense(): Float32Array {
    const out = new Float32Array(this.numRows * this.numCols);
    for (let i = 0; i < this.numRows; i++) {
      const r = this.rowScale?.[i] ?? 1;
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) {
        const c = this.colIndex[k];
        out[i * this.numCols + c] +=
          r * (this.values?.[k] ?? 1) * (this.colScale?.[c] ?? 1);
      }
    }
    return out;
  }
}
