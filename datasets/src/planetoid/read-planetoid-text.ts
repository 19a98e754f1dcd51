/**
 * Reads the Planetoid split in the GMNN plain-text layout: `feature.txt`
 * (or `feature.txt.gz`), `label.txt`, `net.txt`, `train.txt`, `dev.txt`
 * and `test.txt`, with node ids in the Planetoid order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../common/dataset-error.js';
import { readMaybeGzip } from '../common/file-io.js';
import { parseIdList } from './split.js';
import type { PlanetoidName, PlanetoidRaw, SparseRows } from './types.js';

const FN = 'readPlanetoidText';

function fail(file: string, fault: string): never {
  throw new DatasetError(FN, file, fault);
}

/** The path of a required file, trying `<name>.gz` when allowed. */
function requireFile(dir: string, name: string, gzip = false): string {
  const plain = join(dir, name);
  if (existsSync(plain)) return plain;
  if (gzip && existsSync(`${plain}.gz`)) return `${plain}.gz`;
  fail(plain, `this file is required but missing` +
      (gzip ? ` (and so is ${name}.gz)` : '') +
      '; nothing is substituted for it');
}

function readLines(file: string): string[] {
  const lines = readMaybeGzip(file).toString('latin1').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function parseId(s: string, file: string, line: number): number {
  if (!/^\d+$/.test(s)) {
    fail(file, `ids must be non-negative integers, but line ${line} has ` +
        `'${s.slice(0, 40)}'`);
  }
  return Number(s);
}

/** `<src>\t<dst>\t<weight>` lines; every weight must be 1. */
function parseNet(file: string): Int32Array {
  const lines = readLines(file);
  const pairs = new Int32Array(2 * lines.length);
  lines.forEach((line, i) => {
    const f = line.trim().split('\t');
    if (f.length !== 3 || Number(f[2]) !== 1) {
      fail(file, `each line must be '<src>\\t<dst>\\t1', but line ${i + 1} ` +
          `is '${line.slice(0, 40)}'`);
    }
    pairs[2 * i] = parseId(f[0], file, i + 1);
    pairs[2 * i + 1] = parseId(f[1], file, i + 1);
  });
  return pairs;
}

/** `<node>\t<class>` lines. */
function parseLabels(file: string): Map<number, number> {
  const labels = new Map<number, number>();
  readLines(file).forEach((line, i) => {
    const f = line.trim().split('\t');
    if (f.length !== 2) {
      fail(file, `each line must be '<node>\\t<class>', but line ${i + 1} ` +
          `is '${line.slice(0, 40)}'`);
    }
    const node = parseId(f[0], file, i + 1);
    if (labels.has(node)) fail(file, `node ${node} is labelled twice`);
    labels.set(node, parseId(f[1], file, i + 1));
  });
  return labels;
}

/** `<node>\t<col>:<val> <col>:<val> ...` lines, as sparse rows by node. */
function parseFeatures(file: string): Map<number, [number[], number[]]> {
  const rows = new Map<number, [number[], number[]]>();
  readLines(file).forEach((line, i) => {
    const tab = line.indexOf('\t');
    const node = parseId(tab < 0 ? line.trim() : line.slice(0, tab),
        file, i + 1);
    if (rows.has(node)) fail(file, `node ${node} has two feature lines`);
    const cols: number[] = [];
    const vals: number[] = [];
    const body = tab < 0 ? '' : line.slice(tab + 1).trim();
    for (const item of body === '' ? [] : body.split(' ')) {
      const colon = item.indexOf(':');
      const col = colon > 0 ? parseId(item.slice(0, colon), file, i + 1) : -1;
      const val = Number(item.slice(colon + 1));
      if (col < 0 || !Number.isFinite(val) || item.slice(colon + 1) === '') {
        fail(file, `features must be '<col>:<value>', but line ${i + 1} ` +
            `has '${item.slice(0, 40)}'`);
      }
      cols.push(col);
      vals.push(val);
    }
    rows.set(node, [cols, vals]);
  });
  return rows;
}

function toSparseRows(rows: Map<number, [number[], number[]]>,
    numRows: number, file: string): SparseRows {
  let numCols = 0;
  const rowPtr = new Int32Array(numRows + 1);
  for (let n = 0; n < numRows; n++) {
    rowPtr[n + 1] = rowPtr[n] + (rows.get(n)?.[0].length ?? 0);
  }
  const colIndex = new Int32Array(rowPtr[numRows]);
  const values = new Float32Array(colIndex.length);
  for (const [node, [cols, vals]] of rows) {
    const order = cols.map((_, j) => j).sort((a, b) => cols[a] - cols[b]);
    order.forEach((j, k) => {
      if (k > 0 && cols[j] === cols[order[k - 1]]) {
        fail(file, `node ${node} lists column ${cols[j]} twice`);
      }
      colIndex[rowPtr[node] + k] = cols[j];
      values[rowPtr[node] + k] = vals[j];
      numCols = Math.max(numCols, cols[j] + 1);
    });
  }
  return { numRows, numCols, rowPtr, colIndex, values };
}

/**
 * Reads one Planetoid graph in the GMNN plain-text layout. N is one more
 * than the largest node id in any file; nodes without a feature line get
 * empty features, nodes without a label line get -1.
 *
 * @param dir Folder holding the six files.
 * @param name Which graph.
 * @throws DatasetError for a missing file or a malformed line.
 */
export function readPlanetoidText(
    dir: string, name: PlanetoidName): PlanetoidRaw {
  const [featFile, labelFile, netFile, trainFile, devFile, testFile] = [
    requireFile(dir, 'feature.txt', true),
    ...['label.txt', 'net.txt', 'train.txt', 'dev.txt', 'test.txt']
      .map((f) => requireFile(dir, f)),
  ];
  const edgePairs = parseNet(netFile);
  const labelMap = parseLabels(labelFile);
  const featRows = parseFeatures(featFile);
  const [train, dev, test] = [trainFile, devFile, testFile].map((f) =>
    parseIdList(readMaybeGzip(f).toString('latin1'), f));
  const ids = [...edgePairs, ...labelMap.keys(), ...featRows.keys(),
    ...train, ...dev, ...test];
  const numNodes = ids.reduce((m, v) => Math.max(m, v), -1) + 1;
  const labels = new Int32Array(numNodes).fill(-1);
  for (const [node, cls] of labelMap) labels[node] = cls;
  for (const [ids, file] of [[train, trainFile], [dev, devFile],
    [test, testFile]] as [number[], string][]) {
    const bad = ids.find((id) => labels[id] < 0);
    if (bad !== undefined) fail(file, `node ${bad} has no label in label.txt`);
  }
  return {
    name, numNodes,
    numClasses: Math.max(...labelMap.values()) + 1,
    features: toSparseRows(featRows, numNodes, featFile),
    labels, edgePairs,
    trainIndex: Int32Array.from(train),
    valIndex: Int32Array.from(dev),
    testIndex: Int32Array.from(test).sort(),
  };
}
