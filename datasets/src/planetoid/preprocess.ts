/**
 * The standard preprocessing of the Planetoid graphs (Kipf and Welling,
 * arXiv 1609.02907): an undirected simple graph with a self loop on every
 * node, its symmetric normalisation D^-1/2 (A + I) D^-1/2, and
 * row-normalised features.
 */
import { UndirectedGraph } from 'graphology';
import type { SparseRows } from './types.js';

/**
 * Builds the graph: every pair becomes one undirected edge (duplicates and
 * both directions merge), and each node gets exactly one self loop, also
 * where the input already had one.
 *
 * @param numNodes N; nodes are keyed '0' .. 'N-1'.
 * @param edgePairs Flat [src0, dst0, src1, dst1, ...], ids in [0, N).
 */
export function buildGraph(
    numNodes: number, edgePairs: Int32Array): UndirectedGraph {
  if (edgePairs.length % 2 !== 0) {
    throw new RangeError(
      `buildGraph: edgePairs must have even length, but got ` +
      `${edgePairs.length}.`);
  }
  const graph = new UndirectedGraph({ allowSelfLoops: true, multi: false });
  for (let i = 0; i < numNodes; i++) graph.addNode(String(i));
  for (let k = 0; k < edgePairs.length; k += 2) {
    const [u, v] = [edgePairs[k], edgePairs[k + 1]];
    if (!(u >= 0 && u < numNodes && v >= 0 && v < numNodes)) {
      throw new RangeError(
        `buildGraph: node ids must be in [0, ${numNodes}), but got ` +
        `${u} -> ${v}.`);
    }
    graph.mergeEdge(String(u), String(v));
  }
  for (let i = 0; i < numNodes; i++) graph.mergeEdge(String(i), String(i));
  return graph;
}

/**
 * The symmetric normalisation of a graph that already carries its self
 * loops: entry (i, j) is 1 / sqrt(d_i d_j), d counting each self loop once.
 *
 * @param graph Nodes keyed '0' .. 'N-1' (as from `buildGraph`).
 * @returns `edgeIndex` [2, E] flat (sources, then targets; sorted by
 *     target, then source) and `edgeWeight` [E], float32.
 */
export function normalizeAdjacency(graph: UndirectedGraph): {
  edgeIndex: Int32Array;
  edgeWeight: Float32Array;
} {
  const n = graph.order;
  const degree = new Float64Array(n);
  const pairs: number[] = [];
  graph.forEachEdge((_key, _attrs, source, target) => {
    const [u, v] = [Number(source), Number(target)];
    pairs.push(u, v);
    degree[u] += 1;
    if (u !== v) {
      pairs.push(v, u);
      degree[v] += 1;
    }
  });
  const e = pairs.length / 2;
  const order = Array.from({ length: e }, (_, k) => k).sort((a, b) =>
    pairs[2 * a + 1] - pairs[2 * b + 1] || pairs[2 * a] - pairs[2 * b]);
  const edgeIndex = new Int32Array(2 * e);
  const edgeWeight = new Float32Array(e);
  order.forEach((k, at) => {
    const [src, dst] = [pairs[2 * k], pairs[2 * k + 1]];
    edgeIndex[at] = src;
    edgeIndex[e + at] = dst;
    edgeWeight[at] = 1 / Math.sqrt(degree[src] * degree[dst]);
  });
  return { edgeIndex, edgeWeight };
}

/**
 * Divides each row by its sum; rows that sum to zero stay zero.
 *
 * @param m Sparse rows, shape [N, F], non-negative values.
 * @returns A new matrix with the same pattern.
 */
export function rowNormalize(m: SparseRows): SparseRows {
  const values = new Float32Array(m.values.length);
  for (let i = 0; i < m.numRows; i++) {
    const [from, to] = [m.rowPtr[i], m.rowPtr[i + 1]];
    let sum = 0;
    for (let k = from; k < to; k++) sum += m.values[k];
    for (let k = from; k < to; k++) {
      values[k] = sum === 0 ? 0 : m.values[k] / sum;
    }
  }
  return { ...m, values };
}
