import './backend/register-ops.js';

export { Rng } from './random/rng.js';
export type { RngState } from './random/rng.js';
export { sampleLambda, sampleLambdas } from './mixup/sample-lambda.js';
export { mixHidden, mixTargets } from './mixup/mix-hidden.js';
export type { Lambda } from './mixup/mix-hidden.js';
export { createMethod, isMixing, METHOD_NAMES } from './mixup/methods.js';
export type {
  LambdaMode, Method, MethodArgs, MethodName,
} from './mixup/methods.js';
export { drawMix } from './mixup/draw-mix.js';
export type { MixDraw } from './mixup/draw-mix.js';
export {
  binaryCrossEntropyOnSoftmax, softCrossEntropy,
} from './losses/soft-cross-entropy.js';
export type { Reduction } from './losses/soft-cross-entropy.js';
export { pairLoss } from './losses/pair-loss.js';
export type { LossFn } from './losses/pair-loss.js';
export { MixableNetwork, sequentialStage } from './network/mixable-network.js';
export type {
  ForwardArgs, MixableNetworkArgs, MixSpec, Stage, StageKwargs, StageTensor,
} from './network/mixable-network.js';
export {
  createOptimizer, DEFAULT_OPTIMIZER_ARGS,
} from './training/optimizer.js';
export type {
  OptimizerArgs, ScheduledOptimizer,
} from './training/optimizer.js';
export {
  constantSchedule, cosineSchedule, stepSchedule,
} from './training/schedules.js';
export type { Schedule } from './training/schedules.js';
export { epochBatches, tensorData } from './training/train-data.js';
export type { Batch, TrainData } from './training/train-data.js';
export {
  findDropoutLayers, mixedBinaryCrossEntropy, mixedCrossEntropy, trainStep,
} from './training/train-step.js';
export type { MixTensors, StepContext, TrainLoss } from './training/train-step.js';
export { fit } from './training/fit.js';
export type {
  CheckpointArgs, EpochLogs, FitArgs, FitResult, Monitor,
} from './training/fit.js';
export { appendLineSync, writeFileAtomic } from './io/atomic-write.js';
export {
  listCheckpoints, loadCheckpoint, loadLatestCheckpoint, saveCheckpoint,
  storeTensors,
} from './io/checkpoint.js';
export type {
  Checkpoint, SkippedCheckpoint, StoredTensor,
} from './io/checkpoint.js';
export { saveLayersModel } from './io/save-layers-model.js';
export {
  accuracy, classificationMetrics, expectedCalibrationError,
  meanMaxProbability, negativeLogLikelihood,
} from './metrics/classification.js';
export type {
  ClassificationMetrics, Labels, ProbabilityRows,
} from './metrics/classification.js';
export { evaluateClassifier, predictProbabilities } from './metrics/predict.js';
export {
  BACKEND_ORDER, initBackend, SILENT_LOGGER,
} from './backend/init-backend.js';
export type {
  BackendInfo, BackendName, InitBackendArgs, Logger,
} from './backend/init-backend.js';
export { classSingularValues } from './analysis/class-singular-values.js';
export type { ClassSpectrum } from './analysis/class-singular-values.js';
