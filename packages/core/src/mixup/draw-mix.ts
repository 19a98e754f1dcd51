import type { Rng } from '../random/rng.js';
import type { Method } from './methods.js';

/**
 * One batch's mixing decision: the mix point k, lambda, and the pairing.
 * Plain numbers and typed arrays, so that it is cheap to draw and to log.
 */
export interface MixDraw {
  /** Mix point k, drawn uniformly from the method's S; 0 is the input. */
  readonly layer: number;
  /** One lambda for the batch, or one per example (length B). */
  readonly lam: number | Float32Array;
  /** The partner of each example, a permutation of 0..B-1. */
  readonly perm: Int32Array;
}

/**
 * Draws k from S, lambda ~ Beta(alpha, alpha) and a random permutation of
 * the batch, in that order, from the run's generator.
 *
 * @param batchSize B, an integer >= 1.
 * @returns The draw, or null when the method does not mix.
 */
export function drawMix(
    rng: Rng, method: Method, batchSize: number): MixDraw | null {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `drawMix: batchSize must be an integer >= 1, but got ${batchSize}.`);
  }
  const points = method.mixPoints;
  if (points.length === 0) return null;
  const layer = points[rng.int(points.length)];
  let lam: number | Float32Array;
  if (method.lambdaMode === 'example') {
    lam = new Float32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      lam[i] = rng.beta(method.alpha, method.alpha);
    }
  } else {
    lam = rng.beta(method.alpha, method.alpha);
  }
  return { layer, lam, perm: rng.permutation(batchSize) };
}
