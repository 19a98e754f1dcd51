import type { Rng } from '../random/rng.js';

function checkAlpha(fn: string, alpha: number): void {
  if (!(alpha > 0) || !Number.isFinite(alpha)) {
    throw new RangeError(`${fn}: alpha must be > 0, but got ${alpha}.`);
  }
}

/**
 * Draws the mixing weight lambda ~ Beta(alpha, alpha).
 *
 * @param rng The run's generator.
 * @param alpha Beta parameter, > 0. alpha = 1 is uniform on [0, 1]; the
 *     paper uses 2 for Manifold Mixup and 1 for Input Mixup.
 * @returns A number in [0, 1].
 */
export function sampleLambda(rng: Rng, alpha: number): number {
  checkAlpha('sampleLambda', alpha);
  return rng.beta(alpha, alpha);
}

/**
 * Draws one lambda per example, for per-example mixing.
 *
 * @param count Number of examples B, an integer >= 1.
 * @returns Float32Array of length B with values in [0, 1].
 */
export function sampleLambdas(
    rng: Rng, alpha: number, count: number): Float32Array {
  checkAlpha('sampleLambdas', alpha);
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(
      `sampleLambdas: count must be an integer >= 1, but got ${count}.`);
  }
  const lams = new Float32Array(count);
  for (let i = 0; i < count; i++) lams[i] = rng.beta(alpha, alpha);
  return lams;
}
