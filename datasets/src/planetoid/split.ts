// Small pieces shared by the pickle and the plain-text Planetoid readers.
import { DatasetError } from '../common/dataset-error.js';
import type { SparseRows } from './types.js';

/** Validation nodes in the standard split (after the training nodes). */
export const VAL_SIZE = 500;

/** Test nodes in the standard split. */
export const TEST_SIZE = 1000;

/**
 * Parses a list of non-negative integer ids, one per line (blank lines
 * are skipped).
 *
 * @param text File contents.
 * @param file Path, for error messages.
 */
export function parseIdList(text: string, file: string): number[] {
  const ids: number[] = [];
  text.split('\n').forEach((line, i) => {
    const s = line.trim();
    if (s === '') return;
    if (!/^\d+$/.test(s)) {
      throw new DatasetError('parseIdList', file,
          `each line must be one non-negative integer, but line ${i + 1} ` +
          `is '${s.slice(0, 40)}'`);
    }
    ids.push(Number(s));
  });
  return ids;
}

/**
 * Gathers rows from stacked blocks into a new CSR matrix: output row i is
 * row rowOf[i] of the blocks stacked top to bottom, or empty where
 * rowOf[i] is -1. All blocks must have the same column count.
 */
export function stackRows(blocks: SparseRows[], rowOf: Int32Array): SparseRows {
  const starts: number[] = [];
  let total = 0;
  for (const b of blocks) {
    starts.push(total);
    total += b.numRows;
  }
  const locate = (r: number): [SparseRows, number] => {
    let j = blocks.length - 1;
    while (starts[j] > r) j--;
    return [blocks[j], r - starts[j]];
  };
  const rowPtr = new Int32Array(rowOf.length + 1);
  rowOf.forEach((r, i) => {
    let len = 0;
    if (r >= 0) {
      const [b, local] = locate(r);
      len = b.rowPtr[local + 1] - b.rowPtr[local];
    }
    rowPtr[i + 1] = rowPtr[i] + len;
  });
  const colIndex = new Int32Array(rowPtr[rowOf.length]);
  const values = new Float32Array(colIndex.length);
  rowOf.forEach((r, i) => {
    if (r < 0) return;
    const [b, local] = locate(r);
    const from = b.rowPtr[local];
    const to = b.rowPtr[local + 1];
    colIndex.set(b.colIndex.subarray(from, to), rowPtr[i]);
    values.set(b.values.subarray(from, to), rowPtr[i]);
  });
  return {
    numRows: rowOf.length, numCols: blocks[0].numCols,
    rowPtr, colIndex, values,
  };
}
