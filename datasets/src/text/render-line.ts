// Renders one text line with sharp (Pango) in a given font file, then
// applies the line's jitter: slant, baseline wobble, stroke weight, scale,
// blur and noise, at a fixed output height and a width that follows.
import sharp from 'sharp';

import type { FontFace } from './font-files.js';
import { hashRandom } from './hash-random.js';
import type { LineJitter } from './line-jitter.js';

/** A grey line image, dark ink on white, row-major [height, width]. */
export interface LineImage {
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Pango renders at this many times the output height, then we shrink. */
const SUPERSAMPLE = 2;

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
}

/** Ink coverage in [0, 1] of the text, as Pango draws it. */
async function rasterise(text: string, face: FontFace, sizePx: number) {
  const { data, info } = await sharp({
    text: {
      text: escapeMarkup(text), font: `${face.description} ${sizePx}`,
      fontfile: face.path, dpi: 72, rgba: true,
    },
  }).extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  return { coverage: data, width: info.width, height: info.height };
}

/** Places the text on the line canvas with slant, wobble and scale. */
function warp(
    src: { coverage: Uint8Array; width: number; height: number },
    jitter: LineJitter): { ink: Float32Array; width: number; height: number } {
  const h = Math.ceil(src.height / jitter.scale);
  const top = (h - src.height) * jitter.offset;
  const slantRoom = Math.abs(jitter.shear) * h;
  const margin = Math.round(0.15 * h);
  const w = Math.ceil(src.width + slantRoom) + 2 * margin;
  const ink = new Float32Array(w * h);
  const amplitude = jitter.wobbleAmplitude * src.height;
  const period = jitter.wobblePeriod * src.height;
  for (let y = 0; y < h; y++) {
    // Lines lean about their middle, so the slant room splits evenly.
    const dx = jitter.shear * (y - h / 2) - slantRoom / 2 - margin;
    for (let x = 0; x < w; x++) {
      const wobble = amplitude *
        Math.sin((2 * Math.PI * x) / period + jitter.wobblePhase);
      const v = sample(src, x + dx + slantRoom, y - top - wobble);
      ink[y * w + x] = v === 0 ? 0 : Math.pow(v, jitter.strokeGamma);
    }
  }
  return { ink, width: w, height: h };
}

/** Bilinear sample of the coverage at (x, y); 0 outside. */
function sample(
    src: { coverage: Uint8Array; width: number; height: number },
    x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xi: number, yi: number) =>
    xi < 0 || yi < 0 || xi >= src.width || yi >= src.height ? 0 :
      src.coverage[yi * src.width + xi] / 255;
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
    (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

/**
 * Renders `text` in `face` at `height` pixels, with `jitter`.
 *
 * @param text One line; Pango markup characters are escaped.
 * @param height Output height in pixels, an integer >= 8.
 * @returns Dark ink on white, width proportional to the text.
 */
export async function renderLine(
    text: string, face: FontFace, height: number,
    jitter: LineJitter): Promise<LineImage> {
  if (!Number.isInteger(height) || height < 8) {
    throw new RangeError(
      `renderLine: height must be an integer >= 8, but got ${height}.`);
  }
  if (text.trim() === '') {
    throw new RangeError('renderLine: text must not be blank, but got ' +
      `${JSON.stringify(text)}.`);
  }
  const sizePx = Math.round((SUPERSAMPLE * height * jitter.scale) / 1.2);
  const warped = warp(await rasterise(text, face, sizePx), jitter);
  const bytes = Uint8Array.from(warped.ink, (v) => Math.round(255 * v));
  let pipeline = sharp(bytes, {
    raw: { width: warped.width, height: warped.height, channels: 1 },
  }).resize({ height, kernel: 'linear' });
  if (jitter.blur >= 0.3) pipeline = pipeline.blur(jitter.blur);
  const { data, info } = await pipeline.toColourspace('b-w').raw()
      .toBuffer({ resolveWithObject: true });
  return { pixels: addNoise(data, jitter), width: info.width, height };
}

/** Inverts ink to dark-on-white and adds seeded Gaussian noise. */
function addNoise(ink: Uint8Array, jitter: LineJitter): Uint8Array {
  const random = hashRandom(jitter.noiseSeed);
  const out = new Uint8Array(ink.length);
  for (let i = 0; i < ink.length; i++) {
    let v = 1 - ink[i] / 255;
    if (jitter.noise > 0) {
      // Box-Muller; one normal draw per pixel.
      const u = 1 - random();
      v += jitter.noise * Math.sqrt(-2 * Math.log(u)) *
        Math.cos(2 * Math.PI * random());
    }
    out[i] = Math.round(255 * Math.min(1, Math.max(0, v)));
  }
  return out;
}
