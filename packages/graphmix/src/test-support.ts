// Helpers shared by this package's tests; not part of the public API.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Rng } from '@mixup/core';
import { CsrMatrix } from './csr-matrix.js';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** A random sparse matrix with about `density` of its entries set. */
export function randomCsr(rng: Rng, rows: number, cols: number,
    density: number, withValues: boolean): CsrMatrix {
  const ptr = new Int32Array(rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (rng.next() < density) {
        colIndex.push(j);
        values.push(0.5 + rng.next());
      }
    }
    ptr[i + 1] = colIndex.length;
  }
  return new CsrMatrix({
    numRows: rows, numCols: cols, rowPtr: ptr,
    colIndex: Int32Array.from(colIndex),
    values: withValues ? Float32Array.from(values) : null,
    rowScale: Float32Array.from({ length: rows }, () => 0.5 + rng.next()),
    colScale: Float32Array.from({ length: cols }, () => 0.5 + rng.next()),
  });
}

/** Edge pairs of a random undirected graph with a self loop per node. */
export function randomGraphEdges(rng: Rng, n: number, edges: number):
    { edgeIndex: Int32Array; edgeWeight: Float32Array } {
  const pairs = new Set<string>();
  for (let i = 0; i < n; i++) pairs.add(`${i},${i}`);
  for (let k = 0; k < edges; k++) {
    const [u, v] = [rng.int(n), rng.int(n)];
    pairs.add(`${u},${v}`);
    pairs.add(`${v},${u}`);
  }
  const list = [...pairs].map((p) => p.split(',').map(Number));
  const deg = new Float64Array(n);
  for (const [, v] of list) deg[v]++;
  const e = list.length;
  const edgeIndex = new Int32Array(2 * e);
  const edgeWeight = new Float32Array(e);
  list.forEach(([u, v], k) => {
    edgeIndex[k] = u;
    edgeIndex[e + k] = v;
    edgeWeight[k] = 1 / Math.sqrt(deg[u] * deg[v]);
  });
  return { edgeIndex, edgeWeight };
}
