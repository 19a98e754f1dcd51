/**
 * A new classifier per episode on frozen support features, many episodes
 * at once. S2M2 (Mangla et al., WACV 2020), arXiv 1907.12087.
 */
import * as tf from '@tensorflow/tfjs-core';

import type { Rng } from '@mixup/core';

import { l2Normalize } from './heads.js';

/**
 * 'cosine': S2M2's cosine classifier (normalised features and weights,
 * times a scale) trained on the support set with Adam; 'prototype': the
 * nearest class mean by cosine similarity, no training (a fast option).
 */
export type EpisodeClassifierKind = 'cosine' | 'prototype';

export const EPISODE_CLASSIFIERS: readonly EpisodeClassifierKind[] =
  Object.freeze(['cosine', 'prototype']);

export interface EpisodeClassifierArgs {
  /** @default 'cosine' */
  kind?: EpisodeClassifierKind;
  /** Adam steps on the support set. @default 100 */
  steps?: number;
  /** Adam's rate. @default 0.05 */
  lr?: number;
  /** Cosine logit scale. @default 10 */
  scale?: number;
}

/** E episodes' features, all of one shape. */
export interface EpisodeBatch {
  /** Support features [E, S, D]. */
  support: Float32Array;
  /** Labels in [0, nWay), [E * S]. */
  supportLabels: Int32Array;
  /** Query features [E, Q, D]. */
  query: Float32Array;
  queryLabels: Int32Array;
  episodes: number;
  nWay: number;
  featureSize: number;
}

function oneHot3d(labels: Int32Array, e: number, nWay: number): tf.Tensor3D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), nWay)
    .toFloat().reshape([e, labels.length / e, nWay])) as tf.Tensor3D;
}

/** Class means of the support set, normalised: [E, D, nWay]. */
function prototypes(support: tf.Tensor3D, y: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const sums = tf.matMul(support, y, true, false); // [E,D,S]x[E,S,W]
    return l2Normalize(sums, 1);
  }) as tf.Tensor3D;
}

function cosineLogits(features: tf.Tensor3D, weight: tf.Tensor3D,
    scale: number): tf.Tensor3D {
  return tf.tidy(() =>
    tf.matMul(l2Normalize(features), l2Normalize(weight, 1)).mul(scale)) as
    tf.Tensor3D;
}

function trainCosine(support: tf.Tensor3D, y: tf.Tensor3D,
    args: Required<Omit<EpisodeClassifierArgs, 'kind'>>, rng: Rng):
    tf.Tensor3D {
  const [e, , d] = support.shape;
  const nWay = y.shape[2];
  const init = tf.randomNormal([e, d, nWay], 0, 1 / Math.sqrt(d), 'float32',
    rng.seed());
  const weight = tf.variable(init);
  init.dispose();
  const optimizer = tf.train.adam(args.lr, 0.9, 0.999, 1e-8);
  for (let step = 0; step < args.steps; step++) {
    tf.tidy(() => { optimizer.minimize(() => {
      const logits = cosineLogits(support, weight as tf.Tensor3D, args.scale);
      // Sum over episodes of each episode's mean loss: independent problems.
      return tf.losses.softmaxCrossEntropy(y, logits).mul(e) as tf.Scalar;
    }, false, [weight]); });
  }
  optimizer.dispose();
  return weight as tf.Tensor as tf.Tensor3D;
}

/**
 * Fits one classifier per episode on its support features and scores its
 * queries.
 *
 * @param rng Seeds the cosine classifiers' initial weights.
 * @returns Query accuracy of each episode, [E] in [0, 1].
 */
export function classifyEpisodes(batch: EpisodeBatch, rng: Rng,
    args: EpisodeClassifierArgs = {}): Float64Array {
  const kind = args.kind ?? 'cosine';
  if (!EPISODE_CLASSIFIERS.includes(kind)) {
    throw new RangeError(`classifyEpisodes: kind must be one of ` +
      `${EPISODE_CLASSIFIERS.join(', ')}, but got '${kind}'.`);
  }
  const { episodes: e, nWay, featureSize: d } = batch;
  const s = batch.supportLabels.length / e;
  const q = batch.queryLabels.length / e;
  if (batch.support.length !== e * s * d || batch.query.length !== e * q * d) {
    throw new Error(`classifyEpisodes: features must be [E, S, D] and ` +
      `[E, Q, D] for E=${e}, S=${s}, Q=${q}, D=${d}, but got ` +
      `${batch.support.length} and ${batch.query.length} values.`);
  }
  const full = { steps: 100, lr: 0.05, scale: 10, ...args };
  const support = tf.tensor3d(batch.support, [e, s, d]);
  const query = tf.tensor3d(batch.query, [e, q, d]);
  const y = oneHot3d(batch.supportLabels, e, nWay);
  const weight = kind === 'prototype' ? prototypes(support, y) :
      trainCosine(support, y, full, rng);
  const predicted = tf.tidy(() =>
    cosineLogits(query, weight, full.scale).argMax(2));
  tf.dispose([support, query, y, weight]);
  const guesses = predicted.dataSync();
  predicted.dispose();
  const acc = new Float64Array(e);
  for (let i = 0; i < e * q; i++) {
    if (guesses[i] === batch.queryLabels[i]) acc[Math.floor(i / q)] += 1;
  }
  return acc.map((hits) => hits / q);
}
