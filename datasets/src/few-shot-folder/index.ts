export { FEW_SHOT_SPLITS, readFewShotSplits } from './few-shot-splits.js';
export type { FewShotSplit, FewShotSplits } from './few-shot-splits.js';
export { loadFewShotFolder } from './load-few-shot-folder.js';
export type {
  FewShotFolderArgs, FewShotFolderData,
} from './load-few-shot-folder.js';
