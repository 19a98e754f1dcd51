import sharp from 'sharp';
import { DatasetError } from '../common/dataset-error.js';

/** Target size of decoded images. */
export interface ImageSize {
  /** Output height in pixels, >= 1. */
  height: number;
  /** Output width in pixels, >= 1. */
  width: number;
  /** 1 (grey, as sharp's `greyscale()` computes it) or 3 (sRGB). */
  channels: 1 | 3;
}

/** Throws unless `size` has positive integer sides and 1 or 3 channels. */
export function checkImageSize(fn: string, size: ImageSize): void {
  const { height, width, channels } = size;
  if (!(Number.isInteger(height) && height >= 1 &&
      Number.isInteger(width) && width >= 1)) {
    throw new RangeError(`${fn}: height and width must be integers >= 1, ` +
        `but got ${height}x${width}.`);
  }
  if (channels !== 1 && channels !== 3) {
    throw new RangeError(
        `${fn}: channels must be 1 or 3, but got ${channels}.`);
  }
}

/**
 * Decodes one PNG or JPEG (any format sharp reads) and resizes it to
 * exactly height x width (aspect ratio not kept, sharp's default lanczos3
 * kernel). Alpha is dropped.
 *
 * @param input File path or encoded bytes.
 * @param size Output size and channel count.
 * @param name File name for error messages; defaults to `input` if a path.
 * @returns Pixels HWC, length height * width * channels, uint8.
 */
export async function decodeImage(input: string | Buffer, size: ImageSize,
    name?: string): Promise<Uint8Array> {
  checkImageSize('decodeImage', size);
  const label = name ?? (typeof input === 'string' ? input : '<buffer>');
  try {
    // TODO: composite alpha over a chosen background instead of dropping it.
    const base = sharp(input).removeAlpha();
    const pipeline = size.channels === 1 ?
        base.greyscale() : base.toColourspace('srgb');
    const { data, info } = await pipeline
        .resize({ width: size.width, height: size.height, fit: 'fill' })
        .raw()
        .toBuffer({ resolveWithObject: true });
    if (info.channels !== size.channels) {
      throw new Error(`decoded to ${info.channels} channels`);
    }
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch (err) {
    throw new DatasetError('decodeImage', label,
        `the image must be a readable PNG or JPEG, but got ` +
        `"${(err as Error).message}"`);
  }
}

/**
 * Decodes many images into one NHWC array, a few at a time.
 *
 * @param files Image paths; row n of the result is files[n].
 * @param size Output size and channel count.
 * @param concurrency Images decoded at once. @default 4
 * @returns Pixels [files.length, height, width, channels], uint8.
 */
export async function decodeImages(
    files: string[], size: ImageSize, concurrency = 4): Promise<Uint8Array> {
  checkImageSize('decodeImages', size);
  const stride = size.height * size.width * size.channels;
  const images = new Uint8Array(files.length * stride);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const n = next++;
      images.set(await decodeImage(files[n]!, size), n * stride);
    }
  };
  const workers = Math.max(1, Math.min(concurrency, files.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return images;
}
