/**
 * Turns a dataset's features and normalised edges into `CsrMatrix`es,
 * factoring out scales where that is exact so that products can run as
 * plain segment sums.
 */
import { CsrMatrix } from './csr-matrix.js';

/** Relative tolerance when recognising D^-1/2 (A + I) D^-1/2. */
const FACTOR_TOLERANCE = 1e-5;

/**
 * Features as a CSR matrix. Where every row holds a single repeated value
 * (binary features, row-normalised) the result is a pattern with that
 * value as its row scale; otherwise the values are kept.
 *
 * @param x CSR features, shape [N, F].
 */
export function featureMatrix(x: {
  numRows: number; numCols: number; rowPtr: Int32Array;
  colIndex: Int32Array; values: Float32Array;
}): CsrMatrix {
  const rowScale = new Float32Array(x.numRows);
  let uniform = true;
  for (let i = 0; i < x.numRows && uniform; i++) {
    const [from, to] = [x.rowPtr[i], x.rowPtr[i + 1]];
    rowScale[i] = from < to ? x.values[from] : 0;
    for (let k = from + 1; k < to; k++) {
      if (x.values[k] !== rowScale[i]) uniform = false;
    }
  }
  return new CsrMatrix({
    numRows: x.numRows, numCols: x.numCols, rowPtr: x.rowPtr,
    colIndex: x.colIndex, values: uniform ? null : x.values,
    rowScale: uniform ? rowScale : null,
  });
}

/**
 * The propagation matrix of a normalised graph: row i holds the weights
 * w_ij of the edges j -> i, so that (M h)_i = sum_j w_ij h_j. When the
 * weights are D^-1/2 (A + I) D^-1/2 (a self loop on every node and
 * w_ij = sqrt(w_ii w_jj)), the result is a pattern with both scales set
 * to D^-1/2; otherwise the weights are kept as values.
 *
 * @param numNodes N.
 * @param edgeIndex Shape [2, E] flattened: sources, then targets.
 * @param edgeWeight Shape [E].
 */
export function propagationMatrix(numNodes: number, edgeIndex: Int32Array,
    edgeWeight: Float32Array): CsrMatrix {
  const e = edgeWeight.length;
  if (edgeIndex.length !== 2 * e) {
    throw new Error(
      `propagationMatrix: edgeIndex must have shape [2, ${e}], but got ` +
      `${edgeIndex.length} entries.`);
  }
  const byTarget = new CsrMatrix({
    numRows: numNodes, numCols: numNodes,
    rowPtr: countRows(numNodes, edgeIndex.subarray(e)),
    colIndex: new Int32Array(e), values: new Float32Array(e),
  });
  const next = byTarget.rowPtr.slice(0, numNodes);
  for (let k = 0; k < e; k++) {
    const at = next[edgeIndex[e + k]]++;
    byTarget.colIndex[at] = edgeIndex[k];
    byTarget.values![at] = edgeWeight[k];
  }
  const scale = symmetricScale(byTarget);
  if (scale === null) return byTarget;
  return new CsrMatrix({
    numRows: numNodes, numCols: numNodes, rowPtr: byTarget.rowPtr,
    colIndex: byTarget.colIndex, rowScale: scale, colScale: scale,
  });
}

function countRows(n: number, rows: Int32Array): Int32Array {
  const ptr = new Int32Array(n + 1);
  for (const r of rows) {
    if (!(r >= 0 && r < n)) {
      throw new RangeError(
        `propagationMatrix: node ids must be in [0, ${n}), but got ${r}.`);
    }
    ptr[r + 1]++;
  }
  for (let i = 0; i < n; i++) ptr[i + 1] += ptr[i];
  return ptr;
}

/** sqrt(w_ii) per node if w_ij = sqrt(w_ii w_jj) holds, else null. */
function symmetricScale(m: CsrMatrix): Float32Array | null {
  const diag = new Float32Array(m.numRows);
  for (let i = 0; i < m.numRows; i++) {
    for (let k = m.rowPtr[i]; k < m.rowPtr[i + 1]; k++) {
      if (m.colIndex[k] === i) diag[i] = Math.sqrt(m.values![k]);
    }
    if (diag[i] === 0) return null;
  }
  for (let i = 0; i < m.numRows; i++) {
    for (let k = m.rowPtr[i]; k < m.rowPtr[i + 1]; k++) {
      const want = diag[i] * diag[m.colIndex[k]];
      if (Math.abs(m.values![k] - want) > FACTOR_TOLERANCE * want) {
        return null;
      }
    }
  }
  return diag;
}
