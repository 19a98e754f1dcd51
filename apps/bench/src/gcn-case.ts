// Case gcn-cora-size: full-batch epochs of a two-layer GCN on a random
// graph of Cora's size, as the peer's case_gcn: 2708 nodes, 10556 random
// directed edges plus self loops, D^-1/2 (A + I) D^-1/2 with the degree
// counted at the target, 1433 binary features at density 0.0127 row-
// normalised, 7 classes, hidden 16, dropout 0.5 on the input, Adam lr 0.01
// with weight decay 5e-4, cross-entropy on nodes 0..139.
import * as tf from '@tensorflow/tfjs-core';

import { createOptimizer, Rng, softCrossEntropy } from '@mixup/core';
import {
  createGcnWeights, CsrMatrix, propagationMatrix, SparseOperand,
  sparseMatMul,
} from '@mixup/graphmix';

import type { BuiltCase, CaseOptions } from './cases.js';

const [N, E, F, K, D, TRAIN] = [2708, 10556, 1433, 7, 16, 140];
const DENSITY = 0.0127;
const DROPOUT = 0.5;

/** Random edges plus one self loop per node; weights 1/sqrt(d_j d_i). */
function randomAdjacency(rng: Rng): CsrMatrix {
  const total = E + N;
  const edgeIndex = new Int32Array(2 * total); // [2, E + N] flattened
  for (let k = 0; k < E; k++) {
    edgeIndex[k] = rng.int(N);
    edgeIndex[total + k] = rng.int(N);
  }
  for (let i = 0; i < N; i++) {
    edgeIndex[E + i] = i;
    edgeIndex[total + E + i] = i;
  }
  const degree = new Float32Array(N);
  for (let k = 0; k < total; k++) degree[edgeIndex[total + k]]++;
  const weight = Float32Array.from({ length: total }, (_, k) =>
    1 / Math.sqrt(degree[edgeIndex[k]] * degree[edgeIndex[total + k]]));
  return propagationMatrix(N, edgeIndex, weight);
}

/** Binary features, each row scaled to sum 1 (empty rows stay 0). */
function randomFeatures(rng: Rng): CsrMatrix {
  const rowPtr = new Int32Array(N + 1);
  const cols: number[] = [];
  const rowScale = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    for (let f = 0; f < F; f++) if (rng.next() < DENSITY) cols.push(f);
    rowPtr[i + 1] = cols.length;
    const count = rowPtr[i + 1] - rowPtr[i];
    rowScale[i] = count === 0 ? 0 : 1 / count;
  }
  return new CsrMatrix({ numRows: N, numCols: F, rowPtr,
    colIndex: Int32Array.from(cols), rowScale });
}

/**
 * Builds the graph, the weights and the optimiser once; each step is one
 * training epoch over the whole graph (the peer computes every node's
 * output, so this does too, rather than the training nodes' receptive
 * field that the GraphMix trainer uses).
 */
export function buildGcn(o: CaseOptions): BuiltCase {
  const rng = new Rng(o.seed);
  const adj = new SparseOperand(randomAdjacency(rng));
  const features = randomFeatures(rng);
  const weights = createGcnWeights(rng, F, D, K);
  const variables = [weights.w1, weights.w2];
  const labels = Int32Array.from({ length: TRAIN }, () => rng.int(K));
  const targets = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(labels, 'int32'), K).toFloat());
  const optimizer = createOptimizer({ name: 'adam', lr: 0.01,
    weightDecay: 5e-4 });
  const epoch = () => {
    const x = new SparseOperand(features.dropout(DROPOUT, rng));
    const { value, grads } = tf.tidy(() => tf.variableGrads(() => {
      const z = sparseMatMul(x, weights.w1 as tf.Tensor2D); // [N, F] x [F, D]
      const hidden = sparseMatMul(adj, z).relu() as tf.Tensor2D;
      const out = sparseMatMul(adj, tf.matMul(hidden, weights.w2));
      // Nodes 0..139 train, as in the peer: a slice, not a gather.
      const logits = out.slice([0, 0], [TRAIN, K]);
      return softCrossEntropy(logits, targets) as tf.Scalar;
    }, variables));
    optimizer.apply(grads, variables);
    value.dataSync();
    value.dispose();
    x.dispose();
  };
  return {
    steps: o.keys.includes('erm') ? { erm: epoch } : {},
    items: 1,
    dispose: () => {
      adj.dispose();
      tf.dispose([targets, ...variables]);
      optimizer.optimizer.dispose();
    },
  };
}
