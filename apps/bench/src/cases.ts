// The benchmark cases: the PyTorch peer's workloads, built from the
// project's own packages. Each builder is loaded only when its case runs.

export const CASE_NAMES = [
  'preact18-w16-28px', 'gcn-cora-size', 'ctc-t64-b32-v80',
] as const;
export type CaseName = typeof CASE_NAMES[number];

/** Thrown when the package that provides a case is not there yet. */
export class CaseUnavailableError extends Error {
  readonly code = 'CASE_UNAVAILABLE';
}

/** What one timed step of a case is. */
export type StepKey = 'erm' | 'manifold' | 'loss+grad';

export type RateUnit = 'images/s' | 'epochs/s' | 'calls/s';

/** Settings a case builder reads. */
export interface CaseOptions {
  /** Batch size (preact only). */
  batch: number;
  /** Base width (preact only). */
  width: number;
  seed: number;
  /** The steps to build, from `BenchCase.keys`. */
  keys: readonly StepKey[];
}

/** A built case: one step function per key, sharing model and data. */
export interface BuiltCase {
  steps: Partial<Record<StepKey, () => void>>;
  /** Items per step: the batch for images/s, else 1. */
  items: number;
  dispose(): void;
}

export interface BenchCase {
  name: CaseName;
  unit: RateUnit;
  /** Timed steps per method by default, for ours and for the slow sets. */
  steps: number;
  slowSteps: number;
  slowWarmup: number;
  /** The ours/stock speed-up issue 3 asks for, where it sets one. */
  speedupTarget?: number;
  /** The step keys to time for the requested methods. */
  keys(methods: readonly ('erm' | 'manifold')[]): StepKey[];
  /** Requested methods this case cannot time, with the reason. */
  notApplicable(methods: readonly ('erm' | 'manifold')[]):
    Array<{ method: string; reason: string }>;
  /** The label printed in result lines (shows overridden settings). */
  label(options: CaseOptions): string;
  build(options: CaseOptions): Promise<BuiltCase>;
}

const PREACT: BenchCase = {
  name: 'preact18-w16-28px', unit: 'images/s', steps: 10, slowSteps: 2,
  slowWarmup: 1, speedupTarget: 5,
  keys: (methods) => [...methods],
  notApplicable: () => [],
  label: (o) => `preact18-w${o.width}-28px` +
    (o.batch === 128 ? '' : `-b${o.batch}`),
  build: async (o) => (await import('./preact-case.js')).buildPreact(o),
};

const GCN: BenchCase = {
  name: 'gcn-cora-size', unit: 'epochs/s', steps: 20, slowSteps: 20,
  slowWarmup: 3,
  keys: (methods) => methods.includes('erm') ? ['erm'] : [],
  notApplicable: (methods) => methods.includes('manifold') ?
    [{ method: 'manifold', reason: 'n/a (the peer\'s GCN has no mixup)' }] :
    [],
  label: () => 'gcn-cora-size',
  build: async (o) => (await import('./gcn-case.js')).buildGcn(o),
};

const CTC: BenchCase = {
  name: 'ctc-t64-b32-v80', unit: 'calls/s', steps: 20, slowSteps: 20,
  slowWarmup: 3,
  keys: () => ['loss+grad'],
  notApplicable: () => [],
  label: () => 'ctc-t64-b32-v80',
  build: async (o) => (await import('./ctc-case.js')).buildCtc(o),
};

export const CASES: Readonly<Record<CaseName, BenchCase>> =
  Object.freeze({
    'preact18-w16-28px': PREACT, 'gcn-cora-size': GCN,
    'ctc-t64-b32-v80': CTC,
  });
