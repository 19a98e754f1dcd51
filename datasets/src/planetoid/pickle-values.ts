/**
 * The values a restricted unpickler can produce. Python objects map onto
 * plain TypeScript data; the only "classes" are the few that the Planetoid
 * files name as globals, each rebuilt here from its pickled state without
 * running anything.
 */

/** A Python 2 `str` (bytes); `text` decodes it as latin1. */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}

  get text(): string {
    let out = '';
    for (const b of this.bytes) out += String.fromCharCode(b);
    return out;
  }
}

/** A Python tuple, kept apart from lists. */
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** A numpy dtype: kind and size from `dtype('i4')`, order from BUILD. */
export class NpDtype {
  byteOrder = '=';

  constructor(readonly code: string) {}
}

/** A numpy array rebuilt from `_reconstruct` + BUILD. */
export class NpArray {
  shape: number[] = [];
  dtype: NpDtype | null = null;
  fortranOrder = false;
  /** The raw element bytes, little-endian, C order. */
  raw: Uint8Array = new Uint8Array(0);
  built = false;
}

/** A scipy CSR matrix; `state` is its pickled `__dict__`. */
export class CsrState {
  state: Map<PyKey, PyValue> | null = null;
}

/** The marker for a global that is only ever passed as an argument. */
export class PyGlobalRef {
  constructor(readonly name: string) {}
}

/** A dict key: an int, or a byte string decoded as latin1. */
export type PyKey = number | string;

/** Everything the reader can put on its stack. */
export type PyValue =
  | null
  | boolean
  | number
  | PyBytes
  | PyTuple
  | PyValue[]
  | Map<PyKey, PyValue>
  | NpDtype
  | NpArray
  | CsrState
  | PyGlobalRef;

/** The globals the reader accepts, as `module name`. */
export const ALLOWED_GLOBALS: readonly string[] = Object.freeze([
  'numpy.core.multiarray _reconstruct',
  'numpy ndarray',
  'numpy dtype',
  'scipy.sparse.csr csr_matrix',
  'collections defaultdict',
  '__builtin__ list',
]);

const ITEM_SIZES: Record<string, number> = { i4: 4, i8: 8, f4: 4, f8: 8 };

/** Element size in bytes of a supported dtype code, or 0. */
export function itemSize(code: string): number {
  return ITEM_SIZES[code] ?? 0;
}

/** Copies an array's raw bytes into a typed array of its dtype. */
export function typedArrayOf(
    arr: NpArray): Int32Array | Float32Array | Float64Array | number[] {
  const raw = arr.raw;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const code = arr.dtype?.code ?? '';
  const size = itemSize(code);
  const count = raw.byteLength / size;
  if (code === 'i4') {
    return Int32Array.from({ length: count }, (_, i) =>
      view.getInt32(4 * i, true));
  }
  if (code === 'f4') {
    return Float32Array.from({ length: count }, (_, i) =>
      view.getFloat32(4 * i, true));
  }
  if (code === 'f8') {
    return Float64Array.from({ length: count }, (_, i) =>
      view.getFloat64(8 * i, true));
  }
  return Array.from({ length: count }, (_, i) =>
    Number(view.getBigInt64(8 * i, true)));
}
