// The CTC forward-backward recursions in plain JavaScript (float64), one
// line at a time: far fewer kernel launches than the tensor-op version,
// which makes it the faster choice on the cpu and wasm backends.
import type { CtcPlan } from './ctc-plan.js';

/** log(exp(a) + exp(b)) without NaN when both are -Infinity. */
function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) :
    b + Math.log1p(Math.exp(a - b));
}

/** Alphas of line b, [inputLength, S], including the emission at t. */
function lineAlphas(logProbs: Float32Array, plan: CtcPlan, b: number) {
  const { B, V, S } = plan;
  const len = plan.inputLengths[b];
  const states = 2 * plan.labelLengths[b] + 1;
  const ext = plan.extended.subarray(b * S, b * S + S);
  const skip = plan.skipFrom.subarray(b * S, b * S + S);
  const alpha = new Float64Array(len * S).fill(-Infinity);
  const at = (t: number, s: number) => logProbs[(t * B + b) * V + ext[s]];
  alpha[0] = at(0, 0);
  if (states > 1) alpha[1] = at(0, 1);
  for (let t = 1; t < len; t++) {
    const prev = (t - 1) * S;
    for (let s = 0; s < states; s++) {
      let v = alpha[prev + s];
      if (s > 0) v = logAdd(v, alpha[prev + s - 1]);
      if (skip[s] === 1) v = logAdd(v, alpha[prev + s - 2]);
      alpha[t * S + s] = v + at(t, s);
    }
  }
  return alpha;
}

/** Betas of line b, [inputLength, S], excluding the emission at t. */
function lineBetas(logProbs: Float32Array, plan: CtcPlan, b: number) {
  const { B, V, S } = plan;
  const len = plan.inputLengths[b];
  const states = 2 * plan.labelLengths[b] + 1;
  const ext = plan.extended.subarray(b * S, b * S + S);
  const skipTo = plan.skipTo.subarray(b * S, b * S + S);
  const beta = new Float64Array(len * S).fill(-Infinity);
  beta[(len - 1) * S + states - 1] = 0;
  if (states > 1) beta[(len - 1) * S + states - 2] = 0;
  const path = new Float64Array(states);
  for (let t = len - 2; t >= 0; t--) {
    const next = (t + 1) * S;
    for (let s = 0; s < states; s++) {
      path[s] = beta[next + s] + logProbs[((t + 1) * B + b) * V + ext[s]];
    }
    for (let s = 0; s < states; s++) {
      let v = path[s];
      if (s + 1 < states) v = logAdd(v, path[s + 1]);
      if (skipTo[s] === 1) v = logAdd(v, path[s + 2]);
      beta[t * S + s] = v;
    }
  }
  return beta;
}

function lineLogLikelihood(alpha: Float64Array, plan: CtcPlan, b: number) {
  const { S } = plan;
  const last = (plan.inputLengths[b] - 1) * S;
  const states = 2 * plan.labelLengths[b] + 1;
  const end = alpha[last + states - 1];
  return states > 1 ? logAdd(end, alpha[last + states - 2]) : end;
}

/** The forward pass of a batch: its alphas, kept for the gradient. */
export interface CtcForwardJs {
  /** Per-line losses [B]; Infinity where no alignment exists. */
  readonly losses: Float64Array;
  readonly alphas: readonly Float64Array[];
}

/**
 * -log p(labels) per line.
 *
 * @param logProbs Flat [T, B, V] log-probabilities.
 */
export function ctcLossJs(logProbs: Float32Array, plan: CtcPlan): CtcForwardJs {
  const losses = new Float64Array(plan.B);
  const alphas: Float64Array[] = [];
  for (let b = 0; b < plan.B; b++) {
    alphas.push(lineAlphas(logProbs, plan, b));
    losses[b] = -lineLogLikelihood(alphas[b], plan, b);
  }
  return { losses, alphas };
}

/**
 * d(sum_b dy_b * loss_b)/d logProbs, flat [T, B, V]: minus dy_b times the
 * posterior occupancy of each symbol. Zero for lines without an alignment
 * and for steps past a line's input length.
 *
 * @param dy Upstream gradient per line, [B].
 */
export function ctcGradientJs(
    logProbs: Float32Array, plan: CtcPlan, forward: CtcForwardJs,
    dy: ArrayLike<number>): Float32Array {
  const { B, V, S } = plan;
  const grad = new Float32Array(plan.T * B * V);
  for (let b = 0; b < B; b++) {
    const alpha = forward.alphas[b];
    const logLik = -forward.losses[b];
    if (!Number.isFinite(logLik) || dy[b] === 0) continue;
    const beta = lineBetas(logProbs, plan, b);
    const states = 2 * plan.labelLengths[b] + 1;
    const ext = plan.extended.subarray(b * S, b * S + S);
    for (let t = 0; t < plan.inputLengths[b]; t++) {
      const row = (t * B + b) * V;
      for (let s = 0; s < states; s++) {
        const logGamma = alpha[t * S + s] + beta[t * S + s] - logLik;
        if (logGamma !== -Infinity) {
          grad[row + ext[s]] -= dy[b] * Math.exp(logGamma);
        }
      }
    }
  }
  return grad;
}
