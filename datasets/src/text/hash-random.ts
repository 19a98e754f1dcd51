// A small seeded generator for choices that must be a pure function of a
// seed (a line's font and jitter, its noise), so that cached renderings
// stay valid. The datasets package does not depend on the core's Rng.

/**
 * Uniform draws in [0, 1) from a 32-bit seed (the mulberry32 mix).
 *
 * @param seed Any number; its low 32 bits are used.
 */
export function hashRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** A derived 32-bit seed for item `index` of a stream seeded by `seed`. */
export function childSeed(seed: number, index: number): number {
  const random = hashRandom((seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b1));
  return Math.floor(random() * 4294967296) >>> 0;
}
