// Command-line flags of the speed and peer benchmarks, and their checks.
import { UsageError } from '@mixup/cli';
import type { FlagSpecs, FlagValues } from '@mixup/cli';

import { CASE_NAMES, type CaseName } from './cases.js';
import { KERNEL_SET_NAMES, type KernelSetName } from './kernel-sets.js';

/** The methods a run times; 'both' runs ERM and manifold interleaved. */
export const METHOD_CHOICES = ['both', 'erm', 'manifold'] as const;

/** Flags of `npm run bench:speed`. */
export const SPEED_FLAGS: FlagSpecs = {
  'case': { type: 'string',
    help: `case(s), comma-separated: ${CASE_NAMES.join(', ')} (default all)` },
  'method': { type: 'enum', choices: METHOD_CHOICES, default: 'both',
    help: 'training method(s) to time' },
  'kernels': { type: 'string', default: 'ours,stock',
    help: `kernel sets, comma-separated: ${KERNEL_SET_NAMES.join(', ')}` },
  'steps': { type: 'int', min: 1,
    help: 'timed steps per method (default per case: preact 10, else 20)' },
  'warmup': { type: 'int', min: 0, default: 3,
    help: 'untimed steps per method first' },
  'stock-steps': { type: 'int', min: 1,
    help: 'timed steps for stock and cpu (default: preact 2, else --steps)' },
  'stock-warmup': { type: 'int', min: 0,
    help: 'warm-up steps for stock and cpu (default: preact 1, else ' +
      '--warmup)' },
  'batch': { type: 'int', min: 2, default: 128,
    help: 'batch size of the preact case' },
  'width': { type: 'int', min: 1, default: 16,
    help: 'base width of the preact case (the peer has 16 only)' },
};

/** Flags of `npm run bench:peer`: the speed flags for ours, plus these. */
export const PEER_FLAGS: FlagSpecs = {
  ...SPEED_FLAGS,
  'kernels': { type: 'string', default: 'ours',
    help: `kernel set(s) for ours: ${KERNEL_SET_NAMES.join(', ')}` },
  'peer': { type: 'string',
    help: 'the peer script (default ../shared/peers/pytorch_peer.py from the ' +
      'repository root)' },
  'python': { type: 'string', default: '/usr/bin/python3',
    help: 'Python interpreter with torch' },
  'threads': { type: 'int', min: 1, default: 2,
    help: 'torch.set_num_threads for the peer (ours runs on one thread)' },
};

/** Resolved settings of one benchmark invocation. */
export interface BenchConfig {
  cases: CaseName[];
  methods: Array<'erm' | 'manifold'>;
  kernelSets: KernelSetName[];
  /** undefined: each case's default. */
  steps?: number;
  warmup: number;
  stockSteps?: number;
  stockWarmup?: number;
  batch: number;
  width: number;
  seed: number;
  out?: string;
  quiet: boolean;
}

function list<T extends string>(flag: string, raw: string,
    allowed: readonly T[]): T[] {
  const items = raw.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new UsageError(
        `--${flag}: must be one of ${allowed.join(', ')}, but got '${item}'.`);
    }
  }
  if (new Set(items).size !== items.length) {
    throw new UsageError(`--${flag}: must not repeat a name, but got '${raw}'.`);
  }
  return items as T[];
}

/** Rejects the common flags that mean nothing to a benchmark. */
function rejectUnused(v: FlagValues): void {
  for (const flag of ['data-dir', 'backend']) {
    if (v[flag] !== undefined) {
      throw new UsageError(
        `--${flag}: not supported by the benchmark (it uses no data and ` +
        `picks backends with --kernels), but got '${v[flag]}'.`);
    }
  }
}

/** Maps parsed flags onto a `BenchConfig`, with one-line UsageErrors. */
export function benchConfigOf(v: FlagValues): BenchConfig {
  rejectUnused(v);
  const method = v['method'] as typeof METHOD_CHOICES[number];
  return {
    cases: v['case'] === undefined ? [...CASE_NAMES] :
      list('case', v['case'] as string, CASE_NAMES),
    methods: method === 'both' ? ['erm', 'manifold'] : [method],
    kernelSets: list('kernels', v['kernels'] as string, KERNEL_SET_NAMES),
    steps: v['steps'] as number | undefined,
    warmup: v['warmup'] as number,
    stockSteps: v['stock-steps'] as number | undefined,
    stockWarmup: v['stock-warmup'] as number | undefined,
    batch: v['batch'] as number,
    width: v['width'] as number,
    seed: v['seed'] as number,
    out: v['out'] as string | undefined,
    quiet: v['quiet'] === true,
  };
}
