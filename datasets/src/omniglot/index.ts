export {
  OMNIGLOT_ALPHABETS, readAlphabetsTsv,
} from './alphabets.js';
export type { OmniglotAlphabet, OmniglotSet } from './alphabets.js';
export { createAreaResizer } from './area-resize.js';
export {
  gatherOmniglotClasses, loadOmniglot, omniglotImage,
} from './load-omniglot.js';
export type { OmniglotArgs, OmniglotData } from './load-omniglot.js';
export { loadOmniglotRuns } from './one-shot-runs.js';
export type { OneShotRun } from './one-shot-runs.js';
export {
  OMNIGLOT_DRAWERS, OMNIGLOT_SOURCE_SIZE, readOmniglotNpz,
} from './read-omniglot-npz.js';
export type { OmniglotNpzImages } from './read-omniglot-npz.js';
export { rotateSquare } from './rotate.js';
export type { Rotation } from './rotate.js';
export {
  assertDisjointSplits, characterKey, readVinyalsSplit, sharedCharacters,
  VINYALS_SPLITS,
} from './vinyals-splits.js';
export type { OmniglotClass, VinyalsSplit } from './vinyals-splits.js';
