import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from './dataset-error.js';

/** True when the bytes start with the gzip magic 1f 8b. */
export function hasGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads a whole file, gunzipping it when it starts with the gzip magic
 * (1f 8b) or its name ends in `.gz`.
 *
 * @param path File to read.
 * @returns The (decompressed) bytes.
 */
export function readMaybeGzip(path: string): Buffer {
  const raw = readFileSync(path);
  if (!hasGzipMagic(raw) && !path.endsWith('.gz')) {
    return raw;
  }
  try {
    return gunzipSync(raw);
  } catch (err) {
    throw new DatasetError('readMaybeGzip', path,
        `gzip data must be complete and valid, but got ` +
        `"${(err as Error).message}"`);
  }
}

/**
 * Computes the SHA-256 of a file by streaming it.
 *
 * @param path File to hash.
 * @returns Lower-case hex digest, 64 characters.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
