import { describe, expect, it } from 'vitest';
import { CsrState, NpArray, PyTuple, typedArrayOf } from './pickle-values.js';
import { readPickle } from './read-pickle.js';

const FILE = '/data/ind.test.x';

/** Bytes from a mix of numbers (single bytes) and latin1 strings. */
function bytes(...parts: (number | string)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else for (const ch of p) out.push(ch.charCodeAt(0));
  }
  return Uint8Array.from(out);
}

const PROTO2 = [0x80, 2];

describe('readPickle', () => {
  it('reads lists, ints, tuples and dicts', () => {
    // [5, 300, -2, (None, True)] and {'a': 1}
    const list = readPickle(bytes(...PROTO2, ']', '(', 'K', 5, 'M', 44, 1,
        'J', 0xfe, 0xff, 0xff, 0xff, 'N', 0x88, 0x86, 'e', '.'), FILE);
    expect(Array.isArray(list)).toBe(true);
    const items = list as unknown[];
    expect(items.slice(0, 3)).toEqual([5, 300, -2]);
    expect((items[3] as PyTuple).items).toEqual([null, true]);
    const dict = readPickle(bytes(...PROTO2, '}', '(', 'U', 1, 'a', 'K', 1,
        'u', '.'), FILE);
    expect(dict).toEqual(new Map([['a', 1]]));
  });

  it('rebuilds a numpy array from its allowed globals', () => {
    const raw = [1, 0, 0, 0, 2, 0, 0, 0];
    const pickle = bytes(...PROTO2,
        'c', 'numpy.core.multiarray\n_reconstruct\n', 'q', 1,
        'c', 'numpy\nndarray\n', 'q', 2, 'K', 0, 0x85, 'U', 1, 'b', 0x87,
        'R', '(', 'K', 1, 'K', 2, 0x85,
        'c', 'numpy\ndtype\n', 'U', 2, 'i4', 'K', 0, 'K', 1, 0x87, 'R',
        '(', 'K', 3, 'U', 1, '<', 'N', 'N', 'N', 'J', 255, 255, 255, 255,
        'J', 255, 255, 255, 255, 'K', 0, 't', 'b',
        0x89, 'T', 8, 0, 0, 0, ...raw, 't', 'b', '.');
    const arr = readPickle(pickle, FILE) as NpArray;
    expect(arr).toBeInstanceOf(NpArray);
    expect(arr.shape).toEqual([2]);
    expect(Array.from(typedArrayOf(arr))).toEqual([1, 2]);
  });

  it('creates a csr_matrix only through NEWOBJ with no arguments', () => {
    const pickle = bytes(...PROTO2, 'c', 'scipy.sparse.csr\ncsr_matrix\n',
        ')', 0x81, '}', 'b', '.');
    expect(readPickle(pickle, FILE)).toBeInstanceOf(CsrState);
  });

  it('refuses a global outside the allow-list, naming it and where', () => {
    const pickle = bytes(...PROTO2, 'c', 'os\nsystem\n', 'U', 2, 'ls',
        0x85, 'R', '.');
    expect(() => readPickle(pickle, FILE)).toThrow(
        /ind\.test\.x: globals must be one of .* 'os system' at byte 2/);
  });

  it('refuses opcodes the Planetoid files do not use', () => {
    expect(() => readPickle(bytes(...PROTO2, 0xff, '.'), FILE)).toThrow(
        /0xff 'unknown' at byte 2/);
    // INST would import and call a class; BINUNICODE is merely unused.
    expect(() => readPickle(bytes(...PROTO2, 'i', 'os\nsystem\n', '.'),
        FILE)).toThrow(/0x69 'INST' at byte 2/);
    expect(() => readPickle(bytes(...PROTO2, 'X', 1, 0, 0, 0, 'a', '.'),
        FILE)).toThrow(/0x58 'BINUNICODE'/);
  });

  it('refuses REDUCE on an allowed global with other arguments', () => {
    // defaultdict(int) is not among the rebuilt objects.
    const pickle = bytes(...PROTO2, 'c', 'collections\ndefaultdict\n',
        'c', 'numpy\ndtype\n', 0x85, 'R', '.');
    expect(() => readPickle(pickle, FILE)).toThrow(
        /REDUCE may only rebuild .* but got 0x52 'REDUCE' at byte 41/);
  });

  it('refuses calling a list or BUILD on a plain value', () => {
    const reduceList = bytes(...PROTO2, 'c', '__builtin__\nlist\n', ')',
        'R', '.');
    expect(() => readPickle(reduceList, FILE)).toThrow(/REDUCE may only/);
    const buildInt = bytes(...PROTO2, 'K', 1, '}', 'b', '.');
    expect(() => readPickle(buildInt, FILE)).toThrow(/BUILD may only/);
  });

  it('refuses truncated data, protocols other than 2 and a missing STOP',
      () => {
        expect(() => readPickle(bytes(...PROTO2, 'T', 9, 0, 0, 0, 'ab'),
            FILE)).toThrow(/ends inside 0x54 'BINSTRING' at byte 2/);
        expect(() => readPickle(bytes(0x80, 4, 'N', '.'), FILE))
          .toThrow(/protocol must be 2/);
        expect(() => readPickle(bytes(...PROTO2, 'N'), FILE))
          .toThrow(/ends inside/);
      });

  it('refuses an ndarray whose bytes do not match its shape', () => {
    const pickle = bytes(...PROTO2,
        'c', 'numpy.core.multiarray\n_reconstruct\n',
        'c', 'numpy\nndarray\n', 'K', 0, 0x85, 'U', 1, 'b', 0x87, 'R',
        '(', 'K', 1, 'K', 3, 0x85,
        'c', 'numpy\ndtype\n', 'U', 2, 'f4', 'K', 0, 'K', 1, 0x87, 'R',
        0x89, 'U', 4, 0, 0, 0, 0, 't', 'b', '.');
    expect(() => readPickle(pickle, FILE)).toThrow(
        /must hold 12 bytes \(it holds 4\)/);
  });
});
