/**
 * The image augmentations of the Manifold Mixup recipe (arXiv 1806.05236):
 * random crop with zero padding, horizontal flip, cutout (DeVries and
 * Taylor, arXiv 1708.04552), and per-channel normalisation.
 */
import type { Rng } from '@mixup/core';

/** The layout of one image: H, W, C, stored row-major NHWC. */
export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** Per-channel mean and std on the [0, 1] pixel scale. */
export interface ChannelStats {
  mean: number[];
  std: number[];
}

export interface AugmentArgs {
  /** Zero padding of the random crop, in pixels; 0 = no crop. @default 4 */
  padding?: number;
  /** Flip left-right with probability 1/2. @default true */
  flip?: boolean;
  /** Side of the cutout square, in pixels; 0 = none. @default 0 */
  cutoutSize?: number;
}

export const DEFAULT_AUGMENT_ARGS: Readonly<Required<AugmentArgs>> =
  Object.freeze({ padding: 4, flip: true, cutoutSize: 0 });

/**
 * Scales a pixel size set for 32 x 32 CIFAR images to another input size,
 * e.g. the padding 4 and cutout 16 of CIFAR become 4 and 14 at 28 x 28.
 */
export function scaleToInput(pixels: number, side: number): number {
  return Math.round(pixels * side / 32);
}

/**
 * Mean and std of each channel over a set of uint8 images, on [0, 1].
 *
 * @param images NHWC pixels 0..255, length count * H * W * C.
 */
export function channelStats(images: Uint8Array,
    shape: ImageShape): ChannelStats {
  const c = shape.channels;
  const pixels = images.length / c;
  if (!Number.isInteger(pixels) || pixels === 0) {
    throw new RangeError(
      `channelStats: images.length must be a positive multiple of C = ` +
      `${c}, but got ${images.length}.`);
  }
  const sum = new Float64Array(c);
  const sq = new Float64Array(c);
  for (let i = 0; i < images.length; i++) {
    const v = images[i] / 255;
    sum[i % c] += v;
    sq[i % c] += v * v;
  }
  const mean = Array.from(sum, (s) => s / pixels);
  const std = Array.from(sq, (s, j) =>
    Math.sqrt(Math.max(s / pixels - mean[j] ** 2, 1e-12)));
  return { mean, std };
}

/** One image's random choices, drawn before any pixel is touched. */
export interface AugmentDraw {
  /** Crop offset into the padded image, in [0, 2 * padding]. */
  dy: number;
  dx: number;
  flip: boolean;
  /** Centre of the cutout square, or -1 when there is none. */
  cutY: number;
  cutX: number;
}

/** Draws one image's crop offset, flip and cutout centre, in that order. */
export function drawAugment(rng: Rng, shape: ImageShape,
    args: Required<AugmentArgs>): AugmentDraw {
  const span = 2 * args.padding + 1;
  const dy = args.padding > 0 ? rng.int(span) : 0;
  const dx = args.padding > 0 ? rng.int(span) : 0;
  const flip = args.flip ? rng.next() < 0.5 : false;
  const cut = args.cutoutSize > 0;
  const cutY = cut ? rng.int(shape.height) : -1;
  const cutX = cut ? rng.int(shape.width) : -1;
  return { dy, dx, flip, cutY, cutX };
}

/**
 * Writes one augmented, normalised image into `out`: the source padded
 * with zeros by `padding` on every side, cropped back to H x W at
 * (dy, dx), flipped if drawn, scaled to [0, 1] and normalised with
 * `stats`; then the cutout square (clipped to the image) is set to 0,
 * the normalised mean, as DeVries and Taylor do.
 *
 * @param src uint8 pixels of the whole set, NHWC.
 * @param index Which image of `src`.
 * @param out Float32 destination; the image goes at `outIndex`.
 */
export function augmentInto(src: Uint8Array, index: number,
    out: Float32Array, outIndex: number, shape: ImageShape,
    stats: ChannelStats, draw: AugmentDraw, args: Required<AugmentArgs>):
    void {
  const { height: h, width: w, channels: c } = shape;
  const srcBase = index * h * w * c;
  const outBase = outIndex * h * w * c;
  const half = Math.floor(args.cutoutSize / 2);
  for (let y = 0; y < h; y++) {
    const sy = y + draw.dy - args.padding;
    const cutRow = draw.cutY >= 0 && y >= draw.cutY - half &&
        y < draw.cutY - half + args.cutoutSize;
    for (let x = 0; x < w; x++) {
      const cx = draw.flip ? w - 1 - x : x;
      const sx = cx + draw.dx - args.padding;
      const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
      const cut = cutRow && x >= draw.cutX - half &&
          x < draw.cutX - half + args.cutoutSize;
      for (let k = 0; k < c; k++) {
        const o = outBase + (y * w + x) * c + k;
        if (cut) {
          out[o] = 0;
          continue;
        }
        const v = inside ? src[srcBase + (sy * w + sx) * c + k] / 255 : 0;
        out[o] = (v - stats.mean[k]) / stats.std[k];
      }
    }
  }
}

/** Checks and completes augmentation settings. */
export function resolveAugmentArgs(args: AugmentArgs = {}):
    Required<AugmentArgs> {
  const resolved = { ...DEFAULT_AUGMENT_ARGS, ...args };
  if (!Number.isInteger(resolved.padding) || resolved.padding < 0) {
    throw new RangeError(
      `resolveAugmentArgs: padding must be an integer >= 0, but got ` +
      `${resolved.padding}.`);
  }
  if (!Number.isInteger(resolved.cutoutSize) || resolved.cutoutSize < 0) {
    throw new RangeError(
      `resolveAugmentArgs: cutoutSize must be an integer >= 0, but got ` +
      `${resolved.cutoutSize}.`);
  }
  return Object.freeze(resolved);
}

/**
 * Augments and normalises a batch of uint8 images.
 *
 * @param images The whole set's pixels, NHWC uint8.
 * @param indices Which images, in batch order.
 * @param rng Draws each image's crop, flip and cutout, image by image;
 *     pass null for no augmentation (normalisation only).
 * @returns Float32 NHWC pixels of the batch, [B, H, W, C] flattened.
 */
export function augmentBatch(images: Uint8Array, indices: ArrayLike<number>,
    shape: ImageShape, stats: ChannelStats, rng: Rng | null,
    args: AugmentArgs = {}): Float32Array {
  const resolved = resolveAugmentArgs(args);
  const plain: AugmentDraw = { dy: resolved.padding, dx: resolved.padding,
    flip: false, cutY: -1, cutX: -1 };
  const size = shape.height * shape.width * shape.channels;
  const out = new Float32Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const draw = rng === null ? plain : drawAugment(rng, shape, resolved);
    augmentInto(images, indices[i], out, i, shape, stats, draw, resolved);
  }
  return out;
}
