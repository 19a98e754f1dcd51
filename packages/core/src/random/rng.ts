/**
 * The run's seeded random generator. Every random choice in a run (lambda,
 * the mix layer, permutations, weight initialisation, data order, dropout
 * seeds) draws from one of these, so the same seed gives the same run.
 *
 * The core is xoshiro128**, a small, fast generator with a 128-bit state
 * that serialises to four integers, which keeps checkpoints exact.
 */

/** The JSON-serialisable state of an `Rng`. */
export interface RngState {
  s: [number, number, number, number];
  /** A cached second normal deviate from Box-Muller, or null. */
  spare: number | null;
}

const TWO_POW_32 = 4294967296;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix32 spreads one 32-bit seed over the 128-bit state. */
function splitmix32(seed: number): () => number {
  let z = seed >>> 0;
  return () => {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z ^ (z >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

export class Rng {
  private s: Uint32Array;
  private spare: number | null = null;

  /**
   * @param seed Any safe integer; the same seed gives the same stream.
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new TypeError(
        `Rng: seed must be a safe integer, but got ${seed}.`);
    }
    const mix = splitmix32((seed >>> 0) ^ Math.floor(seed / TWO_POW_32));
    this.s = Uint32Array.from([mix(), mix(), mix(), mix()]);
  }

  /** Restores a generator from `getState()`. */
  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) {
      throw new RangeError(`Rng.int: n must be a positive integer, but got ${n}.`);
    }
    return Math.floor(this.next() * n);
  }

  /** A fresh 31-bit seed, for tfjs initialisers and dropout. */
  seed(): number {
    return this.nextUint32() >>> 1;
  }

  /** A standard normal deviate (Box-Muller, caching the second one). */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /**
   * A Gamma(shape, 1) deviate by Marsaglia and Tsang's method; shapes
   * below 1 use the boost Gamma(a) = Gamma(a + 1) * U^(1/a).
   */
  gamma(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) {
      throw new RangeError(`Rng.gamma: shape must be > 0, but got ${shape}.`);
    }
    if (shape < 1) {
      let u = 0;
      while (u === 0) u = this.next();
      return this.gamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** A Beta(a, b) deviate, as X / (X + Y) of two Gamma deviates. */
  beta(a: number, b: number): number {
    if (!(a > 0) || !(b > 0)) {
      throw new RangeError(
        `Rng.beta: a and b must be > 0, but got a=${a}, b=${b}.`);
    }
    const x = this.gamma(a);
    const y = this.gamma(b);
    if (x + y === 0) {
      // Both draws underflowed (a and b tiny): Beta(a, b) then sits at 0
      // or 1, with P(1) = a / (a + b).
      return this.next() < a / (a + b) ? 1 : 0;
    }
    return x / (x + y);
  }

  /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(
        `Rng.permutation: n must be an integer >= 0, but got ${n}.`);
    }
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    return this.shuffle(perm);
  }

  /** Shuffles an array in place and returns it. */
  shuffle<T extends { length: number; [i: number]: any }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** An independent generator seeded from this one. */
  fork(): Rng {
    return new Rng(this.nextUint32() * 2097152 + (this.nextUint32() >>> 11));
  }

  getState(): RngState {
    const [a, b, c, d] = this.s;
    return { s: [a, b, c, d], spare: this.spare };
  }

  setState(state: RngState): void {
    const ok = Array.isArray(state?.s) && state.s.length === 4 &&
        state.s.every((v) => Number.isInteger(v) && v >= 0 && v < TWO_POW_32);
    if (!ok || state.s.every((v) => v === 0)) {
      throw new TypeError(
        `Rng.setState: state.s must be four uint32 values, not all zero, ` +
        `but got ${JSON.stringify(state?.s)}.`);
    }
    this.s = Uint32Array.from(state.s);
    this.spare = state.spare ?? null;
  }
}
