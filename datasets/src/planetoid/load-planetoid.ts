/**
 * Loads a Planetoid citation graph (Yang, Cohen and Salakhutdinov, ICML
 * 2016, arXiv 1603.08861) with the standard split and preprocessing.
 */
import { join } from 'node:path';
import { DatasetError } from '../common/dataset-error.js';
import { buildGraph, normalizeAdjacency, rowNormalize } from './preprocess.js';
import { readPlanetoidPickles } from './read-planetoid-pickles.js';
import { readPlanetoidText } from './read-planetoid-text.js';
import { TEST_SIZE, VAL_SIZE } from './split.js';
import { PLANETOID_NAMES } from './types.js';
import type {
  PlanetoidDataset, PlanetoidFormat, PlanetoidName, PlanetoidRaw,
} from './types.js';

/** Training nodes in the standard split: 20 per class. */
export const TRAIN_SIZES: Readonly<Record<PlanetoidName, number>> =
  Object.freeze({ cora: 140, citeseer: 120, pubmed: 60 });

/** Folder names under the data directory, per format. */
export const PLANETOID_FOLDERS: Readonly<Record<PlanetoidFormat, string>> =
  Object.freeze({ pickle: 'planetoid', text: 'planetoid-text-gmnn' });

export interface LoadPlanetoidArgs {
  /** The data directory (holds `planetoid/` and `planetoid-text-gmnn/`). */
  dataDir: string;
  name: PlanetoidName;
  /** @default 'text' */
  format?: PlanetoidFormat;
}

/** The folder that holds one graph's files in one format. */
export function planetoidDir(
    dataDir: string, name: PlanetoidName, format: PlanetoidFormat): string {
  return format === 'pickle' ? join(dataDir, PLANETOID_FOLDERS.pickle) :
    join(dataDir, PLANETOID_FOLDERS.text, name);
}

function checkSplit(raw: PlanetoidRaw, dir: string): void {
  const sizes: [string, Int32Array, number][] = [
    ['train', raw.trainIndex, TRAIN_SIZES[raw.name]],
    ['validation', raw.valIndex, VAL_SIZE],
    ['test', raw.testIndex, TEST_SIZE],
  ];
  for (const [part, ids, size] of sizes) {
    if (ids.length !== size) {
      throw new DatasetError('loadPlanetoid', dir,
          `the standard ${raw.name} ${part} split has ${size} nodes, but ` +
          `got ${ids.length}`);
    }
  }
}

/**
 * Reads one graph and applies the standard preprocessing: the graph in
 * graphology made undirected without duplicate edges, one self loop per
 * node, D^-1/2 (A + I) D^-1/2, and row-normalised features.
 *
 * @throws DatasetError naming the file when one is missing or malformed,
 *     or when the split does not have the standard sizes.
 */
export function loadPlanetoid(args: LoadPlanetoidArgs): PlanetoidDataset {
  const { dataDir, name, format = 'text' } = args;
  if (!PLANETOID_NAMES.includes(name)) {
    throw new RangeError(
      `loadPlanetoid: name must be one of ${PLANETOID_NAMES.join(', ')}, ` +
      `but got '${name}'.`);
  }
  if (format !== 'pickle' && format !== 'text') {
    throw new RangeError(
      `loadPlanetoid: format must be 'pickle' or 'text', but got ` +
      `'${format}'.`);
  }
  const dir = planetoidDir(dataDir, name, format);
  const raw = format === 'pickle' ? readPlanetoidPickles(dir, name) :
    readPlanetoidText(dir, name);
  checkSplit(raw, dir);
  const graph = buildGraph(raw.numNodes, raw.edgePairs);
  const { edgeIndex, edgeWeight } = normalizeAdjacency(graph);
  return {
    name, format,
    numNodes: raw.numNodes,
    numFeatures: raw.features.numCols,
    numClasses: raw.numClasses,
    x: rowNormalize(raw.features),
    graph, edgeIndex, edgeWeight,
    labels: raw.labels,
    trainIndex: raw.trainIndex,
    valIndex: raw.valIndex,
    testIndex: raw.testIndex,
  };
}
