/** Formats a learning rate as 1.0e-03. */
export function formatRate(lr: number): string {
  return lr.toExponential(1).replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * One fixed-layout progress line per epoch: the epoch, then each key's
 * value with 4 decimals, the rate and the time, always in the same order.
 *
 * @example
 * formatEpochLine(7, 100, [['loss', 0.7315], ['val_acc', 0.7011]], 1e-3, 2.4)
 * // 'epoch 007/100  loss 0.7315  val_acc 0.7011  lr 1.0e-03  2.4s'
 */
export function formatEpochLine(epoch: number, epochs: number,
    figures: ReadonlyArray<readonly [string, number]>, lr: number,
    seconds: number): string {
  const width = String(epochs).length < 3 ? 3 : String(epochs).length;
  const head = `epoch ${String(epoch).padStart(width, '0')}/` +
      String(epochs).padStart(width, '0');
  const body = figures.map(([k, v]) => `${k} ${v.toFixed(4)}`);
  return [head, ...body, `lr ${formatRate(lr)}`, `${seconds.toFixed(1)}s`]
      .join('  ');
}
