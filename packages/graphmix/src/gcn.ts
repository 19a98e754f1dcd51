/**
 * The two-layer GCN of Kipf and Welling (arXiv 1609.02907) as the GraphMix
 * code builds it: weights without bias, ReLU, dropout on the input only,
 * and the same weights reused without the adjacency as the fully
 * connected network (FCN) of GraphMix (arXiv 1909.11715).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@mixup/core';
import type { ReceptiveField } from './receptive-field.js';
import { SparseOperand, sparseMatMul } from './sparse-matmul.js';

export interface GcnWeights {
  /** Shape [F, D]. */
  w1: tf.Variable;
  /** Shape [D, K]. */
  w2: tf.Variable;
}

/** Node features as fed to the first layer: sparse rows, or dense. */
export type FeatureInput = SparseOperand | tf.Tensor2D;

let created = 0;

/**
 * Draws both weight matrices as the GraphMix code's layers do: uniform on
 * [-1/sqrt(out), 1/sqrt(out)], `out` being the layer's output width.
 *
 * @param rng The run's generator (one draw per weight).
 */
export function createGcnWeights(rng: Rng, numFeatures: number,
    hidden: number, numClasses: number): GcnWeights {
  for (const [name, v] of [['numFeatures', numFeatures], ['hidden', hidden],
    ['numClasses', numClasses]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(
        `createGcnWeights: ${name} must be an integer >= 1, but got ${v}.`);
    }
  }
  const draw = (rows: number, cols: number) => {
    const bound = 1 / Math.sqrt(cols);
    const vals = Float32Array.from({ length: rows * cols },
      () => (2 * rng.next() - 1) * bound);
    return tf.tensor2d(vals, [rows, cols]);
  };
  created++;
  return tf.tidy(() => ({
    w1: tf.variable(draw(numFeatures, hidden), true, `gcn${created}/w1`),
    w2: tf.variable(draw(hidden, numClasses), true, `gcn${created}/w2`),
  }));
}

/** relu(x W1): the first layer without propagation. [R, F] -> [R, D]. */
export function firstLayer(x: FeatureInput, w: GcnWeights): tf.Tensor2D {
  return x instanceof SparseOperand ? sparseMatMul(x, w.w1 as tf.Tensor2D) :
    tf.matMul(x, w.w1);
}

/**
 * GCN logits at the seeds of a receptive field:
 * A[seeds, hop1] relu(A[hop1, hop2] X[hop2] W1) W2.
 *
 * @param x Features of the field's `hop2` nodes, shape [n2, F] (already
 *     dropped out where training wants it).
 * @returns Logits, shape [S, K], rows in the order of `field.seeds`.
 */
export function gcnLogits(
    x: FeatureInput, field: ReceptiveField, w: GcnWeights): tf.Tensor2D {
  return tf.tidy(() => {
    const z = firstLayer(x, w);
    const hidden = sparseMatMul(field.inner, z).relu() as tf.Tensor2D;
    return sparseMatMul(field.outer, tf.matMul(hidden, w.w2));
  });
}

/**
 * The FCN's hidden states: relu(X W1) on the given rows, no adjacency.
 *
 * @param x Feature rows, shape [B, F].
 * @returns Shape [B, D].
 */
export function fcnHidden(x: FeatureInput, w: GcnWeights): tf.Tensor2D {
  return tf.tidy(() => firstLayer(x, w).relu() as tf.Tensor2D);
}

/** The FCN's output layer: hidden [B, D] -> logits [B, K]. */
export function fcnLogits(hidden: tf.Tensor2D, w: GcnWeights): tf.Tensor2D {
  return tf.matMul(hidden, w.w2);
}

/**
 * The mean softmax of several GCN passes that differ only in their input
 * (dropout draws), run as one wide pass: the first layer on the stacked
 * rows, then each propagation on all passes' columns side by side.
 *
 * @param xStack Feature rows of the field's `hop2` nodes for each pass,
 *     stacked pass by pass, shape [P * n2, F].
 * @param passes P >= 1.
 * @returns Mean class probabilities, shape [S, K], in `field.seeds` order.
 */
export function gcnMeanProbs(xStack: FeatureInput, passes: number,
    field: ReceptiveField, w: GcnWeights): tf.Tensor2D {
  const n2 = field.hop2.length;
  const n1 = field.hop1.length;
  const s = field.seeds.length;
  const [d, k] = w.w2.shape as [number, number];
  return tf.tidy(() => {
    const z = firstLayer(xStack, w)
      .reshape([passes, n2, d]).transpose([1, 0, 2])
      .reshape([n2, passes * d]) as tf.Tensor2D; // [n2, P*D]
    const hidden = sparseMatMul(field.inner, z).relu()
      .reshape([n1 * passes, d]) as tf.Tensor2D; // [n1*P, D]
    const out = tf.matMul(hidden, w.w2)
      .reshape([n1, passes * k]) as tf.Tensor2D; // [n1, P*K]
    const logits = sparseMatMul(field.outer, out)
      .reshape([s, passes, k]);
    return tf.softmax(logits).mean(1) as tf.Tensor2D;
  });
}
