export {
  loadPlanetoid, PLANETOID_FOLDERS, planetoidDir, TRAIN_SIZES,
} from './load-planetoid.js';
export type { LoadPlanetoidArgs } from './load-planetoid.js';
export { buildGraph, normalizeAdjacency, rowNormalize } from './preprocess.js';
export { readPickle } from './read-pickle.js';
export { ALLOWED_GLOBALS } from './pickle-values.js';
export type { PyKey, PyValue } from './pickle-values.js';
export { readPlanetoidPickles } from './read-planetoid-pickles.js';
export { readPlanetoidText } from './read-planetoid-text.js';
export { TEST_SIZE, VAL_SIZE } from './split.js';
export { PLANETOID_NAMES } from './types.js';
export type {
  PlanetoidDataset, PlanetoidFormat, PlanetoidName, PlanetoidRaw, SparseRows,
} from './types.js';
