export { CACHE_FOLDER_NAME, resolveDataDir } from './data-dir.js';
export { DatasetError } from './dataset-error.js';
export { hasGzipMagic, readMaybeGzip, sha256File } from './file-io.js';
