// The derived figures: ours over stock, and manifold over ERM step time.
import { formatTimes } from './format.js';
import type { CaseResult } from './run-case.js';

/** Target manifold/ERM step-time ratio (issue 3). */
export const MIXUP_COST_TARGET = 1.03;

function find(results: readonly CaseResult[], kernels: string,
    method: string): CaseResult | undefined {
  return results.find((r) => r.kernels === kernels && r.method === method);
}

/** Rate of ours over rate of stock, per method with both. */
export function speedups(results: readonly CaseResult[]):
    Array<{ method: string; wall: number; cpu: number }> {
  const methods = [...new Set(results.map((r) => r.method))];
  return methods.flatMap((method) => {
    const ours = find(results, 'ours', method);
    const stock = find(results, 'stock', method);
    return ours && stock ? [{ method, wall: ours.rate / stock.rate,
      cpu: ours.cpuRate / stock.cpuRate }] : [];
  });
}

/** Manifold step time over ERM step time, per kernel set with both. */
export function mixupCosts(results: readonly CaseResult[]):
    Array<{ kernelLabel: string; wall: number; cpu: number }> {
  const sets = [...new Set(results.map((r) => r.kernels))];
  return sets.flatMap((set) => {
    const erm = find(results, set, 'erm');
    const manifold = find(results, set, 'manifold');
    return erm && manifold ? [{ kernelLabel: erm.kernelLabel,
      wall: manifold.wallPerStep / erm.wallPerStep,
      cpu: manifold.cpuPerStep / erm.cpuPerStep }] : [];
  });
}

/**
 * The summary lines of one case's results, e.g.
 * `preact18-w16-28px  ours/stock  erm 12.3x (cpu 11.9x)  target >= 5x`;
 * the target part only when `speedupTarget` is given.
 */
export function summaryLines(label: string,
    results: readonly CaseResult[], speedupTarget?: number): string[] {
  const lines: string[] = [];
  const ups = speedups(results);
  if (ups.length > 0) {
    lines.push(`${label}  ours/stock  ` + ups.map((u) =>
      `${u.method} ${formatTimes(u.wall)} (cpu ${formatTimes(u.cpu)})`)
      .join('  ') +
      (speedupTarget === undefined ? '' : `  target >= ${speedupTarget}x`));
  }
  const costs = mixupCosts(results);
  if (costs.length > 0) {
    lines.push(`${label}  manifold/erm step time  ` + costs.map((c) =>
      `${c.kernelLabel} ${c.wall.toFixed(3)} (cpu ${c.cpu.toFixed(3)})`)
      .join('  ') + `  target <= ${MIXUP_COST_TARGET.toFixed(2)}`);
  }
  return lines;
}
