import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../common/dataset-error.js';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const PIXELS = 3 * PLANE;

/** Layout of one CIFAR binary variant. */
export interface CifarFormat {
  /** Label bytes before each image: 1 (CIFAR-10) or 2 (CIFAR-100). */
  labelBytes: 1 | 2;
  /** Number of classes for each label byte, e.g. [20, 100]. */
  numClasses: number[];
}

export const CIFAR10_FORMAT: CifarFormat = { labelBytes: 1, numClasses: [10] };
/** CIFAR-100 records carry the coarse label, then the fine one. */
export const CIFAR100_FORMAT: CifarFormat = {
  labelBytes: 2, numClasses: [20, 100],
};

/** Images and labels parsed from CIFAR binary records. */
export interface CifarBatch {
  /** Pixels NHWC (RGB interleaved), shape [count, 32, 32, 3], 0..255. */
  images: Uint8Array;
  /** The last label byte per record (CIFAR-100: fine), shape [count]. */
  labels: Uint8Array;
  /** CIFAR-100 only: the coarse label per record, shape [count]. */
  coarseLabels?: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: number;
}

/**
 * Parses CIFAR binary records: label byte(s), then 3072 bytes of R, G and
 * B planes (32x32 each, row-major), converted to HWC interleaved.
 *
 * @param bytes Concatenated records.
 * @param format CIFAR10_FORMAT or CIFAR100_FORMAT.
 * @param file Name used in error messages.
 */
export function parseCifarRecords(
    bytes: Uint8Array, format: CifarFormat, file: string): CifarBatch {
  const recordBytes = format.labelBytes + PIXELS;
  if (bytes.length === 0 || bytes.length % recordBytes !== 0) {
    throw new DatasetError('parseCifarRecords', file,
        `the size must be a positive multiple of the record length ` +
        `${recordBytes}, but got ${bytes.length} bytes`);
  }
  const count = bytes.length / recordBytes;
  const images = new Uint8Array(count * PIXELS);
  const labelSets = format.numClasses.map(() => new Uint8Array(count));
  for (let n = 0; n < count; n++) {
    const rec = n * recordBytes;
    for (let j = 0; j < format.labelBytes; j++) {
      const label = bytes[rec + j]!;
      if (label >= format.numClasses[j]!) {
        throw new DatasetError('parseCifarRecords', file,
            `label byte ${j} of record ${n} must be < ` +
            `${format.numClasses[j]}, but got ${label}`);
      }
      labelSets[j]![n] = label;
    }
    planarToInterleaved(bytes, rec + format.labelBytes, images, n * PIXELS);
  }
  const batch: CifarBatch = {
    images, labels: labelSets[labelSets.length - 1]!, count,
    height: SIDE, width: SIDE, channels: 3,
  };
  if (format.labelBytes === 2) {
    batch.coarseLabels = labelSets[0]!;
  }
  return batch;
}

function planarToInterleaved(src: Uint8Array, from: number,
    dst: Uint8Array, to: number): void {
  for (let p = 0; p < PLANE; p++) {
    dst[to + 3 * p] = src[from + p]!;
    dst[to + 3 * p + 1] = src[from + PLANE + p]!;
    dst[to + 3 * p + 2] = src[from + 2 * PLANE + p]!;
  }
}

/** Concatenates batches parsed from several files. */
function concatBatches(batches: CifarBatch[]): CifarBatch {
  const count = batches.reduce((a, b) => a + b.count, 0);
  const out: CifarBatch = {
    images: new Uint8Array(count * PIXELS), labels: new Uint8Array(count),
    count, height: SIDE, width: SIDE, channels: 3,
  };
  const coarse = batches[0]?.coarseLabels != null;
  if (coarse) {
    out.coarseLabels = new Uint8Array(count);
  }
  let at = 0;
  for (const b of batches) {
    out.images.set(b.images, at * PIXELS);
    out.labels.set(b.labels, at);
    if (coarse) {
      out.coarseLabels!.set(b.coarseLabels!, at);
    }
    at += b.count;
  }
  return out;
}

/**
 * Reads and concatenates CIFAR binary files.
 *
 * @param files Paths of the `.bin` files, read in this order.
 * @param format CIFAR10_FORMAT or CIFAR100_FORMAT.
 */
export function readCifarFiles(
    files: string[], format: CifarFormat): CifarBatch {
  const batches = files.map((file) => {
    if (!existsSync(file)) {
      throw new DatasetError('readCifarFiles', file, 'the file is missing');
    }
    return parseCifarRecords(readFileSync(file), format, file);
  });
  return concatBatches(batches);
}

function checkSplit(fn: string, split: string): void {
  if (split !== 'train' && split !== 'test') {
    throw new RangeError(
        `${fn}: split must be 'train' or 'test', but got ${split}.`);
  }
}

/** `<dataDir>/<name>/<folder>` if it exists, else `<dataDir>/<folder>`. */
function findCifarDir(dataDir: string, name: string, folder: string): string {
  const nested = join(dataDir, name, folder);
  return existsSync(nested) ? nested : join(dataDir, folder);
}

// TODO: read the .tar.gz directly; users now have to run tar xzf first.

/**
 * Loads CIFAR-10 from the extracted binary tarball: `data_batch_1.bin` to
 * `data_batch_5.bin` (train) or `test_batch.bin` (test) in
 * `<dataDir>/cifar-10/cifar-10-batches-bin/` or
 * `<dataDir>/cifar-10-batches-bin/`.
 *
 * @returns Images [N, 32, 32, 3] uint8 RGB and labels 0..9.
 */
export function loadCifar10(
    dataDir: string, args: { split: 'train' | 'test' }): CifarBatch {
  checkSplit('loadCifar10', args.split);
  const dir = findCifarDir(dataDir, 'cifar-10', 'cifar-10-batches-bin');
  const names = args.split === 'train' ?
      [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`) : ['test_batch.bin'];
  return readCifarFiles(names.map((f) => join(dir, f)), CIFAR10_FORMAT);
}

/**
 * Loads CIFAR-100 from the extracted binary tarball: `train.bin` or
 * `test.bin` in `<dataDir>/cifar-100/cifar-100-binary/` or
 * `<dataDir>/cifar-100-binary/`.
 *
 * @returns Images [N, 32, 32, 3] uint8 RGB, fine labels 0..99 in `labels`
 *     and coarse labels 0..19 in `coarseLabels`.
 */
export function loadCifar100(
    dataDir: string, args: { split: 'train' | 'test' }): CifarBatch {
  checkSplit('loadCifar100', args.split);
  const dir = findCifarDir(dataDir, 'cifar-100', 'cifar-100-binary');
  return readCifarFiles([join(dir, `${args.split}.bin`)], CIFAR100_FORMAT);
}
