import { createMethod, type Method } from '@mixup/core';

import { scaleToInput, type AugmentArgs } from './augment.js';

/** The networks this package builds. */
export const NETWORK_NAMES = ['preact18', 'preact34', 'wrn28'] as const;
export type NetworkName = typeof NETWORK_NAMES[number];

/** The training methods of the paper's image-classification tables. */
export const CLASSIFY_METHODS =
  ['erm', 'dropout', 'cutout', 'input', 'manifold'] as const;
export type ClassifyMethod = typeof CLASSIFY_METHODS[number];

/** One image-classification run; the CLI flags map onto it. */
export interface ClassifyArgs {
  /** @default 'preact18' */
  network?: NetworkName;
  /** Base width: preact stages use w..8w; WRN's stem. @default 64 or 16 */
  width?: number;
  /** WRN's widening factor k. @default 10 */
  widen?: number;
  /** @default 'erm' */
  method?: ClassifyMethod;
  /** Beta(alpha, alpha); @default 1 for 'input', 2 for 'manifold' */
  alpha?: number;
  /** Manifold Mixup's S. @default [0, 1, 2] */
  mixPoints?: number[];
  /** The 'dropout' method's rate. @default 0.5 (the core's) */
  dropoutRate?: number;
  /** The 'cutout' method's square side; 16 at 32 px. @default scaled */
  cutoutSize?: number;
  /** Random-crop padding; 4 at 32 px. @default scaled */
  padding?: number;
  /** Horizontal flips. @default true */
  flip?: boolean;
  /** @default 200 */
  epochs?: number;
  /** @default 100 (the official code's) */
  batchSize?: number;
  /** @default 0.1 */
  lr?: number;
  /** @default 1e-4 */
  weightDecay?: number;
  /** 0-based epochs where lr drops x0.1. @default 50% and 75% of epochs */
  milestones?: number[];
  /** @default 1 */
  seed?: number;
  /** Use only the first N training examples; 0 = all. @default 0 */
  limit?: number;
  /** Use only the first N test examples; 0 = all. @default 0 */
  testLimit?: number;
  /** Evaluate on the test set every N epochs and after the last. @default 1 */
  evalEvery?: number;
  /** FGSM step on the [0, 1] scale; 0 = skip. @default 0.03 */
  fgsmEpsilon?: number;
  /** Attack only the first N test examples; 0 = all. @default 0 */
  fgsmLimit?: number;
  /** K. @default 10 */
  numClasses?: number;
}

export type ResolvedClassifyArgs = Required<ClassifyArgs>;

export const DEFAULT_CLASSIFY_ARGS: Readonly<ClassifyArgs> = Object.freeze({
  network: 'preact18', widen: 10, method: 'erm', mixPoints: [0, 1, 2],
  flip: true, epochs: 200, batchSize: 100, lr: 0.1, weightDecay: 1e-4,
  seed: 1, limit: 0, testLimit: 0, evalEvery: 1, fgsmEpsilon: 0.03,
  fgsmLimit: 0, numClasses: 10,
});

/** The official step schedule: x0.1 at half and three quarters. */
export function defaultMilestones(epochs: number): number[] {
  const marks = [Math.floor(epochs * 0.5), Math.floor(epochs * 0.75)];
  return [...new Set(marks.filter((m) => m >= 1))];
}

function check(ok: boolean, rule: string, value: unknown): void {
  if (!ok) {
    throw new RangeError(
      `resolveClassifyArgs: ${rule}, but got ${JSON.stringify(value)}.`);
  }
}

/**
 * Completes and validates a run's arguments for an input of side `side`
 * (pixel sizes set for 32 px CIFAR scale to it).
 */
export function resolveClassifyArgs(args: ClassifyArgs,
    side: number): ResolvedClassifyArgs {
  const a = { ...DEFAULT_CLASSIFY_ARGS, ...args } as ClassifyArgs;
  check((NETWORK_NAMES as readonly string[]).includes(a.network!),
    `network must be one of ${NETWORK_NAMES.join(', ')}`, a.network);
  check((CLASSIFY_METHODS as readonly string[]).includes(a.method!),
    `method must be one of ${CLASSIFY_METHODS.join(', ')}`, a.method);
  const epochs = a.epochs!;
  check(Number.isInteger(epochs) && epochs >= 1,
    'epochs must be an integer >= 1', epochs);
  const resolved: ResolvedClassifyArgs = {
    ...(a as Required<ClassifyArgs>),
    width: a.width ?? (a.network === 'wrn28' ? 16 : 64),
    alpha: a.alpha ?? (a.method === 'input' ? 1 : 2),
    dropoutRate: a.dropoutRate ?? 0.5,
    cutoutSize: a.cutoutSize ?? scaleToInput(16, side),
    padding: a.padding ?? scaleToInput(4, side),
    milestones: a.milestones ?? defaultMilestones(epochs),
  };
  for (const key of ['width', 'widen', 'batchSize', 'evalEvery'] as const) {
    check(Number.isInteger(resolved[key]) && resolved[key] >= 1,
      `${key} must be an integer >= 1`, resolved[key]);
  }
  for (const key of ['limit', 'testLimit', 'fgsmLimit', 'cutoutSize',
    'padding'] as const) {
    check(Number.isInteger(resolved[key]) && resolved[key] >= 0,
      `${key} must be an integer >= 0`, resolved[key]);
  }
  check(resolved.lr > 0, 'lr must be > 0', resolved.lr);
  check(resolved.weightDecay >= 0, 'weightDecay must be >= 0',
    resolved.weightDecay);
  check(resolved.fgsmEpsilon >= 0, 'fgsmEpsilon must be >= 0',
    resolved.fgsmEpsilon);
  return resolved;
}

/** The core method a run trains with (cutout is ERM plus cutout). */
export function methodOf(args: ResolvedClassifyArgs): Method {
  switch (args.method) {
    case 'input':
      return createMethod('input', { alpha: args.alpha });
    case 'manifold':
      return createMethod('manifold',
        { alpha: args.alpha, mixPoints: args.mixPoints });
    case 'dropout':
      return createMethod('dropout', { dropoutRate: args.dropoutRate });
    default:
      return createMethod('erm');
  }
}

/** The augmentation a run uses: cutout only for the 'cutout' method. */
export function augmentOf(args: ResolvedClassifyArgs): AugmentArgs {
  return {
    padding: args.padding, flip: args.flip,
    cutoutSize: args.method === 'cutout' ? args.cutoutSize : 0,
  };
}
