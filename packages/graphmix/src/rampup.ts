/**
 * The sigmoid-shaped ramp-up of the unsupervised loss weight w(t) used by
 * GraphMix (arXiv 1909.11715), after Laine and Aila (arXiv 1610.02242):
 * w(t) = gamma * exp(-5 (1 - s)^2), s = clip((t - start) / (end - start),
 * 0, 1).
 */

export interface RampupArgs {
  /** Final weight gamma, >= 0. */
  gamma: number;
  /** First epoch of the ramp. @default 500 */
  start?: number;
  /** Epoch from which the weight is gamma. @default 1000 */
  end?: number;
}

/**
 * The weight of the unsupervised loss at an epoch.
 *
 * NOTE: as in the GraphMix code, s is clipped at 0, so the weight before
 * `start` is gamma * exp(-5) (about 0.0067 gamma), not 0.
 *
 * @param epoch Epoch index t, counted from 0.
 * @returns A number in [gamma * exp(-5), gamma], non-decreasing in t.
 */
export function consistencyWeight(epoch: number, args: RampupArgs): number {
  const { gamma, start = 500, end = 1000 } = args;
  if (!(gamma >= 0) || !(end >= start)) {
    throw new RangeError(
      `consistencyWeight: need gamma >= 0 and end >= start, but got ` +
      `gamma=${gamma}, start=${start}, end=${end}.`);
  }
  // The GraphMix code treats a zero-length ramp as no ramp at all.
  if (end === start) return gamma;
  const s = Math.min(Math.max((epoch - start) / (end - start), 0), 1);
  return gamma * Math.exp(-5 * (1 - s) * (1 - s));
}
