import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../common/dataset-error.js';
import { hex32, readIdx } from './read-idx.js';

/** Images and labels of one split of an MNIST-like data set. */
export interface ImageSet {
  /** Pixels NHWC, shape [count, height, width, channels], 0..255. */
  images: Uint8Array;
  /** Class index per image, shape [count]. */
  labels: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: number;
  classNames?: string[];
}

export interface MnistFamilyArgs {
  /** Which file pair: `train-*` or `t10k-*`. */
  split: 'train' | 'test';
  /** Keep only the first `limit` examples. @default all */
  limit?: number;
  /** Names of the classes; labels must index into it. @default none */
  classNames?: string[];
}

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;
const SIDE = 28;

/** Class names of Fashion-MNIST, in label order. */
export const FASHION_MNIST_CLASSES: readonly string[] = Object.freeze([
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt',
  'Sneaker', 'Bag', 'Ankle boot',
]);

/** The .gz file if present, else the uncompressed name, else the .gz. */
function findIdxFile(dir: string, stem: string): string {
  const gz = join(dir, `${stem}.gz`);
  const raw = join(dir, stem);
  return !existsSync(gz) && existsSync(raw) ? raw : gz;
}

function readChecked(path: string, magic: number, rank: number) {
  if (!existsSync(path)) {
    throw new DatasetError('loadMnistFamily', path, 'the file is missing');
  }
  const arr = readIdx(path);
  if (arr.magic !== magic) {
    throw new DatasetError('loadMnistFamily', path,
        `the magic number must be ${hex32(magic)}, but got ` +
        `${hex32(arr.magic)}`);
  }
  if (arr.dims.length !== rank) {
    throw new DatasetError('loadMnistFamily', path,
        `dims must have rank ${rank}, but got [${arr.dims}]`);
  }
  return arr;
}

/**
 * Loads one split of an MNIST-format data set (MNIST, Fashion-MNIST,
 * KMNIST): `{train,t10k}-images-idx3-ubyte[.gz]` and the matching
 * `-labels-idx1-ubyte[.gz]` in `dir`.
 *
 * @param dir Folder holding the four IDX files.
 * @param args Split, optional limit and class names.
 * @returns Images [count, 28, 28, 1] uint8 (0 = background) and labels.
 */
export function loadMnistFamily(dir: string, args: MnistFamilyArgs): ImageSet {
  const { split, limit, classNames } = args;
  if (split !== 'train' && split !== 'test') {
    throw new RangeError(
        `loadMnistFamily: split must be 'train' or 'test', but got ${split}.`);
  }
  if (limit != null && !(Number.isInteger(limit) && limit >= 0)) {
    throw new RangeError(
        `loadMnistFamily: limit must be an integer >= 0, but got ${limit}.`);
  }
  const prefix = split === 'train' ? 'train' : 't10k';
  const imgPath = findIdxFile(dir, `${prefix}-images-idx3-ubyte`);
  const lblPath = findIdxFile(dir, `${prefix}-labels-idx1-ubyte`);
  const img = readChecked(imgPath, IMAGES_MAGIC, 3);
  const lbl = readChecked(lblPath, LABELS_MAGIC, 1);
  const [n, h, w] = img.dims as [number, number, number];
  if (h !== SIDE || w !== SIDE) {
    throw new DatasetError('loadMnistFamily', imgPath,
        `images must be ${SIDE}x${SIDE}, but got dims [${img.dims}]`);
  }
  if (lbl.dims[0] !== n) {
    throw new DatasetError('loadMnistFamily', lblPath,
        `the label count must equal the image count ${n} in ${imgPath}, ` +
        `but got ${lbl.dims[0]}`);
  }
  const count = limit == null ? n : Math.min(limit, n);
  const labels = lbl.data.slice(0, count);
  if (classNames != null) {
    const bad = labels.findIndex((l) => l >= classNames.length);
    if (bad >= 0) {
      throw new DatasetError('loadMnistFamily', lblPath,
          `labels must be < ${classNames.length}, but got ${labels[bad]} ` +
          `at index ${bad}`);
    }
  }
  const images = img.data.slice(0, count * h * w);
  const set: ImageSet = {
    images, labels, count, height: h, width: w, channels: 1,
  };
  if (classNames != null) {
    set.classNames = [...classNames];
  }
  return set;
}

/**
 * Loads Fashion-MNIST from `<dataDir>/fashion-mnist/`.
 *
 * @param dataDir The data directory (see `resolveDataDir`).
 * @param args Split and optional limit.
 * @returns Images [count, 28, 28, 1] uint8, labels 0..9 and class names.
 */
export function loadFashionMnist(
    dataDir: string, args: Omit<MnistFamilyArgs, 'classNames'>): ImageSet {
  return loadMnistFamily(join(dataDir, 'fashion-mnist'),
      { ...args, classNames: [...FASHION_MNIST_CLASSES] });
}
