// The epoch loop of a GraphMix run, with best-validation model selection.
import type { EvalLogs, GraphMixTrainer, StepLogs } from './trainer.js';

/** One epoch's figures, as the app prints and stores them. */
export interface GraphMixEpochLogs extends StepLogs, EvalLogs {
  /** Epoch index, counted from 0. */
  epoch: number;
  /** Wall time of the epoch (training step and evaluation), ms. */
  ms: number;
}

/** The best-validation epoch so far (ties go to the later epoch). */
export interface BestSoFar {
  epoch: number;
  valAcc: number;
  testAcc: number;
}

export interface FitGraphMixArgs {
  /** First epoch to run (a resumed run's next epoch). @default 0 */
  startEpoch?: number;
  /** Best so far from a resumed run. */
  best?: BestSoFar | null;
  /** Called after every epoch; may write checkpoints. */
  onEpochEnd?: (logs: GraphMixEpochLogs, best: BestSoFar) =>
    void | Promise<void>;
}

export interface FitGraphMixResult {
  best: BestSoFar;
  last: GraphMixEpochLogs | null;
  /** Mean wall time per epoch over the epochs run here, ms. */
  meanEpochMs: number;
}

/**
 * Runs epochs `startEpoch .. args.epochs - 1`, evaluating after each and
 * keeping the test accuracy of the epoch with the best validation
 * accuracy (the latest such epoch, as the GraphMix code's `>=` does).
 */
export async function fitGraphMix(trainer: GraphMixTrainer,
    args: FitGraphMixArgs = {}): Promise<FitGraphMixResult> {
  const { startEpoch = 0, onEpochEnd } = args;
  let best: BestSoFar = args.best ?? { epoch: -1, valAcc: -1, testAcc: 0 };
  let last: GraphMixEpochLogs | null = null;
  let totalMs = 0;
  for (let epoch = startEpoch; epoch < trainer.args.epochs; epoch++) {
    const t0 = performance.now();
    const step = trainer.trainEpoch(epoch);
    const evalLogs = trainer.evaluate();
    const ms = performance.now() - t0;
    totalMs += ms;
    last = { epoch, ...step, ...evalLogs, ms };
    if (evalLogs.valAcc >= best.valAcc) {
      best = { epoch, valAcc: evalLogs.valAcc, testAcc: evalLogs.testAcc };
    }
    await onEpochEnd?.(last, best);
  }
  const ran = trainer.args.epochs - startEpoch;
  return { best, last, meanEpochMs: ran > 0 ? totalMs / ran : 0 };
}
