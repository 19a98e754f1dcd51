/** Mean accuracy over episodes and its 95% confidence interval. */

export interface MeanInterval {
  mean: number;
  /** Half-width of the 95% interval: 1.96 * std / sqrt(n). */
  interval: number;
  /** Population standard deviation of the values. */
  std: number;
  n: number;
}

/**
 * The mean of per-episode figures and the half-width of its 95%
 * interval, 1.96 * std / sqrt(n), with the population std (numpy's
 * default, as few-shot papers compute it).
 *
 * @param values One figure per episode, e.g. accuracy in [0, 1].
 */
export function meanInterval(values: ArrayLike<number>): MeanInterval {
  const n = values.length;
  if (n === 0) {
    throw new RangeError('meanInterval: values must be non-empty, but got ' +
      'none.');
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const std = Math.sqrt(squares / n);
  return { mean, interval: (1.96 * std) / Math.sqrt(n), std, n };
}
