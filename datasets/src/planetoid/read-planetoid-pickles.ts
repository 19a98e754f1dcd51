/**
 * Reads the Planetoid split from its original files (`ind.<name>.x, y, tx,
 * ty, allx, ally, graph, test.index`): Python 2 pickles of scipy CSR
 * matrices, numpy one-hot arrays and a defaultdict of neighbour lists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../common/dataset-error.js';
import { CsrState, NpArray, typedArrayOf } from './pickle-values.js';
import type { PyValue } from './pickle-values.js';
import { readPickle } from './read-pickle.js';
import { parseIdList, stackRows, VAL_SIZE } from './split.js';
import type { PlanetoidName, PlanetoidRaw, SparseRows } from './types.js';

const FN = 'readPlanetoidPickles';
const PARTS = ['x', 'y', 'tx', 'ty', 'allx', 'ally', 'graph', 'test.index'];

function fail(file: string, fault: string): never {
  throw new DatasetError(FN, file, fault);
}

/** Turns an unpickled scipy CSR matrix into `SparseRows`. */
function toSparseRows(value: PyValue, file: string): SparseRows {
  if (!(value instanceof CsrState) || value.state === null) {
    fail(file, 'the pickle must hold a scipy csr_matrix, but it does not');
  }
  const st = value.state;
  const shape = st.get('_shape');
  const dims = shape != null && typeof shape === 'object' && 'items' in shape ?
    shape.items : [];
  const [numRows, numCols] = dims as number[];
  const arrays = ['indptr', 'indices', 'data'].map((key) => {
    const arr = st.get(key);
    if (!(arr instanceof NpArray) || !arr.built || arr.shape.length !== 1) {
      fail(file, `the csr_matrix must have a 1-D '${key}' array`);
    }
    return typedArrayOf(arr);
  });
  const rowPtr = Int32Array.from(arrays[0]);
  const colIndex = Int32Array.from(arrays[1]);
  const values = Float32Array.from(arrays[2]);
  if (typeof numRows !== 'number' || rowPtr.length !== numRows + 1 ||
      rowPtr[numRows] !== colIndex.length ||
      values.length !== colIndex.length) {
    fail(file, `indptr, indices and data must agree with the shape ` +
        `[${dims}], but got lengths ${rowPtr.length}, ${colIndex.length}, ` +
        `${values.length}`);
  }
  for (let k = 0; k < colIndex.length; k++) {
    if (colIndex[k] < 0 || colIndex[k] >= numCols) {
      fail(file, `column indices must be in [0, ${numCols}), but got ` +
          `${colIndex[k]} at entry ${k}`);
    }
  }
  return { numRows, numCols, rowPtr, colIndex, values };
}

/** Class ids from a one-hot int array [rows, K]; all-zero rows give -1. */
function toLabels(value: PyValue, file: string): OneHot {
  if (!(value instanceof NpArray) || value.shape.length !== 2) {
    fail(file, 'the pickle must hold a 2-D numpy array');
  }
  const [rows, k] = value.shape;
  const flat = typedArrayOf(value);
  const labels = new Int32Array(rows).fill(-1);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) {
      if (flat[i * k + j] !== 0) {
        labels[i] = j;
        break;
      }
    }
  }
  return { labels, numClasses: k };
}

interface OneHot {
  labels: Int32Array;
  numClasses: number;
}

/** Flattens the defaultdict {node: [neighbours]} into edge pairs. */
function toEdgePairs(value: PyValue, file: string): Int32Array {
  if (!(value instanceof Map)) fail(file, 'the pickle must hold a dict');
  const pairs: number[] = [];
  for (const [node, list] of value) {
    if (typeof node !== 'number' || !Array.isArray(list)) {
      fail(file, `entries must map an int to a list, but got key ${node}`);
    }
    for (const nb of list) {
      if (typeof nb !== 'number') {
        fail(file, `neighbours must be ints, but node ${node} has ${nb}`);
      }
      pairs.push(node, nb);
    }
  }
  return Int32Array.from(pairs);
}

