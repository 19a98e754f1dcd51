// A disk cache of rendered lines, so that epochs do not re-render: one
// grey PNG per (text, font file, jitter, height), written atomically.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import sharp from 'sharp';

import { DatasetError } from '../common/dataset-error.js';
import type { FontFace } from './font-files.js';
import type { LineJitter } from './line-jitter.js';
import { renderLine, type LineImage } from './render-line.js';

/** Everything a rendering depends on. */
export interface LineSpec {
  readonly text: string;
  readonly face: FontFace;
  readonly jitter: LineJitter;
  readonly height: number;
}

/** Bump when the renderer changes, so old cache entries are not reused. */
const RENDER_VERSION = 1;

/** The cache file of a line under `cacheDir`. */
export function lineCachePath(cacheDir: string, spec: LineSpec): string {
  const key = createHash('sha256').update(JSON.stringify({
    v: RENDER_VERSION, text: spec.text, font: spec.face.path,
    face: spec.face.description, jitter: spec.jitter, height: spec.height,
  })).digest('hex');
  return join(cacheDir, key.slice(0, 2), `${key}.png`);
}

/** Renders a line, or reads it from the cache when it is there. */
export async function renderLineCached(
    cacheDir: string, spec: LineSpec): Promise<LineImage> {
  const path = lineCachePath(cacheDir, spec);
  const cached = await readFile(path).catch(() => null);
  if (cached !== null) return decodeLine(cached, path, spec.height);
  const image = await renderLine(
      spec.text, spec.face, spec.height, spec.jitter);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await sharp(image.pixels, {
    raw: { width: image.width, height: image.height, channels: 1 },
  }).png().toFile(tmp);
  renameSync(tmp, path);
  return image;
}

async function decodeLine(
    bytes: Buffer, path: string, height: number): Promise<LineImage> {
  const { data, info } = await sharp(bytes).toColourspace('b-w').raw()
      .toBuffer({ resolveWithObject: true });
  if (info.height !== height || info.channels !== 1) {
    throw new DatasetError('renderLineCached', path,
        `a cached line must be ${height} px high and grey, but got ` +
        `${info.height} px and ${info.channels} channels`);
  }
  return { pixels: new Uint8Array(data), width: info.width, height };
}

/**
 * Renders (or reads) many lines, a few at a time.
 *
 * @param onProgress Called with (done, total) after each line.
 */
export async function renderLines(
    cacheDir: string, specs: readonly LineSpec[],
    onProgress?: (done: number, total: number) => void,
    concurrency = 4): Promise<LineImage[]> {
  const out: LineImage[] = new Array(specs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < specs.length) {
      const i = next++;
      out[i] = await renderLineCached(cacheDir, specs[i]);
      onProgress?.(++done, specs.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}
