/**
 * Connectionist Temporal Classification loss, batched, in log space.
 * CTC: Graves et al., ICML 2006; used with mixup by Moysset and Messina,
 * ICDAR 2019, arXiv 1903.04246 (https://arxiv.org/abs/1903.04246).
 */
import * as tf from '@tensorflow/tfjs-core';

import '../util/register-ops.js';

import { ctcGradientJs, ctcLossJs } from './ctc-js.js';
import { buildCtcPlan, type CtcPlan } from './ctc-plan.js';
import { ctcAlphas, ctcBetas, safeLogSumExp } from './ctc-recursions.js';

/** How per-line losses are combined. */
export type CtcReduction = 'none' | 'sum' | 'mean';

/**
 * Where the recursions run: 'ops' as TensorFlow.js ops on the backend
 * (one small group per time step; suits GPU backends), 'js' in float64
 * JavaScript on the downloaded log-probabilities (fewer kernel launches;
 * faster on cpu and wasm). 'auto' picks 'js' on cpu and wasm, else 'ops'.
 */
export type CtcImplementation = 'auto' | 'ops' | 'js';

/** Label sequences: ragged rows, or padded rows with `labelLengths`. */
export type CtcLabels = readonly ArrayLike<number>[] | tf.Tensor2D;

export interface CtcLossArgs {
  /** Index of the blank symbol in [0, V). @default 0 */
  blank?: number;
  /**
   * 'none' gives per-line losses [B]; 'sum' their sum; 'mean' divides each
   * line's loss by its label length (at least 1) and averages over the
   * batch, as PyTorch does. @default 'mean'
   */
  reduction?: CtcReduction;
  /** Turns an impossible alignment's infinite loss into 0. @default false */
  zeroInfinity?: boolean;
  /** Layout of `logProbs`: true [T, B, V], false [B, T, V]. @default true */
  timeMajor?: boolean;
  /** Label length of each row when `labels` rows are padded. */
  labelLengths?: ArrayLike<number>;
  /** @default 'auto' */
  implementation?: CtcImplementation;
}

/**
 * CTC negative log-likelihood -log p(labels | logProbs) of each line, with
 * an analytic (forward-backward) gradient. The recursions run in log
 * space, as batched TensorFlow.js ops or in JavaScript (see
 * `CtcImplementation`); an all-minus-infinity log-sum-exp gives minus
 * infinity, never NaN.
 *
 * NOTE: a line with no valid alignment (input too short for its labels and
 * their repeats) has an infinite loss; its gradient is always zero, so it
 * never poisons the batch with NaN. `zeroInfinity` also zeroes the loss.
 *
 * @param logProbs Log-probabilities (a log-softmax over V = characters plus
 *     the blank), shape [T, B, V] (or [B, T, V] with `timeMajor: false`),
 *     float32. Other scores work too: the loss is then -log of the summed
 *     path scores.
 * @param labels Label rows of symbol ids in [0, V) without the blank, as
 *     B ragged arrays, or a padded int32 tensor [B, L] with `labelLengths`.
 * @param inputLengths Valid time steps per line, B integers in [1, T].
 * @returns Per-line losses [B] for 'none', else a scalar.
 */
export function ctcLoss(
    logProbs: tf.Tensor, labels: CtcLabels,
    inputLengths: ArrayLike<number>, args: CtcLossArgs = {}): tf.Tensor {
  const reduction = args.reduction ?? 'mean';
  const timeMajor = args.timeMajor ?? true;
  if (logProbs.rank !== 3) {
    throw new Error(
      `ctcLoss: logProbs must have rank 3 [T, B, V], but got rank ` +
      `${logProbs.rank} [${logProbs.shape}].`);
  }
  if (reduction !== 'none' && reduction !== 'sum' && reduction !== 'mean') {
    throw new RangeError(
      `ctcLoss: reduction must be 'none', 'sum' or 'mean', but got ` +
      `'${reduction}'.`);
  }
  const implementation = resolveImplementation(args.implementation);
  const [d0, d1, v] = logProbs.shape as [number, number, number];
  const [t, b] = timeMajor ? [d0, d1] : [d1, d0];
  const rows = labelRows(labels, args.labelLengths);
  const plan = buildCtcPlan(
      rows, inputLengths, { T: t, B: b, V: v, blank: args.blank ?? 0 });
  return tf.tidy(() => {
    const tBV = timeMajor ? logProbs : tf.transpose(logProbs, [1, 0, 2]);
    const nll = implementation === 'js' ? jsNegLogLikelihood(plan) :
      opsNegLogLikelihood(plan);
    const perLine = nll(tBV) as tf.Tensor1D;
    return reduceLosses(perLine, plan, reduction, args.zeroInfinity ?? false);
  });
}

function resolveImplementation(
    implementation: CtcImplementation = 'auto'): 'ops' | 'js' {
  if (implementation === 'auto') {
    const backend = tf.getBackend();
    return backend === 'cpu' || backend === 'wasm' ? 'js' : 'ops';
  }
  if (implementation !== 'ops' && implementation !== 'js') {
    throw new RangeError(
      `ctcLoss: implementation must be 'auto', 'ops' or 'js', but got ` +
      `'${implementation}'.`);
  }
  return implementation;
}

