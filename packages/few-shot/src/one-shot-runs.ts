/**
 * Lake et al.'s 20 within-alphabet 20-way one-shot runs (Science 2015),
 * scored with the same per-episode classifier as the episodes.
 */
import type { MixableNetwork, Rng } from '@mixup/core';
import type { OneShotRun } from '@mixup/datasets/omniglot';

import {
  classifyEpisodes, type EpisodeClassifierArgs,
} from './episode-classifier.js';
import { extractFeatures } from './features.js';

export interface OneShotRunsResult {
  /** Error of each run, in [0, 1]. */
  runErrors: number[];
  /** Mean error over the runs (all runs have 20 test items). */
  error: number;
}

/**
 * Classifies each run's 20 test drawings among its 20 training drawings
 * (one per class), a new classifier per run on frozen features.
 *
 * @param size Side of the runs' images, as loaded.
 */
export function evaluateOneShotRuns(backbone: MixableNetwork,
    runs: readonly OneShotRun[], size: number, rng: Rng,
    classifier: EpisodeClassifierArgs = {}): OneShotRunsResult {
  if (runs.length === 0) {
    throw new RangeError('evaluateOneShotRuns: runs must be non-empty, but ' +
      'got none.');
  }
  const runErrors = runs.map((run) => {
    const train = extractFeatures(backbone, run.training, size);
    const test = extractFeatures(backbone, run.test, size);
    const ways = run.training.length / (size * size);
    const [accuracy] = classifyEpisodes({
      support: train.features,
      supportLabels: Int32Array.from({ length: ways }, (_, k) => k),
      query: test.features, queryLabels: run.testLabels, episodes: 1,
      nWay: ways, featureSize: train.featureSize,
    }, rng, classifier);
    return 1 - accuracy;
  });
  const error = runErrors.reduce((a, b) => a + b, 0) / runErrors.length;
  return { runErrors, error };
}
