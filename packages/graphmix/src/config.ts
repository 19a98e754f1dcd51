/**
 * The GraphMix recipe's settings (Verma et al., AAAI 2021,
 * arXiv 1909.11715), with the official code's values as defaults.
 */

export type GraphMixMethod = 'gcn' | 'graphmix';

export const GRAPHMIX_METHODS: readonly GraphMixMethod[] =
  Object.freeze(['gcn', 'graphmix']);

export interface GraphMixArgs {
  /**
   * 'gcn' trains only GCN steps; 'graphmix' adds the FCN steps.
   * @default 'graphmix'
   */
  method: GraphMixMethod;
  /** @default 2000 */
  epochs: number;
  /** Hidden width D. @default 16 */
  hidden: number;
  /** Dropout on the input features. @default 0.5 */
  inputDropout: number;
  /** Adam learning rate. @default 0.01 */
  lr: number;
  /** L2 added to the gradients (PyTorch's weight_decay). @default 5e-4 */
  weightDecay: number;
  /** lambda ~ Beta(alpha, alpha). @default 1 */
  alpha: number;
  /** Sharpening temperature T. @default 0.1 */
  temperature: number;
  /** Dropout-noisy GCN passes averaged for the targets, K. @default 10 */
  noisyPasses: number;
  /** Final weight gamma of the unsupervised loss. @default 10 */
  gamma: number;
  /** @default 500 */
  rampupStart: number;
  /** @default 1000 */
  rampupEnd: number;
  /** Chance that an epoch is an FCN step (graphmix only). @default 0.5 */
  fcnProbability: number;
  /** @default 1 */
  seed: number;
}

export const DEFAULT_GRAPHMIX_ARGS: Readonly<GraphMixArgs> = Object.freeze({
  method: 'graphmix', epochs: 2000, hidden: 16, inputDropout: 0.5, lr: 0.01,
  weightDecay: 5e-4, alpha: 1, temperature: 0.1, noisyPasses: 10, gamma: 10,
  rampupStart: 500, rampupEnd: 1000, fcnProbability: 0.5, seed: 1,
});

/** gamma per dataset, as the official run scripts set it. */
export const GAMMA_BY_DATASET: Readonly<Record<string, number>> =
  Object.freeze({ cora: 10, citeseer: 10, pubmed: 1 });

function check(ok: boolean, rule: string, value: unknown): void {
  if (!ok) {
    throw new RangeError(
      `resolveGraphMixArgs: ${rule}, but got ${String(value)}.`);
  }
}

/** Merges `args` over the defaults and validates every field. */
export function resolveGraphMixArgs(
    args: Partial<GraphMixArgs> = {}): GraphMixArgs {
  const a = { ...DEFAULT_GRAPHMIX_ARGS, ...args };
  const posInt = (v: number) => Number.isInteger(v) && v >= 1;
  check(GRAPHMIX_METHODS.includes(a.method),
      `method must be one of ${GRAPHMIX_METHODS.join(', ')}`, a.method);
  check(posInt(a.epochs), 'epochs must be an integer >= 1', a.epochs);
  check(posInt(a.hidden), 'hidden must be an integer >= 1', a.hidden);
  check(posInt(a.noisyPasses), 'noisyPasses must be an integer >= 1',
      a.noisyPasses);
  check(a.inputDropout >= 0 && a.inputDropout < 1,
      'inputDropout must be in [0, 1)', a.inputDropout);
  check(a.lr > 0, 'lr must be > 0', a.lr);
  check(a.weightDecay >= 0, 'weightDecay must be >= 0', a.weightDecay);
  check(a.alpha > 0, 'alpha must be > 0', a.alpha);
  check(a.temperature > 0, 'temperature must be > 0', a.temperature);
  check(a.gamma >= 0, 'gamma must be >= 0', a.gamma);
  check(a.rampupEnd >= a.rampupStart && a.rampupStart >= 0,
      'rampupEnd must be >= rampupStart >= 0',
      `${a.rampupStart}..${a.rampupEnd}`);
  check(a.fcnProbability >= 0 && a.fcnProbability <= 1,
      'fcnProbability must be in [0, 1]', a.fcnProbability);
  check(Number.isSafeInteger(a.seed), 'seed must be an integer', a.seed);
  return a;
}