function labelRows(
    labels: CtcLabels, lengths?: ArrayLike<number>): ArrayLike<number>[] {
  const padded = labels instanceof tf.Tensor ?
    (labels.arraySync() as number[][]) : labels;
  if (lengths == null) return [...padded];
  if (lengths.length !== padded.length) {
    throw new Error(
      `ctcLoss: labelLengths must have one entry per line ` +
      `(${padded.length}), but got ${lengths.length}.`);
  }
  return padded.map((row, i) => {
    const n = lengths[i];
    if (!Number.isInteger(n) || n < 0 || n > row.length) {
      throw new RangeError(
        `ctcLoss: labelLengths[${i}] must be an integer in ` +
        `[0, ${row.length}], but got ${n}.`);
    }
    return Array.from(row).slice(0, n);
  });
}

function reduceLosses(
    perLine: tf.Tensor1D, plan: CtcPlan, reduction: CtcReduction,
    zeroInfinity: boolean): tf.Tensor {
  const losses = zeroInfinity ?
    tf.where(tf.isInf(perLine), tf.zerosLike(perLine), perLine) : perLine;
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return losses.sum();
  const lengths = Float32Array.from(plan.labelLengths, (n) => Math.max(n, 1));
  return losses.div(tf.tensor1d(lengths)).mean();
}

/** Per-line losses as a differentiable function of [T,B,V], in JS. */
function jsNegLogLikelihood(plan: CtcPlan): (x: tf.Tensor) => tf.Tensor {
  return tf.customGrad((x) => {
    const data = (x as tf.Tensor).dataSync() as Float32Array;
    const forward = ctcLossJs(data, plan);
    const value = tf.tensor1d(Float32Array.from(forward.losses));
    const gradFunc = (dy: tf.Tensor | tf.Tensor[]) => {
      const dyData = (dy as tf.Tensor).dataSync();
      const grad = ctcGradientJs(data, plan, forward, dyData);
      return tf.tensor3d(grad, [plan.T, plan.B, plan.V]);
    };
    return { value, gradFunc };
  });
}

/** Per-line losses as a differentiable function of [T,B,V], in tf ops. */
function opsNegLogLikelihood(plan: CtcPlan): (x: tf.Tensor) => tf.Tensor {
  return tf.customGrad((x, save) => {
    const [emit, alphas, logLik] = tf.tidy(() => {
      const emitTBS = gatherEmissions(x as tf.Tensor3D, plan);
      const alphaTBS = ctcAlphas(emitTBS, plan);
      return [emitTBS, alphaTBS, finalLogLikelihood(alphaTBS, plan)];
    });
    (save as tf.GradSaveFunc)([emit, alphas, logLik]);
    const value = tf.neg(logLik);
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
      tf.tidy(() => ctcGradient(dy as tf.Tensor1D, saved, plan));
    tf.dispose([emit, alphas, logLik]);
    return { value, gradFunc };
  });
}

/** Log-probability of each extended-label state at each step: [T,B,S]. */
function gatherEmissions(x: tf.Tensor3D, plan: CtcPlan): tf.Tensor3D {
  // NOTE: a flat gather, because tf.gather with batchDims gives wrong
  // values on the wasm backend of tfjs 4.22.
  const { B, T, S, V } = plan;
  const index = new Int32Array(T * B * S);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const row = (t * B + b) * V;
      const out = (t * B + b) * S;
      for (let s = 0; s < S; s++) {
        index[out + s] = row + plan.extended[b * S + s];
      }
    }
  }
  const flat = tf.gather(x.reshape([T * B * V]), tf.tensor1d(index, 'int32'));
  return flat.reshape([T, B, S]);
}

/** log p(labels) per line from the last alphas: [B]. */
function finalLogLikelihood(alphaTBS: tf.Tensor3D, plan: CtcPlan): tf.Tensor1D {
  const last = alphaTBS.slice([plan.T - 1, 0, 0], [1, plan.B, plan.S])
      .squeeze([0]);
  const isFinal = tf.tensor2d(plan.finalMask, [plan.B, plan.S], 'bool');
  const masked = tf.where(isFinal, last, tf.fill(last.shape, -Infinity));
  return safeLogSumExp(masked, 1) as tf.Tensor1D;
}

/**
 * d(sum_b dy_b * loss_b)/dx = -dy_b * occupancy(t, k): the posterior mass
 * of symbol k at step t, summed over the states that emit k.
 */
function ctcGradient(
    dy: tf.Tensor1D, saved: tf.Tensor[], plan: CtcPlan): tf.Tensor {
  const [emit, alphas, logLik] = saved;
  const betas = ctcBetas(emit as tf.Tensor3D, plan);
  const finite = tf.isFinite(logLik);
  const logLikSafe = tf.where(finite, logLik, tf.zerosLike(logLik));
  const logGamma = alphas.add(betas).sub(logLikSafe.reshape([1, plan.B, 1]));
  const timeMask = tf.tensor3d(plan.timeMask, [plan.T, plan.B, 1]);
  const gammaTBS = tf.exp(logGamma).mul(timeMask);
  const gammaBTS = gammaTBS.transpose([1, 0, 2]); // [T,B,S] -> [B,T,S]
  const oneHot = tf.oneHot(
      tf.tensor2d(plan.extended, [plan.B, plan.S], 'int32'), plan.V);
  const occupancy = tf.matMul(gammaBTS as tf.Tensor3D, oneHot) // [B,T,V]
      .transpose([1, 0, 2]); // [B,T,V] -> [T,B,V]
  const scale = tf.where(finite, dy.neg(), tf.zerosLike(dy));
  return occupancy.mul(scale.reshape([1, plan.B, 1]));
}
