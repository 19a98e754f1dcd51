import { readFileSync } from 'node:fs';
import { DatasetError } from '../common/dataset-error.js';

/** Element types this reader understands. */
export type NpyDtype =
  'bool' | 'uint8' | 'int8' | 'int32' | 'int64' | 'float32' | 'float64';

/** Typed array holding an .npy array's elements, row-major. */
export type NpyData = Uint8Array | Int8Array | Int32Array | BigInt64Array |
  Float32Array | Float64Array;

/** A parsed .npy array. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  /** Elements row-major; bool as 0/1 bytes, int64 as BigInt64Array. */
  data: NpyData;
}

/** The .npy header: what the array is and where its data starts. */
export interface NpyHeader {
  dtype: NpyDtype;
  shape: number[];
  /** Bytes per element. */
  itemSize: number;
  /** Offset of the first data byte from the start of the file. */
  dataOffset: number;
  version: string;
}

// TODO: big-endian and structured dtypes; npz files from other hosts use them.
const DESCR: Record<string, [NpyDtype, number]> = {
  '|b1': ['bool', 1], '|u1': ['uint8', 1], '<u1': ['uint8', 1],
  '|i1': ['int8', 1], '<i1': ['int8', 1], '<i4': ['int32', 4],
  '<i8': ['int64', 8], '<f4': ['float32', 4], '<f8': ['float64', 8],
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function fail(file: string, fault: string): never {
  throw new DatasetError('parseNpy', file, fault);
}

/** Parses the Python-dict header text: descr, fortran_order, shape. */
function parseDict(text: string, file: string) {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr == null || fortran == null || shapeText == null) {
    fail(file, `the header must be a dict with 'descr', 'fortran_order' ` +
        `and 'shape', but got ${JSON.stringify(text.trim())} (structured ` +
        `dtypes are not supported yet)`);
  }
  if (fortran === 'True') {
    fail(file, 'fortran_order True is not supported yet');
  }
  const dt = DESCR[descr];
  if (dt == null) {
    fail(file, `dtype '${descr}' is not supported yet; supported are ` +
        Object.keys(DESCR).join(' '));
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s)
      .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    fail(file, `shape must be a tuple of integers >= 0, but got ` +
        `(${shapeText})`);
  }
  return { dtype: dt[0], itemSize: dt[1], shape };
}

/**
 * Parses an .npy header (format versions 1.0, 2.0 and 3.0).
 *
 * @param bytes The file's first bytes; must reach past the header.
 * @param file Name used in error messages.
 */
export function parseNpyHeader(bytes: Uint8Array, file: string): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail(file, 'an .npy file must start with \\x93NUMPY, but got ' +
        JSON.stringify(Buffer.from(bytes.subarray(0, 6)).toString('latin1')));
  }
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (major < 1 || major > 3) {
    fail(file, `npy version ${major}.${bytes[7]} is not supported yet`);
  }
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) {
    fail(file, 'the header is truncated');
  }
  const headerLen = lenBytes === 2 ?
      view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lenBytes + headerLen;
  if (bytes.length < dataOffset) {
    fail(file, `the header is truncated: expected ${dataOffset} bytes, ` +
        `but got ${bytes.length}`);
  }
  const text = Buffer.from(bytes.subarray(8 + lenBytes, dataOffset))
      .toString(major === 3 ? 'utf8' : 'latin1');
  return {
    ...parseDict(text, file), dataOffset, version: `${major}.${bytes[7]}`,
  };
}

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function makeTyped(dtype: NpyDtype, buf: ArrayBuffer): NpyData {
  switch (dtype) {
    case 'bool': case 'uint8': return new Uint8Array(buf);
    case 'int8': return new Int8Array(buf);
    case 'int32': return new Int32Array(buf);
    case 'int64': return new BigInt64Array(buf);
    case 'float32': return new Float32Array(buf);
    case 'float64': return new Float64Array(buf);
  }
}

/**
 * Parses a whole .npy file held in memory. Little-endian and C order
 * only; the data is copied, so it is aligned for its typed array.
 *
 * @param bytes The file's bytes.
 * @param file Name used in error messages.
 */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  const header = parseNpyHeader(bytes, file);
  const want = shapeSize(header.shape) * header.itemSize;
  const got = bytes.length - header.dataOffset;
  if (got !== want) {
    fail(file, `${got < want ? 'the data is truncated' : 'trailing bytes'}` +
        `: shape (${header.shape}) needs ${want} data bytes, but got ${got}`);
  }
  const start = bytes.byteOffset + header.dataOffset;
  const buf = bytes.buffer.slice(start, start + want) as ArrayBuffer;
  return {
    dtype: header.dtype, shape: header.shape,
    data: makeTyped(header.dtype, buf),
  };
}

/** Reads and parses an .npy file. */
export function readNpy(path: string): NpyArray {
  return parseNpy(readFileSync(path), path);
}