function requirePart(dir: string, name: string, part: string): string {
  const file = join(dir, `ind.${name}.${part}`);
  if (!existsSync(file)) {
    fail(file, 'this file is required but missing (the pickled split ' +
        'needs all of ' + PARTS.map((p) => `ind.${name}.${p}`).join(', ') +
        '); nothing is substituted for it');
  }
  return file;
}

/**
 * Reads one Planetoid graph from its pickles and places the test rows at
 * their `test.index` ids, as the standard preprocessing does. Ids inside
 * the test range that `test.index` does not list (Citeseer) keep empty
 * features and no label.
 *
 * @param dir Folder holding the `ind.<name>.*` files.
 * @param name Which graph.
 * @throws DatasetError for a missing file or any malformed content.
 */
export function readPlanetoidPickles(
    dir: string, name: PlanetoidName): PlanetoidRaw {
  const file = (part: string) => join(dir, `ind.${name}.${part}`);
  const paths = PARTS.map((p) => requirePart(dir, name, p));
  const parts = paths.slice(0, 7).map((p) => readPickle(readFileSync(p), p));
  const [x, tx, allx] = [0, 2, 4].map((i) => toSparseRows(parts[i], paths[i]));
  const [y, ty, ally] = [1, 3, 5].map((i) => toLabels(parts[i], paths[i]));
  const testFile = paths[7];
  const testIds = parseIdList(readFileSync(testFile, 'latin1'), testFile);
  checkShapes(file, x, tx, allx,
      [y.labels, ty.labels, ally.labels], testIds);

  const lo = Math.min(...testIds);
  const numNodes = Math.max(...testIds) + 1;
  if (lo !== allx.numRows) {
    fail(testFile, `the smallest test id must equal the allx row count ` +
        `${allx.numRows}, but got ${lo}`);
  }
  const rowOf = new Int32Array(numNodes).fill(-1);
  const labels = new Int32Array(numNodes).fill(-1);
  for (let i = 0; i < allx.numRows; i++) {
    rowOf[i] = i;
    labels[i] = ally.labels[i];
  }
  testIds.forEach((id, k) => {
    rowOf[id] = allx.numRows + k;
    labels[id] = ty.labels[k];
  });
  const edgePairs = toEdgePairs(parts[6], file('graph'));
  checkIds(edgePairs, numNodes, file('graph'));
  return {
    name, numNodes, numClasses: ally.numClasses,
    features: stackRows([allx, tx], rowOf),
    labels, edgePairs,
    trainIndex: Int32Array.from({ length: y.labels.length }, (_, i) => i),
    valIndex: Int32Array.from({ length: VAL_SIZE },
        (_, i) => y.labels.length + i),
    testIndex: Int32Array.from(testIds).sort(),
  };
}

function checkShapes(file: (p: string) => string, x: SparseRows,
    tx: SparseRows, allx: SparseRows, labels: Int32Array[],
    testIds: number[]): void {
  const [y, ty, ally] = labels;
  const pairs: [string, number, number][] = [
    ['x', x.numRows, y.length], ['tx', tx.numRows, ty.length],
    ['allx', allx.numRows, ally.length], ['tx', tx.numRows, testIds.length],
    ['x', x.numCols, allx.numCols], ['tx', tx.numCols, allx.numCols],
  ];
  for (const [part, a, b] of pairs) {
    if (a !== b) {
      fail(file(part), `its shape must match the other files ` +
          `(${a} vs ${b})`);
    }
  }
  if (y.length + VAL_SIZE > allx.numRows) {
    fail(file('allx'), `allx must cover train and validation ` +
        `(${y.length + VAL_SIZE} rows), but has ${allx.numRows}`);
  }
}

function checkIds(pairs: Int32Array, numNodes: number, file: string): void {
  for (const id of pairs) {
    if (id < 0 || id >= numNodes) {
      fail(file, `node ids must be in [0, ${numNodes}), but got ${id}`);
    }
  }
}
