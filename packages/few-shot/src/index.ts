export { createConv4, conv4FeatureSize } from './conv4.js';
export type { Conv4Args } from './conv4.js';
export { createHead, HEAD_KINDS, l2Normalize } from './heads.js';
export type { Head, HeadArgs, HeadKind } from './heads.js';
export {
  BACKBONES, createFewShotModel, disposeFewShotModel, modelWeights,
} from './model.js';
export type {
  BackboneKind, FewShotModel, FewShotModelArgs,
} from './model.js';
export { expandRotations, rotateImages, ROTATIONS } from './rotation-batch.js';
export type { RotationBatch } from './rotation-batch.js';
export {
  imageBatch, omniglotBaseSet, oneHotRows, subsetCharacters,
} from './base-set.js';
export type { BaseSet } from './base-set.js';
export { FEW_SHOT_STAGES, stageStep } from './stage-step.js';
export type {
  FewShotStage, StepContext, StepKind, StepResult,
} from './stage-step.js';
export {
  epochStep, restoreModelWeights, trainFewShot,
} from './train-few-shot.js';
export type {
  FewShotEpochLogs, TrainFewShotArgs, TrainFewShotResult,
} from './train-few-shot.js';
export { extractFeatures } from './features.js';
export { createEpisodeSampler } from './episode-sampler.js';
export type {
  Episode, EpisodeArgs, EpisodeSampler,
} from './episode-sampler.js';
export {
  classifyEpisodes, EPISODE_CLASSIFIERS,
} from './episode-classifier.js';
export type {
  EpisodeBatch, EpisodeClassifierArgs, EpisodeClassifierKind,
} from './episode-classifier.js';
export { meanInterval } from './confidence-interval.js';
export type { MeanInterval } from './confidence-interval.js';
export { episodeBatch, evaluateEpisodes } from './evaluate-episodes.js';
export type {
  EpisodeResult, EvaluateEpisodesArgs,
} from './evaluate-episodes.js';
export { evaluateOneShotRuns } from './one-shot-runs.js';
export type { OneShotRunsResult } from './one-shot-runs.js';
export {
  OMNIGLOT_PUBLISHED, OMNIGLOT_SETTINGS, S2M2R_PUBLISHED,
} from './references.js';
export type { PublishedRow } from './references.js';
