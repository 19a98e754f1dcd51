export {
  augmentBatch, augmentInto, channelStats, DEFAULT_AUGMENT_ARGS,
  drawAugment, resolveAugmentArgs, scaleToInput,
} from './augment.js';
export type {
  AugmentArgs, AugmentDraw, ChannelStats, ImageShape,
} from './augment.js';
export {
  augmentOf, CLASSIFY_METHODS, DEFAULT_CLASSIFY_ARGS, defaultMilestones,
  methodOf, NETWORK_NAMES, resolveClassifyArgs,
} from './classify-args.js';
export type {
  ClassifyArgs, ClassifyMethod, NetworkName, ResolvedClassifyArgs,
} from './classify-args.js';
export {
  attack, createNetwork, inputShapeOf, loadNetworkWeights, runClassification,
  testFigures,
} from './classification-run.js';
export type {
  ClassificationHooks, ClassificationResult, TestFigures,
} from './classification-run.js';
export { fgsmAccuracy } from './fgsm.js';
export type { FgsmArgs } from './fgsm.js';
export { imageTensor, imageTrainData } from './image-data.js';
export type { LabelledImages } from './image-data.js';
export {
  batchNorm, blockGroup, chain, classifierHead, conv, preActBlock,
} from './preact-block.js';
export type { Block, PreActBlockArgs } from './preact-block.js';
export {
  checkImageNetArgs, createPreActResNet, DEFAULT_PREACT_RESNET_ARGS,
  PREACT_DEPTHS,
} from './preact-resnet.js';
export type { PreActResNetArgs } from './preact-resnet.js';
export { createWideResNet, DEFAULT_WIDE_RESNET_ARGS } from './wide-resnet.js';
export type { WideResNetArgs } from './wide-resnet.js';
export {
  createBottleneckMlp, MLP_BOTTLENECK,
} from './bottleneck-mlp.js';
export type { BottleneckMlpArgs } from './bottleneck-mlp.js';
export {
  DEFAULT_FLATTENING_ARGS, FLATTENING_METHODS, runFlattening,
} from './flattening.js';
export type {
  FlatteningArgs, FlatteningMethod, FlatteningResult,
} from './flattening.js';
