
import { loadLatestCheckpoint, saveLayersModel, type EpochLogs } from '@mixup/core';
import { formatEpochLine, RunDir, UsageError } from '@mixup/cli';
import { loadFashionMnist } from '@mixup/datasets/idx';
import {
  runClassification, type ClassificationResult, type LabelledImages,
  type ResolvedClassifyArgs,
} from '@mixup/image-classification';

/** The training and test splits of one run. */
export interface RunData {
  dataset: string;
  train: LabelledImages;
  test: LabelledImages;
}

/** Loads Fashion-MNIST, cut to the run's limits. */
export function loadRunData(dataDir: string, limit: number,
    testLimit: number): RunData {
  const train = loadFashionMnist(dataDir,
    { split: 'train', limit: limit > 0 ? limit : undefined });
  const test = loadFashionMnist(dataDir,
    { split: 'test', limit: testLimit > 0 ? testLimit : undefined });
  return { dataset: 'fashion-mnist', train, test };
}

/** The figures of one epoch line, in a fixed order. */
export function epochLine(logs: EpochLogs, epochs: number): string {
  // Epochs between two evaluations (--eval-every) have no test figures.
  const tested = 'test_error' in logs;
  return formatEpochLine(logs.epoch, epochs, [
    ['loss', logs.loss],
    ...(tested ? [['test_err', logs.test_error], ['test_nll', logs.test_nll],
      ['test_ece', logs.test_ece]] as const : []),
  ], logs.lr, logs.seconds);
}

/**
 * The keys of config.json that decide a run's numbers: every argument, the
 * data set and its sizes. With `extendable` (for --resume), not the epoch
 * count, which may grow to extend a run, nor the milestones derived from it.
 */
export function runKeys(args: ResolvedClassifyArgs,
    extendable: boolean): string[] {
  const grows = extendable ? ['epochs', 'milestones'] : [];
  return [
    ...Object.keys(args).filter((k) => !grows.includes(k))
        .map((k) => `args.${k}`),
    'dataset', 'trainCount', 'testCount',
  ];
}

/** Refuses to resume a run with fewer epochs than it already has. */
function checkEpochs(run: RunDir, args: ResolvedClassifyArgs): void {
  const before = run.readConfig()?.args as { epochs?: number } | undefined;
  if (before?.epochs !== undefined && args.epochs < before.epochs) {
    throw new UsageError(
      `--epochs: must be >= the run's ${before.epochs} to resume it, but ` +
      `got ${args.epochs}.`);
  }
}

export interface RunOneArgs {
  args: ResolvedClassifyArgs;
  data: RunData;
  out: string;
  resume: boolean;
  backend: string;
  say: (line: string) => void;
}

/**
 * Trains one run into `out`: config.json, metrics.jsonl, checkpoints/,
 * summary.json and the exported model under model/.
 *
 * @returns The result and the summary written.
 */
export async function runOne(a: RunOneArgs):
    Promise<{ result: ClassificationResult; summary: object }> {
  const { args, data, say } = a;
  const run = new RunDir(a.out);
  const config = {
    command: 'train', args, dataset: data.dataset,
    trainCount: data.train.count, testCount: data.test.count,
    backend: a.backend,
  };
  if (a.resume) {
    run.checkResumable(config, runKeys(args, true));
    checkEpochs(run, args);
  } else {
    run.startFresh(['model', 'evaluation.json']);
  }
  // fit reads the checkpoint again and warns about any damaged file.
  const resumed = a.resume ?
      loadLatestCheckpoint(run.checkpointDir, () => {}) : null;
  run.resetMetrics(resumed === null ? [] :
      resumed.state.history as object[]);
  run.writeConfig(config);
  say(`config: ${JSON.stringify(config)}`);
  if (resumed !== null) say(`resuming after epoch ${resumed.epoch}`);
  const start = performance.now();
  const result = await runClassification(args, data.train, data.test, {
    checkpointDir: run.checkpointDir, resume: a.resume,
    onEpochEnd: (logs) => {
      run.appendMetrics(logs);
      say(epochLine(logs, args.epochs));
    },
  });
  await saveLayersModel(result.network.model, run.file('model'));
  const summary = {
    network: args.network, method: args.method, seed: args.seed,
    dataset: data.dataset, trainCount: data.train.count,
    testCount: data.test.count, epochs: args.epochs, backend: a.backend,
    normalisation: result.stats,
    best: result.best, last: result.last,
    fgsm: result.fgsmAccuracy === null ? null :
        { epsilon: args.fgsmEpsilon, accuracy: result.fgsmAccuracy },
    resumedFrom: result.fit.resumedFrom,
    wallTimeSeconds: (performance.now() - start) / 1000,
  };
  run.writeSummary(summary);
  return { result, summary };
}

/** The one summary line of a run. */
export function summaryLine(result: ClassificationResult,
    seconds: number): string {
  const { best, last } = result;
  const fgsm = result.fgsmAccuracy === null ? '' :
      `  fgsm_acc ${result.fgsmAccuracy.toFixed(4)}`;
  return `best test_err ${best.test_error.toFixed(4)} at epoch ` +
      `${best.epoch}  last test_err ${last.test_error.toFixed(4)}  ` +
      `test_nll ${last.test_nll.toFixed(4)}  test_ece ` +
      `${last.test_ece.toFixed(4)}${fgsm}  ${seconds.toFixed(1)}s`;
}
