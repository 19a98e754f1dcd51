// Builders of .npy and zip bytes for this package's tests; not public API.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';

/**
 * .npy bytes with a padded Python-dict header, as numpy writes them.
 *
 * @param version 1 (uint16 header length) or 2 (uint32).
 */
export function makeNpy(descr: string, shape: number[], data: Uint8Array,
    { version = 1, fortran = false } = {}): Buffer {
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': ` +
      `${fortran ? 'True' : 'False'}, 'shape': ${tuple}, }`;
  const pre = version === 1 ? 10 : 12;
  const padded = dict.padEnd(Math.ceil((pre + dict.length + 1) / 64) * 64 -
      pre - 1) + '\n';
  const head = Buffer.alloc(pre);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(head);
  if (version === 1) {
    head.writeUInt16LE(padded.length, 8);
  } else {
    head.writeUInt32LE(padded.length, 8);
  }
  return Buffer.concat([head, Buffer.from(padded, 'latin1'), data]);
}

export interface ZipMemberSpec {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflate. @default 8 */
  method?: number;
  /** Override the CRC written to the directory, to fake corruption. */
  crc?: number;
}

/** Zip64 extra field (id 1) with size, compressed size and offset. */
function zip64Extra(size: number, csize: number, offset: number): Buffer {
  const extra = Buffer.alloc(28);
  extra.writeUInt16LE(1, 0);
  extra.writeUInt16LE(24, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  extra.writeBigUInt64LE(BigInt(csize), 12);
  extra.writeBigUInt64LE(BigInt(offset), 20);
  return extra;
}

/** Zip64 end record and locator, placed before the classic end record. */
function zip64End(count: number, dirSize: number, dirOffset: number): Buffer {
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(0x06064b50, 0);
  rec.writeBigUInt64LE(44n, 4);
  rec.writeBigUInt64LE(BigInt(count), 24);
  rec.writeBigUInt64LE(BigInt(count), 32);
  rec.writeBigUInt64LE(BigInt(dirSize), 40);
  rec.writeBigUInt64LE(BigInt(dirOffset), 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(BigInt(dirOffset + dirSize), 8);
  loc.writeUInt32LE(1, 16);
  return Buffer.concat([rec, loc]);
}

/**
 * A minimal zip archive holding the members in order. With `zip64`, the
 * central directory stores sizes and offsets as 0xffffffff plus a zip64
 * extra field, and a zip64 end record is written, as numpy's savez does.
 */
export function makeZip(members: ZipMemberSpec[], zip64 = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const method = m.method ?? 8;
    const body = method === 8 ? deflateRawSync(m.data) : Buffer.from(m.data);
    const name = Buffer.from(m.name, 'utf8');
    const crc = m.crc ?? crc32(m.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(m.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    const big = zip64 ? 0xffffffff : -1;
    central.writeUInt32LE(zip64 ? big : body.length, 20);
    central.writeUInt32LE(zip64 ? big : m.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(zip64 ? big : offset, 42);
    const extra = zip64 ?
        zip64Extra(m.data.length, body.length, offset) : Buffer.alloc(0);
    central.writeUInt16LE(extra.length, 30);
    locals.push(local, name, body);
    centrals.push(central, name, extra);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  const tail = zip64 ?
      zip64End(members.length, dir.length, offset) : Buffer.alloc(0);
  return Buffer.concat([...locals, dir, tail, end]);
}
