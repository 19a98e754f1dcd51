export { ctcLoss } from './ctc/ctc-loss.js';
export type {
  CtcImplementation, CtcLabels, CtcLossArgs, CtcReduction,
} from './ctc/ctc-loss.js';
export { ctcBenchCase } from './ctc/ctc-bench.js';
export type { CtcBenchCase } from './ctc/ctc-bench.js';
export { beamSearchDecode, beamSearchLine } from './decode/beam-search.js';
export type { BeamSearchArgs } from './decode/beam-search.js';
export { greedyDecode, greedyDecodeLine } from './decode/greedy-decode.js';
export type { DecodeArgs, LineScores as DecodeLine } from './decode/scores.js';
export { editDistance } from './metrics/edit-distance.js';
export {
  characterErrorRate, splitWords, wordErrorRate,
} from './metrics/error-rates.js';
export type { ErrorRate } from './metrics/error-rates.js';
export {
  CRNN_FRAME_WIDTH, createCrnn, DEFAULT_CRNN_ARGS,
} from './model/crnn.js';
export type { CrnnArgs } from './model/crnn.js';
export {
  evaluationBatches, imageToInk, makeLineBatch, toLineExamples,
  widthBatches,
} from './data/line-batch.js';
export type { LineBatch, LineExample } from './data/line-batch.js';
export {
  mixedCtcLoss, mixedInputLengths,
} from './training/mixed-ctc-loss.js';
export {
  fitRecognizer, loadModelWeights, trainStep,
} from './training/fit-recognizer.js';
export type {
  FitRecognizerArgs, FitRecognizerResult, RecognizerEpochLogs,
} from './training/fit-recognizer.js';
export { evaluateLines, recognizeLines } from './evaluate/recognize.js';
export type {
  LineScores, Readings, RecognizeArgs,
} from './evaluate/recognize.js';
export {
  loadRecognizer, recognizerDir, saveRecognizer,
} from './io/recognizer-file.js';
export type { Recognizer, RecognizerConfig } from './io/recognizer-file.js';
export { readLineImage } from './io/read-line-image.js';
