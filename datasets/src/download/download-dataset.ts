import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync }
  from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { sha256File } from '../common/file-io.js';
import { DATASET_MANIFEST } from './manifest.js';
import type { DatasetManifest, ManifestFile } from './manifest.js';

/** What happened to one file. */
export interface DownloadResult {
  path: string;
  /** kept: a valid file was there; unverified: saved without a checksum. */
  status: 'downloaded' | 'kept' | 'unverified';
  sha256: string;
}

export interface DownloadArgs {
  /** The data directory; files go to `<dataDir>/<folder>/<path>`. */
  dataDir: string;
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetchImpl?: typeof fetch;
  /** The manifest to read. @default DATASET_MANIFEST */
  manifest?: DatasetManifest;
  /** Fetch files that have no verified SHA-256. @default false */
  allowUnverified?: boolean;
  /** Called after each file. */
  onFile?: (result: DownloadResult) => void;
}

/** Streams a URL to `partial`, hashing as it goes; returns the hash. */
async function fetchToPartial(file: ManifestFile, partial: string,
    fetchImpl: typeof fetch): Promise<string> {
  const res = await fetchImpl(file.url);
  if (!res.ok || res.body == null) {
    throw new Error(`HTTP status ${res.status}`);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  await pipeline(body, createWriteStream(partial));
  const length = Number(res.headers.get('content-length') ?? NaN);
  if (!Number.isNaN(length) && bytes !== length) {
    throw new Error(`the body ended after ${bytes} of ${length} bytes`);
  }
  return hash.digest('hex');
}

async function downloadFile(file: ManifestFile, target: string,
    args: DownloadArgs): Promise<DownloadResult> {
  if (existsSync(target)) {
    const have = await sha256File(target);
    if (file.sha256 == null) {
      return { path: target, status: 'unverified', sha256: have };
    }
    if (have === file.sha256) {
      return { path: target, status: 'kept', sha256: have };
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  let got: string;
  try {
    got = await fetchToPartial(file, partial, args.fetchImpl ?? fetch);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new Error(`downloadDataset: ${target}: the download from ` +
        `${file.url} must complete, but got "${(err as Error).message}".`);
  }
  if (file.sha256 != null && got !== file.sha256) {
    rmSync(partial, { force: true });
    throw new Error(`downloadDataset: ${target}: SHA-256 must be ` +
        `${file.sha256}, but got ${got}; the download was deleted.`);
  }
  renameSync(partial, target);
  const status = file.sha256 == null ? 'unverified' : 'downloaded';
  return { path: target, status, sha256: got };
}

/**
 * Downloads a data set's files into `<dataDir>/<folder>/`, each streamed
 * to `<file>.partial`, checked against its SHA-256 and then renamed, so
 * that a valid name never holds a partial or corrupt file. A file that
 * is already there with the right hash is kept.
 *
 * @param name A key of the manifest, e.g. `fashion-mnist`.
 * @param args Data directory, optional fetch, manifest and options.
 * @returns One result per file, in manifest order.
 */
/** Whether `inner` lies strictly below the folder `outer`. */
function isInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export async function downloadDataset(
    name: string, args: DownloadArgs): Promise<DownloadResult[]> {
  const manifest = args.manifest ?? DATASET_MANIFEST;
  const dataset = Object.hasOwn(manifest, name) ? manifest[name] : undefined;
  if (dataset == null) {
    throw new RangeError(`downloadDataset: name must be one of ` +
        `${Object.keys(manifest).join(', ')}, but got ${name}.`);
  }
  const unverified = dataset.files.filter((f) => f.sha256 == null);
  if (unverified.length > 0 && !args.allowUnverified) {
    throw new Error(`downloadDataset: ${name} has files without a ` +
        `verified SHA-256 (${unverified.map((f) => f.path).join(', ')}), ` +
        `but allowUnverified is false.`);
  }
  const root = resolve(args.dataDir);
  const folder = resolve(root, dataset.folder);
  // A manifest from a file must write only into its own data set's folder.
  if (!isInside(root, folder)) {
    throw new Error(`downloadDataset: ${name}'s folder must be a folder ` +
        `inside the data directory ${root}, but got ` +
        `${JSON.stringify(dataset.folder)}.`);
  }
  const targets = dataset.files.map((f) => {
    const target = resolve(folder, f.path);
    if (!isInside(folder, target)) {
      throw new Error(`downloadDataset: ${name}'s file paths must stay ` +
          `inside its folder ${folder}, but ${JSON.stringify(f.path)} ` +
          `leaves it.`);
    }
    return target;
  });
  const results: DownloadResult[] = [];
  for (const [i, file] of dataset.files.entries()) {
    const target = targets[i];
    const result = await downloadFile(file, target, args);
    args.onFile?.(result);
    results.push(result);
  }
  return results;
}
