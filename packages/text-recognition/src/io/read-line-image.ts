// Reads a line image from a file for transcription: grey, scaled to the
// recogniser's height, dark ink on a light background.
import sharp from 'sharp';
import type { LineImage } from '@mixup/datasets/text';

/**
 * Decodes any image sharp reads and scales it to `height`, keeping the
 * aspect ratio. Transparent pixels count as white background.
 *
 * @param height Target height in pixels, an integer >= 8.
 */
export async function readLineImage(
    path: string, height: number): Promise<LineImage> {
  if (!Number.isInteger(height) || height < 8) {
    throw new RangeError(
      `readLineImage: height must be an integer >= 8, but got ${height}.`);
  }
  let decoded;
  try {
    decoded = await sharp(path).flatten({ background: '#ffffff' })
        .resize({ height, kernel: 'linear' }).toColourspace('b-w').raw()
        .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new Error(
      `readLineImage: ${path}: the file must be a readable image, but got ` +
      `${(err as Error).message}.`);
  }
  const { data, info } = decoded;
  return { pixels: new Uint8Array(data), width: info.width, height };
}
