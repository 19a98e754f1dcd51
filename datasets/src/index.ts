// The readers live in one entry point per format, so that a program loads
// only what it reads: '@mixup/datasets/idx', '/cifar', '/image-folder',
// '/npy', '/omniglot', '/few-shot-folder', '/planetoid', '/text' and
// '/download'. This root entry point holds what they share.
export {
  CACHE_FOLDER_NAME, DatasetError, hasGzipMagic, readMaybeGzip,
  resolveDataDir, sha256File,
} from './common/index.js';
