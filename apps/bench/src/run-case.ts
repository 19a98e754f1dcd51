// Runs one case under the kernel sets: build, warm up, time, dispose.
import type { BenchConfig } from './bench-flags.js';
import {
  CaseUnavailableError, type BenchCase, type BuiltCase, type CaseName,
  type CaseOptions, type RateUnit, type StepKey,
} from './cases.js';
import {
  activateKernelSet, isSlowSet, KERNEL_SET_LABELS, switchWasmKernels,
  type KernelSetName,
} from './kernel-sets.js';
import { timeLanes, type Lane, type StepTiming } from './timing.js';

/** One timed (case, method, kernel set). */
export interface CaseResult {
  case: CaseName;
  /** The case as printed, e.g. 'preact18-w4-28px-b8' under overrides. */
  label: string;
  method: StepKey;
  kernels: KernelSetName;
  kernelLabel: string;
  unit: RateUnit;
  /** Items per wall-clock second: the figure the peer reports. */
  rate: number;
  /** Items per CPU second of this process. */
  cpuRate: number;
  wallPerStep: number;
  cpuPerStep: number;
  steps: number;
  warmup: number;
}

/** What running one case gave. */
export interface CaseOutcome {
  /** In the order of the sets asked for, then of the case's keys. */
  results: CaseResult[];
  /** Sets that could not run, with the reason (e.g. a missing kernel). */
  skipped: Array<{ kernels: KernelSetName; reason: string }>;
  /** Set when the case cannot run at all, e.g. 'not available yet'. */
  unavailable?: string;
}

/** Steps and warm-up for a set: the slow sets take the smaller defaults. */
export function stepsFor(c: BenchCase, set: KernelSetName,
    config: BenchConfig): { steps: number; warmup: number } {
  const steps = config.steps ?? c.steps;
  if (!isSlowSet(set)) return { steps, warmup: config.warmup };
  return {
    steps: config.stockSteps ?? Math.min(steps, c.slowSteps),
    warmup: config.stockWarmup ?? Math.min(config.warmup, c.slowWarmup),
  };
}

const MISSING_KERNEL = /not registered|not (yet )?implemented/i;

function isMissingKernel(err: unknown): boolean {
  return MISSING_KERNEL.test((err as Error).message ?? '');
}

/**
 * Times the case's steps for the configured methods under the given
 * kernel sets. The wasm sets share one build of the case and alternate
 * step by step (the registry switch is cheap); cpu gets its own build.
 * A kernel a set lacks gives `skipped`, a case whose package is not there
 * yet `unavailable`, rather than an error.
 */
export async function runCase(c: BenchCase, sets: readonly KernelSetName[],
    config: BenchConfig): Promise<CaseOutcome> {
  const outcome: CaseOutcome = { results: [], skipped: [] };
  const keys = c.keys(config.methods);
  if (keys.length === 0) return outcome;
  const options = { batch: config.batch, width: config.width,
    seed: config.seed, keys };
  const groups = [sets.filter((s) => s !== 'cpu'),
    sets.filter((s) => s === 'cpu')].filter((g) => g.length > 0);
  const bySet = new Map<KernelSetName, CaseResult[]>();
  for (const group of groups) {
    await activateKernelSet(group[0]);
    let built;
    try {
      built = await c.build(options);
    } catch (err) {
      if (!(err instanceof CaseUnavailableError)) throw err;
      return { ...outcome, unavailable: err.message };
    }
    const timed = timeGroup(c, group, options, built, config);
    for (const set of group) {
      const failure = keys.map((k) => timed.failed[`${set}/${k}`])
        .find((f) => f !== undefined);
      if (failure !== undefined) {
        outcome.skipped.push({ kernels: set,
          reason: `cannot run: ${failure}` });
      } else {
        bySet.set(set, keys.map((method) => resultOf(c, options, set,
          method, built.items, timed.timings[`${set}/${method}`])));
      }
    }
  }
  outcome.results = sets.flatMap((s) => bySet.get(s) ?? []);
  return outcome;
}

/** One lane per (set, key) of a build, timed together; then disposed. */
function timeGroup(c: BenchCase, group: readonly KernelSetName[],
    options: CaseOptions, built: BuiltCase, config: BenchConfig) {
  const lanes: Lane[] = group.flatMap((set) => options.keys.map((key) => ({
    name: `${set}/${key}`, ...stepsFor(c, set, config),
    before: set === 'cpu' ? undefined :
      () => switchWasmKernels(set as 'ours' | 'stock'),
    run: built.steps[key]!,
  })));
  try {
    return timeLanes(lanes, isMissingKernel);
  } finally {
    built.dispose();
  }
}

function resultOf(c: BenchCase, options: CaseOptions, set: KernelSetName,
    method: StepKey, items: number, t: StepTiming): CaseResult {
  return {
    case: c.name, label: c.label(options), method, kernels: set,
    kernelLabel: KERNEL_SET_LABELS[set], unit: c.unit,
    rate: items / t.wall, cpuRate: items / t.cpu, wallPerStep: t.wall,
    cpuPerStep: t.cpu, steps: t.steps, warmup: t.warmup,
  };
}
