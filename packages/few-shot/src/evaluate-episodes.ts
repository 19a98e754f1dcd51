/**
 * Few-shot evaluation: many N-way K-shot episodes over frozen features,
 * a new classifier each. S2M2 (Mangla et al.), arXiv 1907.12087.
 */
import type { Rng } from '@mixup/core';

import { meanInterval, type MeanInterval } from './confidence-interval.js';
import {
  classifyEpisodes, type EpisodeBatch, type EpisodeClassifierArgs,
} from './episode-classifier.js';
import {
  createEpisodeSampler, type Episode, type EpisodeArgs,
} from './episode-sampler.js';

export interface EvaluateEpisodesArgs extends EpisodeArgs {
  /** @default 1000 */
  episodes?: number;
  /** Episodes fitted together. @default 250 */
  chunk?: number;
  classifier?: EpisodeClassifierArgs;
}

export interface EpisodeResult extends MeanInterval {
  nWay: number;
  kShot: number;
  nQuery: number;
  /** Query accuracy of every episode, in [0, 1]. */
  accuracies: Float64Array;
}

function gather(features: Float32Array, d: number,
    items: readonly Int32Array[]): Float32Array {
  const out = new Float32Array(items.reduce((n, a) => n + a.length, 0) * d);
  let row = 0;
  for (const list of items) {
    for (const item of list) {
      out.set(features.subarray(item * d, (item + 1) * d), row * d);
      row++;
    }
  }
  return out;
}

/** Packs episodes' features for `classifyEpisodes`. */
export function episodeBatch(features: Float32Array, featureSize: number,
    episodes: readonly Episode[], nWay: number): EpisodeBatch {
  const join = (pick: (e: Episode) => Int32Array) => {
    const parts = episodes.map(pick);
    const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  };
  return {
    support: gather(features, featureSize, episodes.map((e) => e.support)),
    supportLabels: join((e) => e.supportLabels),
    query: gather(features, featureSize, episodes.map((e) => e.query)),
    queryLabels: join((e) => e.queryLabels),
    episodes: episodes.length, nWay, featureSize,
  };
}

/**
 * Draws `episodes` episodes from the items' classes with the run's
 * generator, fits a classifier on each support set and reports the mean
 * query accuracy with its 95% interval.
 *
 * @param features Frozen features [N, D] of the novel items.
 * @param labels Class of each item, [N].
 */
export function evaluateEpisodes(features: Float32Array, featureSize: number,
    labels: ArrayLike<number>, rng: Rng,
    args: EvaluateEpisodesArgs): EpisodeResult {
  const count = args.episodes ?? 1000;
  const chunk = args.chunk ?? 250;
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`evaluateEpisodes: episodes must be an integer ` +
      `>= 1, but got ${count}.`);
  }
  if (features.length !== labels.length * featureSize) {
    throw new Error(`evaluateEpisodes: features must be [N, D] = ` +
      `[${labels.length}, ${featureSize}], but got ${features.length} ` +
      'values.');
  }
  const sampler = createEpisodeSampler(labels, args);
  const accuracies = new Float64Array(count);
  for (let from = 0; from < count; from += chunk) {
    const episodes = Array.from({ length: Math.min(chunk, count - from) },
      () => sampler.sample(rng));
    const batch = episodeBatch(features, featureSize, episodes, args.nWay);
    accuracies.set(classifyEpisodes(batch, rng, args.classifier), from);
  }
  return { ...meanInterval(accuracies), nWay: args.nWay, kShot: args.kShot,
    nQuery: sampler.nQuery, accuracies };
}
