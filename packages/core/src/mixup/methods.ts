/**
 * Training methods as data: which layers may be mixed, how lambda is drawn,
 * and the plain regularisers the Manifold Mixup paper compares against.
 * Manifold Mixup, arXiv 1806.05236 (Verma et al., ICML 2019).
 */

/** How lambda is drawn: once per batch (the paper) or once per example. */
export type LambdaMode = 'batch' | 'example';

/** The methods the core knows by name. */
export type MethodName =
  'erm' | 'input' | 'manifold' | 'dropout' | 'input-noise';

export const METHOD_NAMES: readonly MethodName[] =
  Object.freeze(['erm', 'input', 'manifold', 'dropout', 'input-noise']);

/** A resolved training method. */
export interface Method {
  readonly name: MethodName;
  /** Eligible mix points S; 0 is the input. Empty means no mixing. */
  readonly mixPoints: readonly number[];
  /** Beta(alpha, alpha) parameter for lambda. */
  readonly alpha: number;
  readonly lambdaMode: LambdaMode;
  /** Dropout rate the model builder inserts; 0 = none. */
  readonly dropoutRate: number;
  /** Std of Gaussian noise added to the input while training; 0 = none. */
  readonly inputNoiseStd: number;
}

export interface MethodArgs {
  /** @default [0, 1, 2] for 'manifold'; [0] for 'input'. */
  mixPoints?: readonly number[];
  /** @default 2 for 'manifold', 1 for 'input' (the paper's choices). */
  alpha?: number;
  /** @default 'batch' */
  lambdaMode?: LambdaMode;
  /** @default 0.5 for 'dropout', else 0. */
  dropoutRate?: number;
  /** @default 0.1 for 'input-noise', else 0. */
  inputNoiseStd?: number;
}

const DEFAULTS: Readonly<Record<MethodName, Omit<Method, 'name'>>> = {
  'erm': { mixPoints: [], alpha: 1, lambdaMode: 'batch', dropoutRate: 0,
    inputNoiseStd: 0 },
  'input': { mixPoints: [0], alpha: 1, lambdaMode: 'batch', dropoutRate: 0,
    inputNoiseStd: 0 },
  'manifold': { mixPoints: [0, 1, 2], alpha: 2, lambdaMode: 'batch',
    dropoutRate: 0, inputNoiseStd: 0 },
  'dropout': { mixPoints: [], alpha: 1, lambdaMode: 'batch',
    dropoutRate: 0.5, inputNoiseStd: 0 },
  'input-noise': { mixPoints: [], alpha: 1, lambdaMode: 'batch',
    dropoutRate: 0, inputNoiseStd: 0.1 },
};

/**
 * Resolves a method by name, with the paper's defaults, and validates it.
 *
 * @param name One of `METHOD_NAMES`.
 * @param args Overrides; `mixPoints` is only meaningful for the mixup
 *     methods, and 'input' always mixes at 0 alone.
 */
export function createMethod(name: string, args: MethodArgs = {}): Method {
  if (!(METHOD_NAMES as readonly string[]).includes(name)) {
    throw new RangeError(
      `createMethod: method must be one of ${METHOD_NAMES.join(', ')}, ` +
      `but got '${name}'.`);
  }
  const base = DEFAULTS[name as MethodName];
  const method: Method = { name: name as MethodName, ...base, ...args };
  validateMethod(method);
  return Object.freeze({ ...method, mixPoints: [...method.mixPoints] });
}

function validateMethod(m: Method): void {
  const mixes = m.name === 'input' || m.name === 'manifold';
  if (mixes && m.mixPoints.length === 0) {
    throw new RangeError(
      `createMethod: '${m.name}' needs a non-empty set of mix points, ` +
      `but got [].`);
  }
  if (!mixes && m.mixPoints.length > 0) {
    throw new RangeError(
      `createMethod: '${m.name}' does not mix, but got mix points ` +
      `[${m.mixPoints}].`);
  }
  if (m.name === 'input' && (m.mixPoints.length !== 1 || m.mixPoints[0] !== 0)) {
    throw new RangeError(
      `createMethod: 'input' mixes at layer 0 only, but got ` +
      `[${m.mixPoints}].`);
  }
  for (const k of m.mixPoints) {
    if (!Number.isInteger(k) || k < 0) {
      throw new RangeError(
        `createMethod: mix points must be integers >= 0, but got ${k}.`);
    }
  }
  if (new Set(m.mixPoints).size !== m.mixPoints.length) {
    throw new RangeError(
      `createMethod: mix points must be distinct, but got [${m.mixPoints}].`);
  }
  if (!(m.alpha > 0) || !Number.isFinite(m.alpha)) {
    throw new RangeError(`createMethod: alpha must be > 0, but got ${m.alpha}.`);
  }
  if (m.lambdaMode !== 'batch' && m.lambdaMode !== 'example') {
    throw new RangeError(
      `createMethod: lambdaMode must be 'batch' or 'example', but got ` +
      `'${m.lambdaMode}'.`);
  }
  if (!(m.dropoutRate >= 0 && m.dropoutRate < 1)) {
    throw new RangeError(
      `createMethod: dropoutRate must be in [0, 1), but got ${m.dropoutRate}.`);
  }
  if (!(m.inputNoiseStd >= 0) || !Number.isFinite(m.inputNoiseStd)) {
    throw new RangeError(
      `createMethod: inputNoiseStd must be >= 0, but got ${m.inputNoiseStd}.`);
  }
}

/** True when the method mixes examples. */
export function isMixing(method: Method): boolean {
  return method.mixPoints.length > 0;
}
