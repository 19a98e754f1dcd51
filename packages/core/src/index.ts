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
