/**
 * A restricted reader for Python pickles (protocol 2): it understands the
 * opcodes and globals that the Planetoid `ind.*` files use and refuses
 * everything else. It never calls, imports or constructs anything outside
 * that list; the allowed globals are rebuilt as plain data.
 */
import { DatasetError } from '../common/dataset-error.js';
import {
  ALLOWED_GLOBALS, CsrState, itemSize, NpArray, NpDtype, PyBytes,
  PyGlobalRef, PyTuple,
} from './pickle-values.js';
import type { PyKey, PyValue } from './pickle-values.js';

const FN = 'readPickle';

/** Opcodes that the Planetoid files use, by byte. */
const OPS: Record<number, string> = {
  0x80: 'PROTO', 0x63: 'GLOBAL', 0x71: 'BINPUT', 0x72: 'LONG_BINPUT',
  0x68: 'BINGET', 0x28: 'MARK', 0x74: 'TUPLE', 0x85: 'TUPLE1',
  0x86: 'TUPLE2', 0x87: 'TUPLE3', 0x29: 'EMPTY_TUPLE', 0x7d: 'EMPTY_DICT',
  0x5d: 'EMPTY_LIST', 0x61: 'APPEND', 0x65: 'APPENDS', 0x75: 'SETITEMS',
  0x4a: 'BININT', 0x4b: 'BININT1', 0x4d: 'BININT2', 0x54: 'BINSTRING',
  0x55: 'SHORT_BINSTRING', 0x4e: 'NONE', 0x88: 'NEWTRUE', 0x89: 'NEWFALSE',
  0x52: 'REDUCE', 0x62: 'BUILD', 0x81: 'NEWOBJ', 0x2e: 'STOP',
};

/** Names of the other pickle opcodes, only to word the refusal. */
const OTHER_OPS: Record<number, string> = {
  0x49: 'INT', 0x4c: 'LONG', 0x8a: 'LONG1', 0x8b: 'LONG4', 0x53: 'STRING',
  0x42: 'BINBYTES', 0x43: 'SHORT_BINBYTES', 0x56: 'UNICODE',
  0x8c: 'SHORT_BINUNICODE', 0x58: 'BINUNICODE', 0x46: 'FLOAT',
  0x47: 'BINFLOAT', 0x6c: 'LIST', 0x64: 'DICT', 0x73: 'SETITEM',
  0x30: 'POP', 0x32: 'DUP', 0x31: 'POP_MARK', 0x67: 'GET',
  0x6a: 'LONG_BINGET', 0x70: 'PUT', 0x94: 'MEMOIZE', 0x93: 'STACK_GLOBAL',
  0x69: 'INST', 0x6f: 'OBJ', 0x92: 'NEWOBJ_EX', 0x95: 'FRAME',
  0x50: 'PERSID', 0x51: 'BINPERSID', 0x82: 'EXT1', 0x83: 'EXT2',
  0x84: 'EXT4', 0x8f: 'EMPTY_SET', 0x90: 'ADDITEMS', 0x91: 'FROZENSET',
};

const MARK = Symbol('mark');
type Slot = PyValue | typeof MARK;

class Machine {
  private pos = 0;
  private stack: Slot[] = [];
  private memo = new Map<number, PyValue>();
  private opStart = 0;
  private opName = '';

  constructor(private readonly bytes: Uint8Array,
      private readonly file: string) {}

  fail(fault: string): never {
    throw new DatasetError(FN, this.file, fault);
  }

  opFault(rule: string): never {
    this.fail(`${rule}, but got ${this.opName} at byte ${this.opStart}`);
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) {
      this.fail(`the data must be complete, but it ends inside ` +
          `${this.opName} at byte ${this.opStart}`);
    }
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  uint(n: number): number {
    const b = this.take(n);
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + b[i];
    return v;
  }

