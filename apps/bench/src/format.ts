// Fixed-layout lines of the benchmark output.
import * as os from 'node:os';

import type { CaseResult } from './run-case.js';

const CASE_COLUMN = 20;
const METHOD_COLUMN = 9;
const KERNEL_COLUMN = 31;

/** A rate with three significant figures or one decimal, e.g. 5.32, 153.2. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** The first columns of every line: case, method, kernel set. */
export function lineHead(label: string, method: string,
    kernels: string): string {
  return `${label.padEnd(CASE_COLUMN)}  ${method.padEnd(METHOD_COLUMN)}  ` +
    kernels.padEnd(KERNEL_COLUMN);
}

/**
 * One result line, e.g.
 * `preact18-w16-28px  manifold  wasm+ours  153.2 images/s  0.836 s/step
 * cpu 0.801 s/step`.
 */
export function formatResultLine(r: CaseResult): string {
  return `${lineHead(r.label, r.method, r.kernelLabel)}  ` +
    `${formatValue(r.rate).padStart(8)} ${r.unit.padEnd(8)}  ` +
    `${r.wallPerStep.toFixed(3)} s/step  cpu ${r.cpuPerStep.toFixed(3)} ` +
    `s/step  steps ${r.steps} warmup ${r.warmup}`;
}

/** A ratio as 12.3x or 0.25x. */
export function formatTimes(ratio: number): string {
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}x`;
}

/** The machine: cores and load average, for every run's first lines. */
export function machineLine(): string {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `machine  ${os.cpus().length} cores  load average ${load}  ` +
    `node ${process.version}`;
}
