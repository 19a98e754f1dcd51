export { downloadDataset } from './download-dataset.js';
export type { DownloadArgs, DownloadResult } from './download-dataset.js';
export { DATASET_MANIFEST } from './manifest.js';
export type {
  DatasetManifest, ManifestDataset, ManifestFile,
} from './manifest.js';