  line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) this.take(this.bytes.length + 1);
    const text = new PyBytes(this.bytes.subarray(this.pos, end)).text;
    this.pos = end + 1;
    return text;
  }

  pop(): PyValue {
    const v = this.stack.pop();
    if (v === undefined || v === MARK) {
      this.opFault('the stack must hold a value here');
    }
    return v;
  }

  top(): PyValue {
    const v = this.stack[this.stack.length - 1];
    if (v === undefined || v === MARK) {
      this.opFault('the stack must hold a value here');
    }
    return v;
  }

  popMark(): PyValue[] {
    const at = this.stack.lastIndexOf(MARK);
    if (at < 0) this.opFault('a MARK must come first');
    const items = this.stack.splice(at) as PyValue[];
    items.shift();
    return items;
  }

  run(): PyValue {
    for (;;) {
      this.opStart = this.pos;
      const code = this.take(1)[0];
      const name = OPS[code];
      this.opName = `0x${code.toString(16).padStart(2, '0')} ` +
          `'${name ?? OTHER_OPS[code] ?? 'unknown'}'`;
      if (name === undefined) {
        this.fail(`opcodes must be among the ${Object.keys(OPS).length} ` +
            `that the Planetoid files use, but got ${this.opName} ` +
            `at byte ${this.opStart}`);
      }
      if (name === 'STOP') return this.pop();
      this.step(name);
    }
  }

  step(name: string): void {
    const s = this.stack;
    switch (name) {
      case 'PROTO': {
        const proto = this.uint(1);
        if (proto !== 2) this.opFault('the protocol must be 2');
        return;
      }
      case 'GLOBAL': return this.global();
      case 'BINPUT': this.memo.set(this.uint(1), this.top()); return;
      case 'LONG_BINPUT': this.memo.set(this.uint(4), this.top()); return;
      case 'BINGET': return this.get(this.uint(1));
      case 'MARK': s.push(MARK); return;
      case 'TUPLE': s.push(new PyTuple(this.popMark())); return;
      case 'TUPLE1': s.push(new PyTuple([this.pop()])); return;
      case 'TUPLE2': return this.tupleOf(2);
      case 'TUPLE3': return this.tupleOf(3);
      case 'EMPTY_TUPLE': s.push(new PyTuple([])); return;
      case 'EMPTY_DICT': s.push(new Map()); return;
      case 'EMPTY_LIST': s.push([]); return;
      case 'APPEND': return this.append([this.pop()]);
      case 'APPENDS': return this.append(this.popMark());
      case 'SETITEMS': return this.setItems(this.popMark());
      case 'BININT': s.push(this.uint(4) | 0); return;
      case 'BININT1': s.push(this.uint(1)); return;
      case 'BININT2': s.push(this.uint(2)); return;
      case 'BINSTRING': s.push(new PyBytes(this.take(this.uint(4)))); return;
      case 'SHORT_BINSTRING':
        s.push(new PyBytes(this.take(this.uint(1))));
        return;
      case 'NONE': s.push(null); return;
      case 'NEWTRUE': s.push(true); return;
      case 'NEWFALSE': s.push(false); return;
      case 'REDUCE': return this.reduce();
      case 'BUILD': return this.build();
      case 'NEWOBJ': return this.newObj();
    }
  }

  tupleOf(n: number): void {
    const items: PyValue[] = [];
    for (let i = 0; i < n; i++) items.unshift(this.pop());
    this.stack.push(new PyTuple(items));
  }

  get(key: number): void {
    const v = this.memo.get(key);
    if (v === undefined) this.opFault(`memo key ${key} must be set`);
    this.stack.push(v);
  }

  global(): void {
    const name = `${this.line()} ${this.line()}`;
    if (!ALLOWED_GLOBALS.includes(name)) {
      this.fail(`globals must be one of ${ALLOWED_GLOBALS.join(', ')}, ` +
          `but got '${name}' at byte ${this.opStart}`);
    }
    this.stack.push(new PyGlobalRef(name));
  }

  append(items: PyValue[]): void {
    const list = this.top();
    if (!Array.isArray(list)) this.opFault('APPEND needs a list');
    list.push(...items);
  }

  setItems(items: PyValue[]): void {
    const dict = this.top();
    if (!(dict instanceof Map) || items.length % 2 !== 0) {
      this.opFault('SETITEMS needs a dict and key-value pairs');
    }
    for (let i = 0; i < items.length; i += 2) {
      dict.set(this.key(items[i]), items[i + 1]);
    }
  }

  key(k: PyValue): PyKey {
    if (typeof k === 'number') return k;
    if (k instanceof PyBytes) return k.text;
    this.opFault('dict keys must be ints or strings');
  }

  reduce(): void {
    const args = this.pop();
    const fn = this.pop();
    const a = args instanceof PyTuple ? args.items : [];
    const name = fn instanceof PyGlobalRef ? fn.name : '';
    if (name === 'numpy.core.multiarray _reconstruct' &&
        a[0] instanceof PyGlobalRef && a[0].name === 'numpy ndarray') {
      this.stack.push(new NpArray());
    } else if (name === 'numpy dtype' && a[0] instanceof PyBytes &&
        itemSize(a[0].text) > 0) {
      this.stack.push(new NpDtype(a[0].text));
    } else if (name === 'collections defaultdict' &&
        a[0] instanceof PyGlobalRef && a[0].name === '__builtin__ list') {
      this.stack.push(new Map());
    } else {
      this.opFault('REDUCE may only rebuild an ndarray, an i4/i8/f4/f8 ' +
          'dtype or a defaultdict(list)');
    }
  }

  newObj(): void {
    const args = this.pop();
    const cls = this.pop();
    if (!(cls instanceof PyGlobalRef) ||
        cls.name !== 'scipy.sparse.csr csr_matrix' ||
        !(args instanceof PyTuple) || args.items.length !== 0) {
      this.opFault('NEWOBJ may only create an empty csr_matrix');
    }
    this.stack.push(new CsrState());
  }

  build(): void {
    const state = this.pop();
    const obj = this.top();
    if (obj instanceof CsrState && state instanceof Map) {
      obj.state = state;
    } else if (obj instanceof NpDtype && state instanceof PyTuple &&
        state.items[1] instanceof PyBytes) {
      obj.byteOrder = state.items[1].text;
    } else if (obj instanceof NpArray && state instanceof PyTuple) {
      this.buildArray(obj, state.items);
    } else {
      this.opFault('BUILD may only set the state of an ndarray, a dtype ' +
          'or a csr_matrix');
    }
  }

  buildArray(arr: NpArray, items: PyValue[]): void {
    const [, shape, dtype, fortran, raw] = items;
    const dims = shape instanceof PyTuple ? shape.items : [];
    if (!dims.every((d) => typeof d === 'number' && d >= 0) ||
        !(dtype instanceof NpDtype) || !(raw instanceof PyBytes)) {
      this.opFault('an ndarray state must be (version, shape, dtype, ' +
          'fortran, bytes)');
    }
    const count = (dims as number[]).reduce((p, d) => p * d, 1);
    if (raw.bytes.length !== count * itemSize(dtype.code)) {
      this.opFault(`an ndarray of shape [${dims}] and dtype ` +
          `${dtype.code} must hold ${count * itemSize(dtype.code)} bytes ` +
          `(it holds ${raw.bytes.length})`);
    }
    if (fortran === true || dtype.byteOrder === '>') {
      this.opFault('an ndarray must be little-endian in C order');
    }
    arr.shape = dims as number[];
    arr.dtype = dtype;
    arr.raw = raw.bytes;
    arr.built = true;
  }
}

/**
 * Reads a protocol-2 pickle made only of the Planetoid files' opcodes and
 * globals (see `ALLOWED_GLOBALS`).
 *
 * @param bytes The whole pickle.
 * @param file The file's path, for error messages.
 * @returns The unpickled value: numbers, lists, dicts (Map), tuples, and
 *     `NpArray` / `CsrState` for numpy arrays and scipy CSR matrices.
 * @throws DatasetError naming the file, the opcode or global and the byte
 *     offset for anything outside that list, or for malformed data.
 */
export function readPickle(bytes: Uint8Array, file: string): PyValue {
  return new Machine(bytes, file).run();
}
