import { closeSync, createReadStream, fstatSync, openSync, readSync }
  from 'node:fs';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { DatasetError } from '../common/dataset-error.js';
import { crc32 } from './crc32.js';

/** One member of a zip archive, from its central directory. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Offset of the member's local header in the archive. */
  localOffset: number;
  flags: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX32 = 0xffffffff;

function readAt(fd: number, pos: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const got = readSync(fd, buf, 0, length, pos);
  return buf.subarray(0, got);
}

function fail(file: string, fault: string): never {
  throw new DatasetError('readZipDirectory', file, fault);
}

/** Finds the central directory: [offset, size, entry count]. */
function locateCentralDir(fd: number, file: string, fileSize: number) {
  const tailLen = Math.min(fileSize, 22 + 0xffff);
  const tail = readAt(fd, fileSize - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    fail(file, 'a zip archive must end with an end-of-central-directory ' +
        'record (PK\\x05\\x06), but got none (not a zip, or truncated)');
  }
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  const locAt = at - 20;
  if (locAt >= 0 && tail.readUInt32LE(locAt) === ZIP64_LOCATOR_SIG) {
    const z64 = readAt(fd, Number(tail.readBigUInt64LE(locAt + 8)), 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) {
      fail(file, 'the zip64 end record has a bad signature');
    }
    count = Number(z64.readBigUInt64LE(32));
    size = Number(z64.readBigUInt64LE(40));
    offset = Number(z64.readBigUInt64LE(48));
  }
  if (offset + size > fileSize) {
    fail(file, `the central directory must end by byte ${fileSize}, but ` +
        `got ${offset + size} (truncated)`);
  }
  return { offset, size, count };
}

/** Applies the zip64 extra field (id 1) to sizes stored as 0xffffffff. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.size === MAX32) entry.size = next();
      if (entry.compressedSize === MAX32) entry.compressedSize = next();
      if (entry.localOffset === MAX32) entry.localOffset = next();
    }
    p += 4 + len;
  }
}

/**
 * Reads the central directory of a zip archive (zip64 included).
 *
 * @param path Archive path.
 * @returns The members in directory order.
 */
export function readZipDirectory(path: string): ZipEntry[] {
  const fd = openSync(path, 'r');
  try {
    const fileSize = fstatSync(fd).size;
    const { offset, size, count } = locateCentralDir(fd, path, fileSize);
    const dir = readAt(fd, offset, size);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIG) {
        fail(path, `central directory entry ${i} must start with ` +
            `PK\\x01\\x02, but got a bad signature at byte ${offset + p}`);
      }
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        name: dir.toString('utf8', p + 46, p + 46 + nameLen),
        flags: dir.readUInt16LE(p + 8),
        method: dir.readUInt16LE(p + 10),
        crc32: dir.readUInt32LE(p + 16),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        localOffset: dir.readUInt32LE(p + 42),
      };
      const extraAt = p + 46 + nameLen;
      applyZip64(entry, dir.subarray(extraAt, extraAt + extraLen));
      entries.push(entry);
      p = extraAt + extraLen + commentLen;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/** Finds a member by name; the error lists what the archive holds. */
export function findZipEntry(
    path: string, entries: ZipEntry[], name: string): ZipEntry {
  const entry = entries.find((e) => e.name === name);
  if (entry == null) {
    const names = entries.map((e) => e.name).slice(0, 8).join(', ');
    throw new DatasetError('findZipEntry', `${path}:${name}`,
        `the member must exist, but the archive holds only [${names}` +
        `${entries.length > 8 ? ', ...' : ''}]`);
  }
  return entry;
}

/** Checks the member's local header; returns where its data starts. */
function memberDataRange(path: string, entry: ZipEntry): [number, number] {
  const where = `${path}:${entry.name}`;
  if (entry.flags & 1) {
    throw new DatasetError('readZipMember', where,
        'encrypted members are not supported yet');
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new DatasetError('readZipMember', where, `compression method ` +
        `${entry.method} is not supported yet; only stored (0) and ` +
        `deflate (8)`);
  }
  const fd = openSync(path, 'r');
  try {
    const fileSize = fstatSync(fd).size;
    const head = readAt(fd, entry.localOffset, 30);
    if (head.length < 30 || head.readUInt32LE(0) !== LOCAL_SIG) {
      throw new DatasetError('readZipMember', where, `the local header at ` +
          `byte ${entry.localOffset} must start with PK\\x03\\x04, but got ` +
          `a bad signature`);
    }
    const start = entry.localOffset + 30 + head.readUInt16LE(26) +
        head.readUInt16LE(28);
    const end = start + entry.compressedSize;
    if (end > fileSize) {
      throw new DatasetError('readZipMember', where, `the data is ` +
          `truncated: expected bytes up to ${end}, but the file has ` +
          `${fileSize}`);
    }
    return [start, end];
  } finally {
    closeSync(fd);
  }
}

function checkMember(where: string, entry: ZipEntry, size: number,
    crc: number): void {
  if (size !== entry.size) {
    throw new DatasetError('readZipMember', where, `the data is truncated ` +
        `or corrupt: expected ${entry.size} bytes, but got ${size}`);
  }
  if (crc !== entry.crc32) {
    throw new DatasetError('readZipMember', where, `CRC-32 mismatch: ` +
        `expected ${entry.crc32.toString(16)}, but got ${crc.toString(16)}`);
  }
}

/**
 * Reads one member fully into memory, inflating it and checking its
 * size and CRC-32.
 */
export function readZipMember(path: string, entry: ZipEntry): Buffer {
  const where = `${path}:${entry.name}`;
  const [start, end] = memberDataRange(path, entry);
  const fd = openSync(path, 'r');
  let raw: Buffer;
  try {
    raw = readAt(fd, start, end - start);
  } finally {
    closeSync(fd);
  }
  let data = raw;
  if (entry.method === 8) {
    try {
      data = inflateRawSync(raw);
    } catch (err) {
      throw new DatasetError('readZipMember', where,
          `deflate data must be valid, but got "${(err as Error).message}"`);
    }
  }
  checkMember(where, entry, data.length, crc32(data));
  return data;
}

/** Raw or inflated bytes of a member's data range, as a stream. */
function openMemberSource(path: string, entry: ZipEntry, start: number,
    end: number): AsyncIterable<Buffer> {
  if (end === start) {
    return (async function* () {})();
  }
  const raw = createReadStream(path, { start, end: end - 1 });
  if (entry.method === 0) {
    return raw;
  }
  const inflate = createInflateRaw();
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}

/**
 * Streams one member's uncompressed bytes, checking its size and CRC-32
 * once the last chunk has been yielded (the error then comes from the
 * iterator).
 */
export async function* streamZipMember(
    path: string, entry: ZipEntry): AsyncGenerator<Buffer> {
  const where = `${path}:${entry.name}`;
  const [start, end] = memberDataRange(path, entry);
  const source = openMemberSource(path, entry, start, end);
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof DatasetError) throw err;
    throw new DatasetError('streamZipMember', where,
        `deflate data must be valid, but got "${(err as Error).message}"`);
  }
  checkMember(where, entry, size, crc);
}
