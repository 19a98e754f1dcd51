/**
 * GraphMix: Improved Training of GNNs for Semi-Supervised Learning.
 * One full-batch epoch of GraphMix(GCN) or of the plain GCN baseline.
 * arXiv 1909.11715 (Verma et al., AAAI 2021).
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  binaryCrossEntropyOnSoftmax, createOptimizer, mixHidden, mixTargets, Rng,
  sampleLambda, softCrossEntropy,
} from '@mixup/core';
import type { RngState, ScheduledOptimizer } from '@mixup/core';
import { resolveGraphMixArgs } from './config.js';
import type { GraphMixArgs } from './config.js';
import { CsrMatrix } from './csr-matrix.js';
import {
  createGcnWeights, fcnHidden, fcnLogits, gcnLogits, gcnMeanProbs,
} from './gcn.js';
import type { FeatureInput, GcnWeights } from './gcn.js';
import type { GraphData } from './graph-data.js';
import { consistencyWeight } from './rampup.js';
import { receptiveField } from './receptive-field.js';
import type { ReceptiveField } from './receptive-field.js';
import { sharpen } from './sharpen.js';
import { SparseOperand } from './sparse-matmul.js';

/** What one training epoch did. */
export interface StepLogs {
  /** 'gcn': a GCN step; 'fcn': an FCN step with mixup. */
  step: 'gcn' | 'fcn';
  loss: number;
  /** FCN steps: the supervised and unsupervised mixup losses and w(t). */
  supLoss?: number;
  unsupLoss?: number;
  weight?: number;
}

export interface EvalLogs {
  trainAcc: number;
  valAcc: number;
  testAcc: number;
  valLoss: number;
}

function oneHot(labels: Int32Array, ids: Int32Array, k: number): tf.Tensor2D {
  const out = new Float32Array(ids.length * k);
  ids.forEach((id, i) => { out[i * k + labels[id]] = 1; });
  return tf.tensor2d(out, [ids.length, k]);
}

function complement(n: number, ids: Int32Array): Int32Array {
  const taken = new Uint8Array(n);
  for (const id of ids) taken[id] = 1;
  const out: number[] = [];
  taken.forEach((t, i) => { if (t === 0) out.push(i); });
  return Int32Array.from(out);
}

/**
 * Holds the weights, optimiser and generator of one run; `trainEpoch` and
 * `evaluate` are the recipe. Every random draw comes from the run's Rng.
 */
export class GraphMixTrainer {
  readonly args: GraphMixArgs;
  readonly weights: GcnWeights;
  readonly optimizer: ScheduledOptimizer;
  rng: Rng;
  private readonly trainField: ReceptiveField;
  private readonly trainX: CsrMatrix;
  private readonly evalField: ReceptiveField;
  private readonly evalIds: Int32Array;
  private readonly evalX: FeatureInput;
  private readonly trainTargets: tf.Tensor2D;
  /** The same one-hot rows in the order of the train field's seeds. */
  private readonly seedTargets: tf.Tensor2D;
  private readonly unlabelled: Int32Array;

  /**
   * @param data The graph (features, propagation matrix, split).
   * @param args Recipe settings; unset fields take the defaults.
   */
  constructor(readonly data: GraphData, args: Partial<GraphMixArgs> = {}) {
    this.args = resolveGraphMixArgs(args);
    const { x, adj, numClasses, trainIndex, valIndex, testIndex } = data;
    if (x.numRows !== adj.numRows) {
      throw new Error(
        `GraphMixTrainer: x and adj disagree on N (${x.numRows} vs ` +
        `${adj.numRows}).`);
    }
    this.rng = new Rng(this.args.seed);
    this.weights = createGcnWeights(this.rng, x.numCols, this.args.hidden,
        numClasses);
    this.optimizer = createOptimizer({
      name: 'adam', lr: this.args.lr, beta1: 0.9, beta2: 0.999,
      epsilon: 1e-8, weightDecay: this.args.weightDecay,
    });
    this.trainField = receptiveField(adj, trainIndex);
    this.trainX = x.subMatrix(this.trainField.hop2);
    this.evalIds = Int32Array.from([...trainIndex, ...valIndex,
      ...testIndex]);
    this.evalField = receptiveField(adj, this.evalIds);
    const evalRows = x.subMatrix(this.evalField.hop2);
    // NOTE: rows with explicit values (TF-IDF) run faster as a dense
    // matmul once dropout is off; patterns stay sparse.
    this.evalX = evalRows.isPattern ? new SparseOperand(evalRows) :
      tf.tensor2d(evalRows.toDense(), [evalRows.numRows, x.numCols]);
    this.trainTargets = oneHot(data.labels, trainIndex, numClasses);
    this.seedTargets = oneHot(data.labels, this.trainField.seeds, numClasses);
    this.unlabelled = complement(x.numRows, trainIndex);
  }

  get variables(): tf.Variable[] {
    return [this.weights.w1, this.weights.w2];
  }

  /** One epoch: a coin picks a GCN step or (graphmix only) an FCN step. */
  trainEpoch(epoch: number): StepLogs {
    const { method, fcnProbability } = this.args;
    const fcn = method === 'graphmix' && this.rng.next() < fcnProbability;
    return fcn ? this.fcnStep(epoch) : this.gcnStep();
  }

