export {
  DEFAULT_GRAPHMIX_ARGS, GAMMA_BY_DATASET, GRAPHMIX_METHODS,
  resolveGraphMixArgs,
} from './config.js';
export type { GraphMixArgs, GraphMixMethod } from './config.js';
export { CsrMatrix } from './csr-matrix.js';
export type { CsrParts } from './csr-matrix.js';
export { fitGraphMix } from './fit.js';
export type {
  BestSoFar, FitGraphMixArgs, FitGraphMixResult, GraphMixEpochLogs,
} from './fit.js';
export { featureMatrix, propagationMatrix } from './from-dataset.js';
export {
  createGcnWeights, fcnHidden, fcnLogits, firstLayer, gcnLogits,
  gcnMeanProbs,
} from './gcn.js';
export type { FeatureInput, GcnWeights } from './gcn.js';
export { graphDataFromPlanetoid } from './graph-data.js';
export type { GraphData } from './graph-data.js';
export { consistencyWeight } from './rampup.js';
export type { RampupArgs } from './rampup.js';
export { receptiveField } from './receptive-field.js';
export type { ReceptiveField } from './receptive-field.js';
export { sharpen } from './sharpen.js';
export { SparseOperand, sparseMatMul } from './sparse-matmul.js';
export { GraphMixTrainer } from './trainer.js';
export type { EvalLogs, StepLogs } from './trainer.js';
