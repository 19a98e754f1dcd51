import { DatasetError } from '../common/dataset-error.js';
import { parseNpy, parseNpyHeader } from '../npy/parse-npy.js';
import type { NpyHeader } from '../npy/parse-npy.js';
import {
  findZipEntry, readZipDirectory, readZipMember, streamZipMember,
} from '../npy/zip-archive.js';
import { createAreaResizer } from './area-resize.js';

/** Side of the original Omniglot images. */
export const OMNIGLOT_SOURCE_SIZE = 105;
/** Drawers (examples) per character. */
export const OMNIGLOT_DRAWERS = 20;

/** One Omniglot npz, downsampled: ink = 255, background = 0. */
export interface OmniglotNpzImages {
  /** Pixels [numClasses, 20, size, size], uint8, ink 255. */
  images: Uint8Array;
  numClasses: number;
  size: number;
}

/** Maps an original image's bools to ink bytes: False (ink) -> 255. */
function inkBytes(bools: Uint8Array, from: number, out: Uint8Array): void {
  for (let i = 0; i < out.length; i++) {
    out[i] = bools[from + i] ? 0 : 255;
  }
}

function checkHeader(where: string, header: NpyHeader): number {
  const [c, d, h, w] = header.shape;
  if (header.dtype !== 'bool' || header.shape.length !== 4 ||
      d !== OMNIGLOT_DRAWERS || h !== OMNIGLOT_SOURCE_SIZE ||
      w !== OMNIGLOT_SOURCE_SIZE) {
    throw new DatasetError('readOmniglotNpz', where, `images must be bool ` +
        `(C, 20, 105, 105), but got ${header.dtype} (${header.shape})`);
  }
  return c!;
}

/** Checks labels[c, d] == c, the layout the loader relies on. */
function checkLabels(path: string, numClasses: number): void {
  const entries = readZipDirectory(path);
  const where = `${path}:labels.npy`;
  const entry = findZipEntry(path, entries, 'labels.npy');
  const labels = parseNpy(readZipMember(path, entry), where);
  const ok = labels.dtype === 'int64' && labels.shape[0] === numClasses &&
      labels.shape[1] === OMNIGLOT_DRAWERS &&
      Array.from(labels.data as BigInt64Array)
          .every((v, i) => Number(v) === Math.floor(i / OMNIGLOT_DRAWERS));
  if (!ok) {
    throw new DatasetError('readOmniglotNpz', where, `labels must be int64 ` +
        `(${numClasses}, 20) with labels[c, d] = c, but got ` +
        `${labels.dtype} (${labels.shape}) or other values`);
  }
}

/**
 * Streams `images.npy` out of an Omniglot npz and area-averages each
 * 105x105 image down to size x size as it arrives, so the 1-byte-per-bool
 * array is never held whole. Also checks `labels.npy`.
 *
 * @param path `images_background.npz` or `images_evaluation.npz`.
 * @param size Output side, 1..105.
 * @param maxClasses Read only the first classes (stops the stream early,
 *     so the CRC is then not checked). @default all
 */
export async function readOmniglotNpz(path: string, size: number,
    maxClasses = Infinity): Promise<OmniglotNpzImages> {
  if (!(Number.isInteger(size) && size >= 1 && size <= 105)) {
    throw new RangeError(
        `readOmniglotNpz: size must be an integer in [1, 105], but got ` +
        `${size}.`);
  }
  const where = `${path}:images.npy`;
  const entry = findZipEntry(path, readZipDirectory(path), 'images.npy');
  const resize = createAreaResizer(105, 105, size, size);
  const srcBytes = OMNIGLOT_SOURCE_SIZE * OMNIGLOT_SOURCE_SIZE;
  const outBytes = size * size;
  const ink = new Uint8Array(srcBytes);
  let pending: Buffer = Buffer.alloc(0);
  let header: NpyHeader | null = null;
  let images = new Uint8Array(0);
  let numImages = 0;
  let done = 0;
  for await (const chunk of streamZipMember(path, entry)) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    if (header == null) {
      if (pending.length < 12 || pending.length < headerEnd(pending)) {
        continue;
      }
      header = parseNpyHeader(pending, where);
      const numClasses = Math.min(checkHeader(where, header), maxClasses);
      numImages = numClasses * OMNIGLOT_DRAWERS;
      images = new Uint8Array(numImages * outBytes);
      pending = pending.subarray(header.dataOffset);
    }
    let at = 0;
    for (; at + srcBytes <= pending.length && done < numImages;
        at += srcBytes) {
      inkBytes(pending, at, ink);
      images.set(resize(ink), done * outBytes);
      done++;
    }
    pending = pending.subarray(at);
    if (done === numImages) {
      break;
    }
  }
  if (header == null || done < numImages) {
    throw new DatasetError('readOmniglotNpz', where, `the data is truncated: ` +
        `expected ${numImages} images, but got ${done}`);
  }
  const numClasses = numImages / OMNIGLOT_DRAWERS;
  if (maxClasses === Infinity) {
    checkLabels(path, numClasses);
  }
  return { images, numClasses, size };
}

/** Byte length of the .npy preamble + header, once 12 bytes are known. */
function headerEnd(bytes: Buffer): number {
  return bytes[6] === 1 ?
      10 + bytes.readUInt16LE(8) : 12 + bytes.readUInt32LE(8);
}
