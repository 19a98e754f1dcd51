// Running the speed cases: the kernel-switch check, then each case under
// each kernel set, printing result and summary lines as they come.
import { CASES } from './cases.js';
import type { BenchConfig } from './bench-flags.js';
import { summaryLines } from './compare.js';
import { formatResultLine, lineHead } from './format.js';
import {
  activateKernelSet, checkSwitch, KERNEL_SET_LABELS, type KernelSetName,
} from './kernel-sets.js';
import { runCase, type CaseResult } from './run-case.js';

/**
 * Shows that switching sets changes the kernels that run: the BatchMatMul
 * config differs and a transposed product runs at a different speed.
 */
export async function printSwitchCheck(sets: readonly KernelSetName[],
    print: (line: string) => void): Promise<void> {
  const wasm = sets.filter((s) => s !== 'cpu');
  const seen = new Map<KernelSetName, ReturnType<typeof checkSwitch>>();
  for (const set of wasm) {
    await activateKernelSet(set);
    const check = checkSwitch();
    seen.set(set, check);
    print(`${lineHead('kernel-check', '-', KERNEL_SET_LABELS[set])}  ` +
      `transposed matMul [512,128]^T [512,256]  ${check.ms.toFixed(2)} ms`);
  }
  const ours = seen.get('ours');
  const stock = seen.get('stock');
  if (ours && stock && ours.kernel === stock.kernel) {
    throw new Error('bench: switching kernel sets left BatchMatMul unchanged.');
  }
  if (ours && stock && stock.ms < 1.5 * ours.ms) {
    print('kernel-check  warning: stock is not slower than ours here; ' +
      'the machine load may hide the switch.');
  }
}

/** Runs the configured cases and prints their lines. */
export async function runSpeed(config: BenchConfig,
    print: (line: string) => void): Promise<CaseResult[]> {
  const all: CaseResult[] = [];
  for (const name of config.cases) {
    const c = CASES[name];
    const outcome = await runCase(c, config.kernelSets, config);
    const results = outcome.results;
    if (outcome.unavailable !== undefined) {
      print(`${lineHead(c.name, '-', '-')}  ${outcome.unavailable}`);
    }
    for (const r of results) print(formatResultLine(r));
    for (const s of outcome.skipped) {
      print(`${lineHead(c.name, '-', KERNEL_SET_LABELS[s.kernels])}  ` +
        s.reason);
    }
    for (const na of c.notApplicable(config.methods)) {
      print(`${lineHead(c.name, na.method, '-')}  ${na.reason}`);
    }
    const label = results[0]?.label ?? c.name;
    for (const line of summaryLines(label, results, c.speedupTarget)) {
      print(line);
    }
    all.push(...results);
  }
  return all;
}
