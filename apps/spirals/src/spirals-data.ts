import type { Rng } from '@mixup/core';

/** Points of the two-spirals task, row-major [N, 2], and their labels. */
export interface SpiralSet {
  points: Float32Array;
  labels: Int32Array;
}

export interface SpiralArgs {
  /** Points per class. */
  perClass: number;
  /** Std of the Gaussian noise added to each coordinate. @default 0.05 */
  noise?: number;
  /** Number of half-turns of each arm. @default 3 */
  turns?: number;
}

/**
 * Two interlocked spiral arms in [-1, 1]^2, the second the first rotated
 * by 180 degrees. Each point's position along its arm is uniform.
 */
export function makeSpirals(rng: Rng, args: SpiralArgs): SpiralSet {
  const { perClass, noise = 0.05, turns = 3 } = args;
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new RangeError(
      `makeSpirals: perClass must be an integer >= 1, but got ${perClass}.`);
  }
  const n = 2 * perClass;
  const points = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    // sqrt spreads the points evenly along the arm's length.
    const t = Math.sqrt(0.02 + 0.98 * rng.next());
    const angle = t * turns * Math.PI + label * Math.PI;
    points[2 * i] = t * Math.cos(angle) + noise * rng.normal();
    points[2 * i + 1] = t * Math.sin(angle) + noise * rng.normal();
    labels[i] = label;
  }
  return { points, labels };
}

/**
 * Points of a square grid over [-extent, extent]^2 that lie at least
 * `minDistance` from every point of `near`: the region "far from the
 * data" where a well-calibrated model should be unsure.
 */
export function farPoints(near: Float32Array, extent: number, steps: number,
    minDistance: number): Float32Array {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const x = -extent + (2 * extent * i) / (steps - 1);
      const y = -extent + (2 * extent * j) / (steps - 1);
      let nearest = Infinity;
      for (let p = 0; p < near.length; p += 2) {
        nearest = Math.min(nearest, Math.hypot(x - near[p], y - near[p + 1]));
      }
      if (nearest >= minDistance) out.push(x, y);
    }
  }
  return Float32Array.from(out);
}
