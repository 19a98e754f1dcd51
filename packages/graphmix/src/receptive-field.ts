/**
 * The nodes a two-layer GCN reads to produce outputs at a set of seed
 * nodes, and the slices of the propagation matrix between them. Computing
 * on this field gives exactly the seeds' outputs (and gradients) of the
 * full-graph computation while touching only the nodes that matter.
 */
import type { CsrMatrix } from './csr-matrix.js';
import { SparseOperand } from './sparse-matmul.js';

export interface ReceptiveField {
  /** Distinct seed ids, sorted: the rows of the field's output. */
  seeds: Int32Array;
  /** For each requested id (repeats allowed), its row in `seeds`. */
  index: Int32Array;
  /** Nodes whose hidden states the output reads (sorted). */
  hop1: Int32Array;
  /** Nodes whose features the hidden states read (sorted). */
  hop2: Int32Array;
  /** A[seeds, hop1], shape [S, n1]. */
  outer: SparseOperand;
  /** A[hop1, hop2], shape [n1, n2]. */
  inner: SparseOperand;
  dispose(): void;
}

function neighbours(adj: CsrMatrix, nodes: Int32Array): Int32Array {
  const mark = new Uint8Array(adj.numCols);
  for (const i of nodes) {
    mark[i] = 1;
    for (let k = adj.rowPtr[i]; k < adj.rowPtr[i + 1]; k++) {
      mark[adj.colIndex[k]] = 1;
    }
  }
  const out: number[] = [];
  mark.forEach((m, i) => { if (m === 1) out.push(i); });
  return Int32Array.from(out);
}

/**
 * Builds the two-hop receptive field of `ids` in a propagation matrix.
 *
 * @param adj Propagation matrix, shape [N, N] (row i: weights into i).
 * @param ids Node ids in [0, N), shape [B]; repeats are allowed.
 */
export function receptiveField(
    adj: CsrMatrix, ids: Int32Array): ReceptiveField {
  if (adj.numRows !== adj.numCols) {
    throw new Error(
      `receptiveField: adj must be square, but got ` +
      `[${adj.numRows}, ${adj.numCols}].`);
  }
  for (const id of ids) {
    if (!(id >= 0 && id < adj.numRows)) {
      throw new RangeError(
        `receptiveField: ids must be in [0, ${adj.numRows}), but got ${id}.`);
    }
  }
  const seeds = Int32Array.from(new Set(ids)).sort();
  const row = new Map<number, number>();
  seeds.forEach((s, i) => row.set(s, i));
  const hop1 = neighbours(adj, seeds);
  const hop2 = neighbours(adj, hop1);
  const outer = new SparseOperand(adj.subMatrix(seeds, hop1));
  const inner = new SparseOperand(adj.subMatrix(hop1, hop2));
  return {
    seeds, hop1, hop2, outer, inner,
    index: Int32Array.from(ids, (id) => row.get(id)!),
    dispose: () => {
      outer.dispose();
      inner.dispose();
    },
  };
}
