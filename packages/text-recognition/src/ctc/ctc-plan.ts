// The constant part of a CTC batch: the blank-extended label sequences and
// the masks the recursions need, built once in plain arrays.

/** Sizes and masks for one batch of CTC lines; flat row-major arrays. */
export interface CtcPlan {
  readonly T: number;
  readonly B: number;
  readonly V: number;
  /** States per line: 2 * (longest label) + 1, at least 3. */
  readonly S: number;
  readonly blank: number;
  /** Blank-extended labels, [B, S]; padded with the blank. */
  readonly extended: Int32Array;
  /** State s may be entered from s - 2 (a non-repeated label), [B, S]. */
  readonly skipFrom: Uint8Array;
  /** State s may move on to s + 2, [B, S]. */
  readonly skipTo: Uint8Array;
  /** States a path may start in, [B, S]. */
  readonly initMask: Uint8Array;
  /** States a path may end in, [B, S]. */
  readonly finalMask: Uint8Array;
  /** 1 where t < inputLengths[b], [T, B]. */
  readonly timeMask: Float32Array;
  readonly inputLengths: Int32Array;
  readonly labelLengths: Int32Array;
}

export interface PlanSizes {
  T: number;
  B: number;
  V: number;
  blank: number;
}

/** Validates a batch's labels and lengths and builds its plan. */
export function buildCtcPlan(
    labels: readonly ArrayLike<number>[], inputLengths: ArrayLike<number>,
    sizes: PlanSizes): CtcPlan {
  const { T, B, V, blank } = sizes;
  checkSizes(labels, inputLengths, sizes);
  let longest = 0;
  for (const row of labels) longest = Math.max(longest, row.length);
  const S = Math.max(2 * longest + 1, 3);
  const plan = {
    T, B, V, S, blank,
    extended: new Int32Array(B * S).fill(blank),
    skipFrom: new Uint8Array(B * S),
    skipTo: new Uint8Array(B * S),
    initMask: new Uint8Array(B * S),
    finalMask: new Uint8Array(B * S),
    timeMask: new Float32Array(T * B),
    inputLengths: Int32Array.from(inputLengths),
    labelLengths: Int32Array.from(labels, (row) => row.length),
  };
  for (let b = 0; b < B; b++) fillLine(plan, b, labels[b]);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      plan.timeMask[t * B + b] = t < plan.inputLengths[b] ? 1 : 0;
    }
  }
  return plan;
}

function fillLine(plan: CtcPlan, b: number, row: ArrayLike<number>): void {
  const { S } = plan;
  const base = b * S;
  const n = row.length;
  for (let i = 0; i < n; i++) plan.extended[base + 2 * i + 1] = row[i];
  for (let s = 3; s < 2 * n + 1; s += 2) {
    if (plan.extended[base + s] !== plan.extended[base + s - 2]) {
      plan.skipFrom[base + s] = 1;
      plan.skipTo[base + s - 2] = 1;
    }
  }
  plan.initMask[base] = 1;
  plan.finalMask[base + 2 * n] = 1;
  if (n > 0) {
    plan.initMask[base + 1] = 1;
    plan.finalMask[base + 2 * n - 1] = 1;
  }
}

function checkSizes(
    labels: readonly ArrayLike<number>[], inputLengths: ArrayLike<number>,
    sizes: PlanSizes): void {
  const { T, B, V, blank } = sizes;
  if (!Number.isInteger(blank) || blank < 0 || blank >= V) {
    throw new RangeError(
      `ctcLoss: blank must be an integer in [0, ${V}), but got ${blank}.`);
  }
  if (labels.length !== B || inputLengths.length !== B) {
    throw new Error(
      `ctcLoss: labels and inputLengths need one entry per line (${B}), ` +
      `but got ${labels.length} and ${inputLengths.length}.`);
  }
  for (let b = 0; b < B; b++) {
    const n = inputLengths[b];
    if (!Number.isInteger(n) || n < 1 || n > T) {
      throw new RangeError(
        `ctcLoss: inputLengths[${b}] must be an integer in [1, ${T}], ` +
        `but got ${n}.`);
    }
    for (let i = 0; i < labels[b].length; i++) {
      const id = labels[b][i];
      if (!Number.isInteger(id) || id < 0 || id >= V || id === blank) {
        throw new RangeError(
          `ctcLoss: labels[${b}][${i}] must be a symbol id in [0, ${V}) ` +
          `other than the blank ${blank}, but got ${id}.`);
      }
    }
  }
}
