/**
 * N-way K-shot episodes drawn from novel classes, as few-shot evaluation
 * uses them (Vinyals et al.; S2M2, arXiv 1907.12087).
 */
import type { Rng } from '@mixup/core';

export interface EpisodeArgs {
  nWay: number;
  kShot: number;
  /** Queries per class. @default 15 */
  nQuery?: number;
}

/** One episode as item indices; labels are positions in `classes`. */
export interface Episode {
  /** The nWay classes drawn, [nWay]. */
  classes: Int32Array;
  /** Support items, class-major: [nWay * kShot]. */
  support: Int32Array;
  /** Support labels in [0, nWay), [nWay * kShot]. */
  supportLabels: Int32Array;
  /** Query items, class-major: [nWay * nQuery]. */
  query: Int32Array;
  queryLabels: Int32Array;
}

/** Draws episodes from a labelled item table. */
export interface EpisodeSampler {
  readonly nWay: number;
  readonly kShot: number;
  readonly nQuery: number;
  sample(rng: Rng): Episode;
}

/**
 * Builds a sampler over items with class `labels`: each episode draws
 * nWay distinct classes, then kShot + nQuery distinct items of each, so
 * support and query never share an item.
 *
 * @param labels Class of each item, [N] values >= 0.
 */
export function createEpisodeSampler(labels: ArrayLike<number>,
    args: EpisodeArgs): EpisodeSampler {
  const { nWay, kShot } = args;
  const nQuery = args.nQuery ?? 15;
  for (const [name, v, min] of [['nWay', nWay, 2], ['kShot', kShot, 1],
    ['nQuery', nQuery, 1]] as const) {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(`createEpisodeSampler: ${name} must be an ` +
        `integer >= ${min}, but got ${v}.`);
    }
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const items = byClass.get(labels[i]) ?? [];
    items.push(i);
    byClass.set(labels[i], items);
  }
  const need = kShot + nQuery;
  const eligible = [...byClass.keys()].sort((a, b) => a - b)
      .filter((k) => byClass.get(k)!.length >= need);
  if (eligible.length < nWay) {
    throw new RangeError(`createEpisodeSampler: ${nWay}-way needs ${nWay} ` +
      `classes with >= ${need} items, but got ${eligible.length}.`);
  }
  return { nWay, kShot, nQuery, sample: (rng) =>
    sampleEpisode(rng, eligible, byClass, nWay, kShot, nQuery) };
}

function sampleEpisode(rng: Rng, eligible: number[],
    byClass: Map<number, number[]>, nWay: number, kShot: number,
    nQuery: number): Episode {
  const classOrder = rng.permutation(eligible.length);
  const classes = Int32Array.from({ length: nWay },
    (_, w) => eligible[classOrder[w]]);
  const support = new Int32Array(nWay * kShot);
  const query = new Int32Array(nWay * nQuery);
  const supportLabels = new Int32Array(nWay * kShot);
  const queryLabels = new Int32Array(nWay * nQuery);
  classes.forEach((k, w) => {
    const items = byClass.get(k)!;
    const order = rng.permutation(items.length);
    for (let s = 0; s < kShot; s++) {
      support[w * kShot + s] = items[order[s]];
      supportLabels[w * kShot + s] = w;
    }
    for (let q = 0; q < nQuery; q++) {
      query[w * nQuery + q] = items[order[kShot + q]];
      queryLabels[w * nQuery + q] = w;
    }
  });
  return { classes, support, supportLabels, query, queryLabels };
}
