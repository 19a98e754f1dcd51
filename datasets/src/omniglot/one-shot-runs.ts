import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { DatasetError } from '../common/dataset-error.js';
import {
  findZipEntry, readZipDirectory, readZipMember,
} from '../npy/zip-archive.js';
import type { ZipEntry } from '../npy/zip-archive.js';
import { createAreaResizer } from './area-resize.js';
import { OMNIGLOT_SOURCE_SIZE } from './read-omniglot-npz.js';

/** One of Lake et al.'s 20-way one-shot runs. */
export interface OneShotRun {
  /** `run01` .. `run20`. */
  name: string;
  /** One image per class, [20, size, size] uint8, ink 255. */
  training: Uint8Array;
  /** Query images, [20, size, size] uint8, ink 255. */
  test: Uint8Array;
  /** For each test item, the index of its class in `training`. */
  testLabels: Int32Array;
  trainingFiles: string[];
  testFiles: string[];
}

const WAYS = 20;
const LABEL_LINE =
    /^(run\d\d)\/test\/(item\d\d\.png)\s+\1\/training\/(class(\d\d)\.png)$/;

/** Decodes a run PNG (black ink on white) to ink bytes and resizes it. */
async function decodeRunPng(bytes: Buffer, where: string,
    resize: (src: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  let data: Buffer;
  try {
    const out = await sharp(bytes).greyscale().raw()
        .toBuffer({ resolveWithObject: true });
    if (out.info.width !== OMNIGLOT_SOURCE_SIZE ||
        out.info.height !== OMNIGLOT_SOURCE_SIZE) {
      throw new Error(`size ${out.info.width}x${out.info.height}`);
    }
    data = out.data;
  } catch (err) {
    throw new DatasetError('loadOmniglotRuns', where, `the image must be a ` +
        `readable 105x105 PNG, but got "${(err as Error).message}"`);
  }
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < ink.length; i++) {
    ink[i] = 255 - data[i]!;
  }
  return resize(ink);
}

/** Parses class_labels.txt into test item name -> training class index. */
function parseLabels(text: string, run: string, where: string) {
  const labels = new Map<string, number>();
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    const m = LABEL_LINE.exec(line);
    if (m == null || m[1] !== run) {
      throw new DatasetError('loadOmniglotRuns', where, `lines must read ` +
          `"${run}/test/itemKK.png ${run}/training/classKK.png", but got ` +
          JSON.stringify(line));
    }
    labels.set(m[2]!, Number(m[4]) - 1);
  }
  return labels;
}

async function loadRun(path: string, entries: ZipEntry[], run: string,
    resize: (src: Uint8Array) => Uint8Array,
    size: number): Promise<OneShotRun> {
  const labelsName = `${run}/class_labels.txt`;
  const labelEntry = findZipEntry(path, entries, labelsName);
  const labels = parseLabels(readZipMember(path, labelEntry).toString('utf8'),
      run, `${path}:${labelsName}`);
  const pad = (k: number) => String(k + 1).padStart(2, '0');
  const trainingFiles = Array.from({ length: WAYS },
      (_, k) => `${run}/training/class${pad(k)}.png`);
  const testFiles = Array.from({ length: WAYS },
      (_, k) => `${run}/test/item${pad(k)}.png`);
  const decodeAll = async (names: string[]) => {
    const out = new Uint8Array(names.length * size * size);
    for (const [k, name] of names.entries()) {
      const bytes = readZipMember(path, findZipEntry(path, entries, name));
      out.set(await decodeRunPng(bytes, `${path}:${name}`, resize),
          k * size * size);
    }
    return out;
  };
  const testLabels = Int32Array.from(testFiles, (name) => {
    const label = labels.get(name.slice(run.length + 6));
    if (label == null || label >= WAYS) {
      throw new DatasetError('loadOmniglotRuns', `${path}:${labelsName}`,
          `every test item must have a label in class01..class20, but ` +
          `${name} has ${label == null ? 'none' : `class ${label + 1}`}`);
    }
    return label;
  });
  return {
    name: run, training: await decodeAll(trainingFiles),
    test: await decodeAll(testFiles), testLabels, trainingFiles, testFiles,
  };
}

/**
 * Loads Lake et al.'s 20 within-alphabet 20-way one-shot runs from
 * `<dataDir>/omniglot/all_runs.zip`, inverted (ink = 255) and
 * area-averaged exactly like `loadOmniglot`'s npz images.
 *
 * @param dataDir The data directory.
 * @param args Output side, 1..105. @default 28
 */
export async function loadOmniglotRuns(
    dataDir: string, args: { size?: number } = {}): Promise<OneShotRun[]> {
  const size = args.size ?? 28;
  if (!(Number.isInteger(size) && size >= 1 && size <= 105)) {
    throw new RangeError(`loadOmniglotRuns: size must be an integer in ` +
        `[1, 105], but got ${size}.`);
  }
  const path = join(dataDir, 'omniglot', 'all_runs.zip');
  if (!existsSync(path)) {
    throw new DatasetError('loadOmniglotRuns', path, 'the file is missing');
  }
  const entries = readZipDirectory(path);
  const resize = createAreaResizer(105, 105, size, size);
  const runs: OneShotRun[] = [];
  for (let r = 1; r <= 20; r++) {
    const run = `run${String(r).padStart(2, '0')}`;
    runs.push(await loadRun(path, entries, run, resize, size));
  }
  return runs;
}
