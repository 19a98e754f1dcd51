export {
  CIFAR10_FORMAT, CIFAR100_FORMAT, loadCifar10, loadCifar100,
  parseCifarRecords, readCifarFiles,
} from './read-cifar.js';
export type { CifarBatch, CifarFormat } from './read-cifar.js';
