/**
 * Classifier heads on backbone features: S2M2's cosine classifier and a
 * linear one. S2M2 (Mangla et al., WACV 2020), arXiv 1907.12087.
 */
import * as tf from '@tensorflow/tfjs-core';

import type { Rng } from '@mixup/core';

/** 'cosine': normalised features and weights times a scale. */
export type HeadKind = 'cosine' | 'linear';

export const HEAD_KINDS: readonly HeadKind[] =
  Object.freeze(['cosine', 'linear']);

export interface HeadArgs {
  /** @default 'cosine' */
  kind?: HeadKind;
  /** Scale of cosine logits (S2M2 uses 10 past 200 classes). @default 10 */
  scale?: number;
  /** Variable name prefix, unique per head. @default 'head' */
  name?: string;
}

/** A head kept as plain variables and applied in the train step. */
export interface Head {
  readonly kind: HeadKind;
  readonly inputSize: number;
  readonly numClasses: number;
  /** Trainable variables in a stable order. */
  readonly variables: readonly tf.Variable[];
  /**
   * @param features Backbone features, shape [B, D], float32.
   * @returns Logits, shape [B, K].
   */
  apply(features: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/**
 * Row-normalises `x` to unit L2 norm (a small epsilon keeps zero rows
 * finite).
 *
 * @param x Shape [..., D].
 */
export function l2Normalize<T extends tf.Tensor>(x: T, axis = -1): T {
  return tf.tidy(() =>
    x.div(x.square().sum(axis, true).add(1e-12).sqrt())) as T;
}

let headCount = 0;

function zeroVariable(n: number, name: string): tf.Variable {
  const zeros = tf.zeros([n]);
  const bias = tf.variable(zeros, true, `${name}/bias`);
  zeros.dispose();
  return bias;
}

/**
 * Creates a head from D features to K classes, weights drawn from
 * N(0, 1/D) by the run's generator.
 *
 * @param inputSize D, the feature width.
 * @param numClasses K.
 */
export function createHead(rng: Rng, inputSize: number, numClasses: number,
    args: HeadArgs = {}): Head {
  const kind = args.kind ?? 'cosine';
  const scale = args.scale ?? 10;
  if (!HEAD_KINDS.includes(kind)) {
    throw new RangeError(
      `createHead: kind must be one of ${HEAD_KINDS.join(', ')}, but got ` +
      `'${kind}'.`);
  }
  for (const [what, n] of [['inputSize', inputSize],
    ['numClasses', numClasses]] as const) {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(
        `createHead: ${what} must be an integer >= 1, but got ${n}.`);
    }
  }
  if (!(scale > 0)) {
    throw new RangeError(`createHead: scale must be > 0, but got ${scale}.`);
  }
  const name = `${args.name ?? 'head'}_${headCount++}`;
  const init = tf.randomNormal([inputSize, numClasses], 0,
    1 / Math.sqrt(inputSize), 'float32', rng.seed());
  const weight = tf.variable(init, true, `${name}/weight`);
  init.dispose();
  const bias = kind === 'linear' ? zeroVariable(numClasses, name) : null;
  return {
    kind, inputSize, numClasses,
    variables: bias === null ? [weight] : [weight, bias],
    apply(features: tf.Tensor2D): tf.Tensor2D {
      return tf.tidy(() => {
        if (bias !== null) return features.matMul(weight).add(bias);
        const cos = l2Normalize(features).matMul(l2Normalize(weight, 0));
        return cos.mul(scale) as tf.Tensor2D;
      });
    },
    dispose(): void {
      tf.dispose(bias === null ? [weight] : [weight, bias]);
    },
  };
}
