// The graph a GraphMix run trains on, in the form the model computes with.
import type { PlanetoidDataset } from '@mixup/datasets/planetoid';
import type { CsrMatrix } from './csr-matrix.js';
import { featureMatrix, propagationMatrix } from './from-dataset.js';

export interface GraphData {
  /** Node features, shape [N, F]. */
  x: CsrMatrix;
  /** Propagation matrix D^-1/2 (A + I) D^-1/2, shape [N, N]. */
  adj: CsrMatrix;
  /** Class per node in [0, K), -1 where unknown; shape [N]. */
  labels: Int32Array;
  numClasses: number;
  trainIndex: Int32Array;
  valIndex: Int32Array;
  testIndex: Int32Array;
}

/**
 * The model's view of a loaded Planetoid graph.
 *
 * @param features 'normalized' keeps the dataset's row-normalised values;
 *     'binary' first sets every non-zero to 1 (then row-normalises), as
 *     the GraphMix code does for all three graphs. @default 'normalized'
 */
export function graphDataFromPlanetoid(ds: PlanetoidDataset,
    features: 'normalized' | 'binary' = 'normalized'): GraphData {
  let x = ds.x;
  if (features === 'binary') {
    const values = new Float32Array(x.values.length);
    for (let i = 0; i < x.numRows; i++) {
      const [from, to] = [x.rowPtr[i], x.rowPtr[i + 1]];
      values.fill(1 / (to - from), from, to);
    }
    x = { ...x, values };
  } else if (features !== 'normalized') {
    throw new RangeError(
      `graphDataFromPlanetoid: features must be 'normalized' or 'binary', ` +
      `but got '${features}'.`);
  }
  return {
    x: featureMatrix(x),
    adj: propagationMatrix(ds.numNodes, ds.edgeIndex, ds.edgeWeight),
    labels: ds.labels,
    numClasses: ds.numClasses,
    trainIndex: ds.trainIndex,
    valIndex: ds.valIndex,
    testIndex: ds.testIndex,
  };
}
