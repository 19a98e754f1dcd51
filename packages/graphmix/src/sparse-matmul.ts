/**
 * Sparse times dense on any backend. Pattern matrices (see `CsrMatrix`)
 * run as gather plus sorted segment sum (`tf.sparse.sparseSegmentSum`,
 * which the cpu, wasm and webgl backends all have) with the scales as
 * broadcast products; matrices with explicit values run in JavaScript on
 * the downloaded operand. The gradient is the transpose product.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CsrMatrix } from './csr-matrix.js';

interface PatternTensors {
  cols: tf.Tensor1D;
  rows: tf.Tensor1D;
  /** Highest row id that holds an entry, plus one. */
  filledRows: number;
  rowScale: tf.Tensor2D | null;
  colScale: tf.Tensor2D | null;
}

/**
 * A `CsrMatrix` with the index tensors its products need, for it and its
 * transpose, made on first use. Call `dispose()` when done.
 */
export class SparseOperand {
  private own: PatternTensors | null = null;
  private flipped: SparseOperand | null = null;

  constructor(readonly matrix: CsrMatrix) {}

  /** The operand of the transpose, sharing this one's lifetime. */
  get transpose(): SparseOperand {
    if (this.flipped === null) {
      this.flipped = new SparseOperand(this.matrix.transpose());
      this.flipped.flipped = this;
    }
    return this.flipped;
  }

  tensors(): PatternTensors {
    if (this.own !== null) return this.own;
    const m = this.matrix;
    const rows = m.rowIds();
    const column = (s: Float32Array | null) =>
      s === null ? null : tf.keep(tf.tensor2d(s, [s.length, 1]));
    this.own = {
      cols: tf.keep(tf.tensor1d(m.colIndex, 'int32')),
      rows: tf.keep(tf.tensor1d(rows, 'int32')),
      filledRows: rows.length === 0 ? 0 : rows[rows.length - 1] + 1,
      rowScale: column(m.rowScale),
      colScale: column(m.colScale),
    };
    return this.own;
  }

  dispose(): void {
    const pair = [this, this.flipped];
    for (const op of pair) {
      if (op?.own) {
        const { cols, rows, rowScale, colScale } = op.own;
        tf.dispose([cols, rows, ...(rowScale ? [rowScale] : []),
          ...(colScale ? [colScale] : [])]);
        op.own = null;
      }
    }
  }
}

function patternProduct(a: SparseOperand, dense: tf.Tensor): tf.Tensor {
  const m = a.matrix;
  const width = dense.shape[1]!;
  const t = a.tensors();
  if (t.filledRows === 0) return tf.zeros([m.numRows, width]);
  const scaled = t.colScale === null ? dense : dense.mul(t.colScale);
  let out: tf.Tensor = tf.sparse.sparseSegmentSum(scaled, t.cols, t.rows);
  if (t.filledRows < m.numRows) {
    out = tf.concat([out, tf.zeros([m.numRows - t.filledRows, width])]);
  }
  return t.rowScale === null ? out : out.mul(t.rowScale);
}

function valueProduct(a: SparseOperand, dense: tf.Tensor): tf.Tensor {
  const m = a.matrix;
  const width = dense.shape[1]!;
  const d = dense.dataSync() as Float32Array;
  const out = new Float32Array(m.numRows * width);
  const { rowPtr, colIndex, rowScale, colScale } = m;
  const values = m.values!;
  for (let i = 0; i < m.numRows; i++) {
    const r = rowScale === null ? 1 : rowScale[i];
    const o = i * width;
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const c = colIndex[k];
      const v = r * values[k] * (colScale === null ? 1 : colScale[c]);
      const base = c * width;
      for (let j = 0; j < width; j++) out[o + j] += v * d[base + j];
    }
  }
  return tf.tensor2d(out, [m.numRows, width]);
}

function product(a: SparseOperand, dense: tf.Tensor): tf.Tensor {
  return tf.tidy(() => a.matrix.isPattern ? patternProduct(a, dense) :
    valueProduct(a, dense));
}

/**
 * Multiplies a sparse matrix by a dense one, with a gradient for the
 * dense operand (the sparse one is constant).
 *
 * @param a Sparse operand, shape [R, C].
 * @param dense Shape [C, D], float32.
 * @returns Shape [R, D].
 */
export function sparseMatMul(
    a: SparseOperand, dense: tf.Tensor2D): tf.Tensor2D {
  if (dense.rank !== 2 || dense.shape[0] !== a.matrix.numCols) {
    throw new Error(
      `sparseMatMul: dense must have shape [${a.matrix.numCols}, D], but ` +
      `got [${dense.shape}].`);
  }
  const op = tf.customGrad((...inputs) => ({
    value: product(a, inputs[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => product(a.transpose, dy),
  }));
  return op(dense) as tf.Tensor2D;
}