  private applyLoss(lossFn: () => tf.Scalar): number {
    const { value, grads } = tf.variableGrads(lossFn, this.variables);
    this.optimizer.apply(grads, this.variables);
    const loss = value.dataSync()[0];
    value.dispose();
    return loss;
  }

  /** Soft cross-entropy of the GCN on the labelled nodes. */
  private gcnStep(): StepLogs {
    const xd = new SparseOperand(
      this.trainX.dropout(this.args.inputDropout, this.rng));
    const loss = this.applyLoss(() => softCrossEntropy(
        gcnLogits(xd, this.trainField, this.weights),
        this.seedTargets) as tf.Scalar);
    xd.dispose();
    return { step: 'gcn', loss };
  }

  /**
   * Targets for unlabelled nodes: the mean of K dropout-noisy GCN
   * softmaxes, sharpened with T, computed without gradient.
   *
   * @param ids Node ids, shape [B] (repeats allowed).
   * @returns Shape [B, K].
   */
  predictTargets(ids: Int32Array): tf.Tensor2D {
    const field = receptiveField(this.data.adj, ids);
    const rows = this.data.x.subMatrix(field.hop2);
    const { noisyPasses, inputDropout, temperature } = this.args;
    const stack = new SparseOperand(CsrMatrix.stack(
      Array.from({ length: noisyPasses },
        () => rows.dropout(inputDropout, this.rng))));
    const targets = tf.tidy(() => {
      const mean = gcnMeanProbs(stack, noisyPasses, field, this.weights);
      return tf.gather(sharpen(mean, temperature),
          tf.tensor1d(field.index, 'int32')) as tf.Tensor2D;
    });
    stack.dispose();
    field.dispose();
    return targets;
  }

  /** Mixup in the FCN's hidden layer, on labelled and unlabelled nodes. */
  private fcnStep(epoch: number): StepLogs {
    const { trainIndex } = this.data;
    const { alpha, inputDropout, gamma, rampupStart, rampupEnd } = this.args;
    const b = trainIndex.length;
    const sampled = Int32Array.from({ length: b },
      () => this.unlabelled[this.rng.int(this.unlabelled.length)]);
    const targetsU = this.predictTargets(sampled);
    const xl = new SparseOperand(
      this.data.x.subMatrix(trainIndex).dropout(inputDropout, this.rng));
    const xu = new SparseOperand(
      this.data.x.subMatrix(sampled).dropout(inputDropout, this.rng));
    const draws = [0, 1].map(() => ({
      lam: sampleLambda(this.rng, alpha),
      perm: tf.tensor1d(this.rng.permutation(b), 'int32'),
    }));
    const weight = consistencyWeight(epoch,
        { gamma, start: rampupStart, end: rampupEnd });
    const parts: number[] = [];
    const mixedLoss = (x: SparseOperand, targets: tf.Tensor2D, i: number) => {
      const { lam, perm } = draws[i];
      const hidden = mixHidden(fcnHidden(x, this.weights), lam, perm);
      return binaryCrossEntropyOnSoftmax(fcnLogits(hidden, this.weights),
          mixTargets(targets, lam, perm)) as tf.Scalar;
    };
    const loss = this.applyLoss(() => {
      const sup = mixedLoss(xl, this.trainTargets, 0);
      const unsup = mixedLoss(xu, targetsU, 1);
      parts.push(...[sup, unsup].map((t) => t.dataSync()[0]));
      return sup.add(unsup.mul(weight)) as tf.Scalar;
    });
    tf.dispose([targetsU, ...draws.map((d) => d.perm)]);
    xl.dispose();
    xu.dispose();
    return { step: 'fcn', loss, supLoss: parts[0], unsupLoss: parts[1],
      weight };
  }

  /** GCN accuracy (no dropout) on the train, validation and test nodes. */
  evaluate(): EvalLogs {
    const { labels, trainIndex, valIndex } = this.data;
    const field = this.evalField;
    const [predT, nllT] = tf.tidy(() => {
      const logits = gcnLogits(this.evalX, field, this.weights);
      return [logits.argMax(1), tf.logSoftmax(logits)];
    });
    // NOTE: read outside tidy, which would walk the typed arrays.
    const pred = predT.dataSync();
    const nll = nllT.dataSync();
    tf.dispose([predT, nllT]);
    const k = this.data.numClasses;
    const counts = [0, 0, 0];
    let valLoss = 0;
    this.evalIds.forEach((id, i) => {
      const part = i < trainIndex.length ? 0 :
        i < trainIndex.length + valIndex.length ? 1 : 2;
      const row = field.index[i];
      if (pred[row] === labels[id]) counts[part]++;
      if (part === 1) valLoss -= nll[row * k + labels[id]];
    });
    const sizes = [trainIndex.length, valIndex.length,
      this.data.testIndex.length];
    return {
      trainAcc: counts[0] / sizes[0], valAcc: counts[1] / sizes[1],
      testAcc: counts[2] / sizes[2], valLoss: valLoss / sizes[1],
    };
  }

  /** The generator's state, for checkpoints. */
  getRngState(): RngState {
    return this.rng.getState();
  }

  setRngState(state: RngState): void {
    this.rng = Rng.fromState(state);
  }

  dispose(): void {
    this.trainField.dispose();
    this.evalField.dispose();
    if (this.evalX instanceof SparseOperand) this.evalX.dispose();
    else this.evalX.dispose();
    tf.dispose([this.trainTargets, this.seedTargets, ...this.variables]);
    this.optimizer.optimizer.dispose();
  }
}
