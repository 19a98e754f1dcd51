// The CTC forward (alpha) and backward (beta) recursions over time, in log
// space, vectorised over lines and states: one small group of ops per step.
import * as tf from '@tensorflow/tfjs-core';

import '../util/register-ops.js';

import type { CtcPlan } from './ctc-plan.js';

/**
 * log(sum(exp(x))) along `axis`, giving -Infinity (not NaN) where every
 * entry is -Infinity. tf.logSumExp subtracts the max, and -inf - -inf is
 * NaN, so the max is replaced by 0 where it is not finite.
 */
export function safeLogSumExp(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.tidy(() => {
    const max = tf.max(x, axis, true);
    const maxSafe = tf.where(tf.isFinite(max), max, tf.zerosLike(max));
    const sum = tf.exp(x.sub(maxSafe)).sum(axis);
    return tf.log(sum).add(maxSafe.squeeze([axis]));
  });
}

/** Elementwise log(exp(a) + exp(b) + exp(c)), -Infinity when all are. */
function logAddExp3(a: tf.Tensor2D, b: tf.Tensor2D, c: tf.Tensor2D,
    zeros: tf.Tensor2D): tf.Tensor2D {
  const max = tf.maximum(tf.maximum(a, b), c);
  const maxSafe = tf.where(tf.isFinite(max), max, zeros);
  const sum = tf.exp(a.sub(maxSafe)).add(tf.exp(b.sub(maxSafe)))
      .add(tf.exp(c.sub(maxSafe)));
  return tf.log(sum).add(maxSafe) as tf.Tensor2D;
}

/**
 * alpha_t(s) = log P(prefix of the extended labels up to state s, emitted
 * by steps 0..t), including the emission at t. Frozen after a line's last
 * valid step, so alpha at T - 1 is the value at inputLengths - 1.
 *
 * @param emit Emission log-probabilities per state, [T, B, S].
 * @returns Alphas, [T, B, S].
 */
export function ctcAlphas(emit: tf.Tensor3D, plan: CtcPlan): tf.Tensor3D {
  return tf.tidy(() => {
    const { B, S, T } = plan;
    const steps = tf.unstack(emit) as tf.Tensor2D[]; // T x [B,S]
    const negInf = tf.fill([B, S], -Infinity) as tf.Tensor2D;
    const zeros = tf.zeros([B, S]) as tf.Tensor2D;
    const skipFrom = tf.tensor2d(plan.skipFrom, [B, S], 'bool');
    const init = tf.tensor2d(plan.initMask, [B, S], 'bool');
    let alpha = tf.where(init, steps[0], negInf) as tf.Tensor2D;
    const alphas = [alpha];
    for (let t = 1; t < T; t++) {
      const stay = alpha;
      const advance = shiftRight(alpha, 1, negInf);
      const skip = tf.where(skipFrom, shiftRight(alpha, 2, negInf), negInf);
      const next = logAddExp3(stay, advance, skip, zeros)
          .add(steps[t]) as tf.Tensor2D;
      alpha = keepWhere(activeLines(plan, (n) => t < n), next, alpha);
      alphas.push(alpha);
    }
    return tf.stack(alphas) as tf.Tensor3D;
  });
}

/**
 * beta_t(s) = log P(the rest of the extended labels after state s, emitted
 * by steps t+1..inputLength-1), excluding the emission at t; 0 in the
 * final states from the last valid step on.
 *
 * @param emit Emission log-probabilities per state, [T, B, S].
 * @returns Betas, [T, B, S].
 */
export function ctcBetas(emit: tf.Tensor3D, plan: CtcPlan): tf.Tensor3D {
  return tf.tidy(() => {
    const { B, S, T } = plan;
    const steps = tf.unstack(emit) as tf.Tensor2D[];
    const negInf = tf.fill([B, S], -Infinity) as tf.Tensor2D;
    const zeros = tf.zeros([B, S]) as tf.Tensor2D;
    const skipTo = tf.tensor2d(plan.skipTo, [B, S], 'bool');
    const final = tf.tensor2d(plan.finalMask, [B, S], 'bool');
    const init = tf.where(final, zeros, negInf) as tf.Tensor2D;
    let beta = init;
    const betas = [beta];
    for (let t = T - 2; t >= 0; t--) {
      const path = beta.add(steps[t + 1]) as tf.Tensor2D;
      const advance = shiftLeft(path, 1, negInf);
      const skip = tf.where(skipTo, shiftLeft(path, 2, negInf), negInf);
      const next = logAddExp3(path, advance, skip, zeros);
      beta = keepWhere(
          activeLines(plan, (n) => t < n - 1), next as tf.Tensor2D, init);
      betas.push(beta);
    }
    return tf.stack(betas.reverse()) as tf.Tensor3D;
  });
}

/** Per-line flags [B, 1], or null when every line is active. */
function activeLines(
    plan: CtcPlan, isActive: (inputLength: number) => boolean): tf.Tensor |
    null {
  const flags = Uint8Array.from(plan.inputLengths, (n) => +isActive(n));
  if (flags.every((f) => f === 1)) return null;
  return tf.tensor2d(flags, [plan.B, 1], 'bool');
}

function keepWhere(
    active: tf.Tensor | null, next: tf.Tensor2D,
    otherwise: tf.Tensor2D): tf.Tensor2D {
  if (active === null) return next;
  return tf.where(active, next, otherwise) as tf.Tensor2D;
}

/** x moved k states to the right along axis 1, filled with -Infinity. */
function shiftRight(
    x: tf.Tensor2D, k: number, negInf: tf.Tensor2D): tf.Tensor2D {
  const [b, s] = x.shape;
  return tf.concat(
      [negInf.slice([0, 0], [b, k]), x.slice([0, 0], [b, s - k])], 1);
}

/** x moved k states to the left along axis 1, filled with -Infinity. */
function shiftLeft(
    x: tf.Tensor2D, k: number, negInf: tf.Tensor2D): tf.Tensor2D {
  const [b, s] = x.shape;
  return tf.concat(
      [x.slice([0, k], [b, s - k]), negInf.slice([0, 0], [b, k])], 1);
}
