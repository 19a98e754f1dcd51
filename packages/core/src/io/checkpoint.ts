import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

import { writeFileAtomic } from './atomic-write.js';

const MAGIC = 'MMXCKPT1';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
const FILE_PATTERN = /^ckpt-(\d{6})\.mmx$/;

/** A tensor as stored in a checkpoint. */
export interface StoredTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

/** What a checkpoint holds: named tensors and a JSON-serialisable state. */
export interface Checkpoint {
  /** Number of finished epochs. */
  epoch: number;
  state: Record<string, unknown>;
  tensors: Record<string, StoredTensor>;
}

interface Entry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
  byteLength: number;
}

/** Reads tensors' values into the storable form. */
export async function storeTensors(
    named: ReadonlyArray<{ name: string; tensor: tf.Tensor }>):
    Promise<Record<string, StoredTensor>> {
  const out: Record<string, StoredTensor> = {};
  for (const { name, tensor } of named) {
    if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
      throw new TypeError(
        `storeTensors: only float32 and int32 are stored, but '${name}' ` +
        `is ${tensor.dtype}.`);
    }
    const values = await tensor.data() as Float32Array | Int32Array;
    out[name] = { shape: [...tensor.shape], dtype: tensor.dtype,
      values: values.slice() };
  }
  return out;
}

function checkpointName(epoch: number): string {
  return `ckpt-${String(epoch).padStart(6, '0')}.mmx`;
}

/** Serialises a checkpoint: magic, header length, JSON header, data. */
function encode(ckpt: Checkpoint): Uint8Array {
  const entries: Entry[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(ckpt.tensors)) {
    entries.push({ name, shape: t.shape, dtype: t.dtype, offset,
      byteLength: t.values.byteLength });
    offset += t.values.byteLength;
  }
  const data = Buffer.alloc(offset);
  for (const [i, t] of Object.values(ckpt.tensors).entries()) {
    Buffer.from(t.values.buffer, t.values.byteOffset, t.values.byteLength)
        .copy(data, entries[i].offset);
  }
  const header = Buffer.from(JSON.stringify({ epoch: ckpt.epoch,
    state: ckpt.state, entries, dataLength: offset, sha256: sha256(data) }));
  const out = Buffer.alloc(MAGIC.length + 4 + header.length);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, MAGIC.length + 4);
  return Buffer.concat([out, data]);
}

function decode(file: string, bytes: Buffer): Checkpoint {
  const fail = (fault: string): never => {
    throw new Error(`loadCheckpoint: ${file} is not a valid checkpoint: ${fault}.`);
  };
  if (bytes.length < MAGIC.length + 4 ||
      bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    fail('bad magic');
  }
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const base = MAGIC.length + 4 + headerLength;
  if (base > bytes.length) fail('truncated header');
  let header: { epoch: number; state: Record<string, unknown>;
    entries: Entry[]; dataLength: number; sha256?: string };
  try {
    header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, base));
  } catch {
    return fail('unreadable header');
  }
  if (bytes.length !== base + header.dataLength) {
    fail(`expected ${base + header.dataLength} bytes, got ${bytes.length}`);
  }
  // Files written before the checksum was added have none to compare.
  if (header.sha256 !== undefined &&
      sha256(bytes.subarray(base)) !== header.sha256) {
    fail('the data does not match its SHA-256 (damaged on disk?)');
  }
  const tensors: Record<string, StoredTensor> = {};
  for (const e of header.entries) {
    const slice = bytes.buffer.slice(bytes.byteOffset + base + e.offset,
        bytes.byteOffset + base + e.offset + e.byteLength);
    const values = e.dtype === 'int32' ?
        new Int32Array(slice) : new Float32Array(slice);
    tensors[e.name] = { shape: e.shape, dtype: e.dtype, values };
  }
  return { epoch: header.epoch, state: header.state, tensors };
}

/**
 * Writes `ckpt-<epoch>.mmx` into `dir` atomically, then removes all but
 * the newest `keep` checkpoints.
 *
 * @returns The path written.
 */
export function saveCheckpoint(
    dir: string, ckpt: Checkpoint, keep = 2): string {
  if (!Number.isInteger(ckpt.epoch) || ckpt.epoch < 0) {
    throw new RangeError(
      `saveCheckpoint: epoch must be an integer >= 0, but got ${ckpt.epoch}.`);
  }
  if (!Number.isInteger(keep) || keep < 1) {
    throw new RangeError(
      `saveCheckpoint: keep must be an integer >= 1, but got ${keep}.`);
  }
  const file = path.join(dir, checkpointName(ckpt.epoch));
  writeFileAtomic(file, encode(ckpt));
  for (const old of listCheckpoints(dir).slice(0, -keep)) {
    fs.rmSync(old, { force: true });
  }
  return file;
}

/** Checkpoint files in `dir`, oldest first. */
export function listCheckpoints(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => FILE_PATTERN.test(f)).sort()
      .map((f) => path.join(dir, f));
}

/** Reads one checkpoint file. */
export function loadCheckpoint(file: string): Checkpoint {
  return decode(file, fs.readFileSync(file));
}

/** Reports a checkpoint file that could not be read and was passed over. */
export type SkippedCheckpoint = (file: string, error: Error) => void;

const warnSkipped: SkippedCheckpoint = (file, error) => {
  process.stderr.write(
    `warning: passing over ${file}, which cannot be read (${error.message}); ` +
    `using the newest readable checkpoint before it.\n`);
};

/**
 * Reads the newest readable checkpoint in `dir`, or returns null if it
 * has none. A damaged newer file (e.g. a disk fault) is passed over, with
 * `onSkip` told, in favour of the next older one, so that a resume loses
 * as little as possible; if no file can be read, the error lists every
 * file and its fault.
 */
export function loadLatestCheckpoint(dir: string,
    onSkip: SkippedCheckpoint = warnSkipped): Checkpoint | null {
  const files = listCheckpoints(dir).reverse();
  const errors: Error[] = [];
  for (const file of files) {
    try {
      const ckpt = loadCheckpoint(file);
      files.slice(0, errors.length).forEach((f, i) => onSkip(f, errors[i]));
      return ckpt;
    } catch (error) {
      errors.push(error as Error);
    }
  }
  if (errors.length > 0) {
    throw new Error(
      `loadLatestCheckpoint: no checkpoint in ${dir} can be read: ` +
      `${errors.map((e) => e.message).join(' ')}`);
  }
  return null;
}
