import * as zlib from 'node:zlib';

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table == null) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      table[n] = c >>> 0;
    }
  }
  return table;
}

/**
 * CRC-32 (the zip/gzip polynomial), continuing from `prev`.
 *
 * @param bytes Data to add.
 * @param prev CRC of the data before `bytes`. @default 0
 * @returns Unsigned 32-bit CRC.
 */
export function crc32(bytes: Uint8Array, prev = 0): number {
  // NOTE: zlib.crc32 exists from Node 20.15; the table is the fallback.
  const native = (zlib as { crc32?: (d: Uint8Array, v: number) => number })
      .crc32;
  if (native != null) {
    return native(bytes, prev) >>> 0;
  }
  const t = crcTable();
  let c = ~prev >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  }
  return ~c >>> 0;
}
