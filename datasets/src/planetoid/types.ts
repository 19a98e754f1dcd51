import type { UndirectedGraph } from 'graphology';

/** The three Planetoid citation graphs. */
export type PlanetoidName = 'cora' | 'citeseer' | 'pubmed';

export const PLANETOID_NAMES: readonly PlanetoidName[] =
  Object.freeze(['cora', 'citeseer', 'pubmed']);

/** On-disk layout: the Planetoid pickles or the GMNN plain-text files. */
export type PlanetoidFormat = 'pickle' | 'text';

/** A sparse matrix in CSR form. */
export interface SparseRows {
  numRows: number;
  numCols: number;
  /** Row start offsets, shape [numRows + 1], int32. */
  rowPtr: Int32Array;
  /** Column of each stored entry, shape [nnz], int32 in [0, numCols). */
  colIndex: Int32Array;
  /** Value of each stored entry, shape [nnz], float32. */
  values: Float32Array;
}

/** A Planetoid graph as read from disk, before any preprocessing. */
export interface PlanetoidRaw {
  name: PlanetoidName;
  /** N: graph nodes (Citeseer counts its 15 unused test ids). */
  numNodes: number;
  /** K: label classes. */
  numClasses: number;
  /** Raw features, shape [N, F]; unread nodes have empty rows. */
  features: SparseRows;
  /** Class of each node in [0, K), or -1 where unknown; shape [N]. */
  labels: Int32Array;
  /** Directed edge pairs as read, flat [src0, dst0, src1, ...], shape [2E']. */
  edgePairs: Int32Array;
  trainIndex: Int32Array;
  valIndex: Int32Array;
  /** Test node ids, sorted ascending. */
  testIndex: Int32Array;
}

/** A Planetoid graph with the standard (Kipf and Welling) preprocessing. */
export interface PlanetoidDataset {
  name: PlanetoidName;
  format: PlanetoidFormat;
  numNodes: number;
  numFeatures: number;
  numClasses: number;
  /** Row-normalised features, shape [N, F] (zero rows stay zero). */
  x: SparseRows;
  /** Undirected, no duplicate edges, one self loop on every node. */
  graph: UndirectedGraph;
  /**
   * Both directions of every edge and each self loop once, shape [2, E]
   * flattened row-major: sources in [0, E), targets in [E, 2E). Sorted by
   * target, then source.
   */
  edgeIndex: Int32Array;
  /** D^-1/2 (A + I) D^-1/2 entry of each edge, shape [E], float32. */
  edgeWeight: Float32Array;
  labels: Int32Array;
  trainIndex: Int32Array;
  valIndex: Int32Array;
  testIndex: Int32Array;
}
