/** Rotations used by the Vinyals split lists, in degrees. */
export type Rotation = 0 | 90 | 180 | 270;

/**
 * Rotates a square single-channel image counter-clockwise by a multiple
 * of 90 degrees, exactly (pixels are moved, not resampled). The direction
 * is that of PIL's `Image.rotate`, which the Prototypical Networks loader
 * of these splits uses.
 *
 * @param img Pixels, shape [size, size].
 * @param size Side length.
 * @param degrees 0, 90, 180 or 270.
 * @returns A new array, shape [size, size].
 */
export function rotateSquare(
    img: Uint8Array, size: number, degrees: Rotation): Uint8Array {
  if (img.length !== size * size) {
    throw new RangeError(`rotateSquare: img must have ${size * size} ` +
        `pixels, but got ${img.length}.`);
  }
  if (degrees !== 0 && degrees !== 90 && degrees !== 180 && degrees !== 270) {
    throw new RangeError(`rotateSquare: degrees must be 0, 90, 180 or 270, ` +
        `but got ${degrees}.`);
  }
  const out = new Uint8Array(img.length);
  const last = size - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const src =
          degrees === 0 ? y * size + x :
          degrees === 90 ? x * size + (last - y) :
          degrees === 180 ? (last - y) * size + (last - x) :
          (last - x) * size + y;
      out[y * size + x] = img[src]!;
    }
  }
  return out;
}
