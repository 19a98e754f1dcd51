import { readMaybeGzip } from '../common/file-io.js';
import { DatasetError } from '../common/dataset-error.js';

/** An IDX array: dimensions and the raw element bytes, row-major. */
export interface IdxArray {
  /** Size of each dimension, e.g. [N, 28, 28]. */
  dims: number[];
  /** Elements in row-major order (type 0x08, unsigned byte). */
  data: Uint8Array;
  /** The 4-byte magic number, e.g. 0x00000803. */
  magic: number;
}

const IDX_TYPE_NAMES: Record<number, string> = {
  0x08: 'ubyte', 0x09: 'sbyte', 0x0b: 'int16', 0x0c: 'int32',
  0x0d: 'float32', 0x0e: 'float64',
};

/** Formats a number as 0x%08x. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * Parses IDX bytes (LeCun's MNIST format): magic 00 00 <type> <rank>, one
 * big-endian uint32 per dimension, then the elements.
 *
 * @param bytes The whole (already decompressed) file.
 * @param file Name used in error messages.
 * @returns Dimensions and element bytes; `data` is a view into `bytes`.
 */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4) {
    throw new DatasetError('readIdx', file,
        `an IDX header needs 4 bytes, but got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const magic = view.getUint32(0);
  const type = bytes[2]!;
  const rank = bytes[3]!;
  if (bytes[0] !== 0 || bytes[1] !== 0 || !(type in IDX_TYPE_NAMES)) {
    throw new DatasetError('readIdx', file,
        `the magic number must be 0x0000TTRR with a known type TT, but ` +
        `got ${hex32(magic)}`);
  }
  // TODO: read the other IDX element types (int16, int32, float); some
  // IDX data sets store features that way.
  if (type !== 0x08) {
    throw new DatasetError('readIdx', file,
        `IDX type ${IDX_TYPE_NAMES[type]} (0x${type.toString(16)}) is ` +
        `not supported yet; only ubyte (0x08) is`);
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new DatasetError('readIdx', file,
        `the header is truncated: expected ${headerBytes} bytes, but got ` +
        `${bytes.length}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) {
    dims.push(view.getUint32(4 + 4 * i));
  }
  const want = dims.reduce((a, b) => a * b, 1);
  const got = bytes.length - headerBytes;
  if (got !== want) {
    throw new DatasetError('readIdx', file,
        `${got < want ? 'the data is truncated' : 'trailing bytes'}: ` +
        `dims [${dims}] need ${want} data bytes, but got ${got}`);
  }
  // A plain Uint8Array view, so that slice() copies even for a Buffer.
  const data = new Uint8Array(
      bytes.buffer, bytes.byteOffset + headerBytes, want);
  return { dims, data, magic };
}

/**
 * Reads an IDX file, gzip-compressed or raw.
 *
 * @param path File path; gunzipped when it has the gzip magic or `.gz`.
 * @returns Dimensions and element bytes (type 0x08 only).
 */
export function readIdx(path: string): IdxArray {
  return parseIdx(readMaybeGzip(path), path);
}
