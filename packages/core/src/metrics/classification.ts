import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

/** Class labels: ints in [0, K), one per example. */
export type Labels = Int32Array | Uint8Array | readonly number[];

/** Class probabilities as rows, read back from the device once. */
export interface ProbabilityRows {
  /** Row-major [N, K] probabilities. */
  values: Float32Array;
  numClasses: number;
}

/** Reads and checks probs (and labels, if given) once per public call. */
function toRows(fn: string, probs: tf.Tensor | ProbabilityRows,
    labels: Labels | null): ProbabilityRows {
  let rows: ProbabilityRows;
  if (probs instanceof tf.Tensor) {
    if (probs.rank !== 2) {
      throw new Error(
        `${fn}: probs must have rank 2 [N, K], but got rank ${probs.rank}.`);
    }
    rows = { values: probs.dataSync() as Float32Array,
      numClasses: probs.shape[1]! };
  } else {
    rows = probs;
    if (!Number.isInteger(rows.numClasses) || rows.numClasses < 1 ||
        rows.values.length % rows.numClasses !== 0) {
      throw new RangeError(
        `${fn}: probs must hold whole rows of numClasses values, but got ` +
        `${rows.values.length} values for numClasses ${rows.numClasses}.`);
    }
  }
  const n = rows.values.length / rows.numClasses;
  if (labels !== null && n !== labels.length) {
    throw new Error(
      `${fn}: probs and labels disagree on the number of examples ` +
      `(${n} vs ${labels.length}).`);
  }
  checkProbabilityRows(fn, rows);
  for (let i = 0; labels !== null && i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= rows.numClasses) {
      throw new RangeError(
        `${fn}: labels must be integers in [0, ${rows.numClasses}), but ` +
        `labels[${i}] is ${y}.`);
    }
  }
  return rows;
}

/**
 * Each row must be a distribution: entries in [0, 1] that sum to 1 within
 * 1e-3 (float32 softmax is far closer). Catches logits passed as probs.
 */
function checkProbabilityRows(fn: string, rows: ProbabilityRows): void {
  const { values, numClasses: k } = rows;
  for (let i = 0; i * k < values.length; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const p = values[i * k + j];
      if (!(p >= 0 && p <= 1)) {
        throw new RangeError(
          `${fn}: probs must hold probabilities in [0, 1] (a softmax, not ` +
          `logits), but probs[${i}][${j}] is ${p}.`);
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-3) {
      throw new RangeError(
        `${fn}: each row of probs must sum to 1, but row ${i} sums to ` +
        `${sum}.`);
    }
  }
}

function argmaxRow(values: Float32Array, row: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) {
    if (values[row * k + j] > values[row * k + best]) best = j;
  }
  return best;
}

/** All classification figures of one evaluation. */
export interface ClassificationMetrics {
  accuracy: number;
  error: number;
  /** Mean negative log-likelihood of the true class, in nats. */
  nll: number;
  /** Expected calibration error over 15 equal-width confidence bins. */
  ece: number;
  /** Mean of the largest class probability. */
  meanConfidence: number;
}

// The figures on checked rows; the exported functions check, then call.

function accuracyOf({ values, numClasses: k }: ProbabilityRows,
    labels: Labels): number {
  let hits = 0;
  for (let i = 0; i < labels.length; i++) {
    if (argmaxRow(values, i, k) === labels[i]) hits++;
  }
  return labels.length === 0 ? 0 : hits / labels.length;
}

function nllOf({ values, numClasses: k }: ProbabilityRows,
    labels: Labels): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    total -= Math.log(Math.max(values[i * k + labels[i]], 1e-12));
  }
  return labels.length === 0 ? 0 : total / labels.length;
}

function eceOf({ values, numClasses: k }: ProbabilityRows, labels: Labels,
    bins: number): number {
  const count = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const conf = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const pred = argmaxRow(values, i, k);
    const c = values[i * k + pred];
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(c * bins) - 1));
    count[b]++;
    conf[b] += c;
    if (pred === labels[i]) hits[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) ece += Math.abs(hits[b] - conf[b]) / labels.length;
  }
  return ece;
}

function meanConfidenceOf({ values, numClasses: k }: ProbabilityRows): number {
  const n = values.length / k;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i * k + argmaxRow(values, i, k)];
  return n === 0 ? 0 : total / n;
}

/** Fraction of examples whose most probable class is the label. */
export function accuracy(probs: tf.Tensor | ProbabilityRows,
    labels: Labels): number {
  return accuracyOf(toRows('accuracy', probs, labels), labels);
}

/**
 * Mean -log p(label); probabilities are floored at 1e-12 so that a
 * confident mistake costs a large but finite amount.
 */
export function negativeLogLikelihood(probs: tf.Tensor | ProbabilityRows,
    labels: Labels): number {
  return nllOf(toRows('negativeLogLikelihood', probs, labels), labels);
}

/**
 * Expected calibration error: the examples are binned by confidence (the
 * largest probability) into `bins` equal-width bins of (0, 1]; ECE is the
 * count-weighted mean of |accuracy - confidence| over the bins.
 */
export function expectedCalibrationError(probs: tf.Tensor | ProbabilityRows,
    labels: Labels, bins = 15): number {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(
      `expectedCalibrationError: bins must be an integer >= 1, but got ${bins}.`);
  }
  return eceOf(toRows('expectedCalibrationError', probs, labels), labels,
      bins);
}

/** Mean of each example's largest class probability. */
export function meanMaxProbability(probs: tf.Tensor | ProbabilityRows): number {
  return meanConfidenceOf(toRows('meanMaxProbability', probs, null));
}

/** Accuracy, error, NLL, ECE and mean confidence, checking probs once. */
export function classificationMetrics(probs: tf.Tensor | ProbabilityRows,
    labels: Labels): ClassificationMetrics {
  const rows = toRows('classificationMetrics', probs, labels);
  const acc = accuracyOf(rows, labels);
  return {
    accuracy: acc,
    error: 1 - acc,
    nll: nllOf(rows, labels),
    ece: eceOf(rows, labels, 15),
    meanConfidence: meanConfidenceOf(rows),
  };
}
