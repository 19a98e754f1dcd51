// One seed of a GraphMix or GCN run: progress lines, run files, checkpoints.
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import {
  loadLatestCheckpoint, saveCheckpoint, storeTensors,
} from '@mixup/core';
import type { RngState } from '@mixup/core';
import { formatEpochLine, RunDir } from '@mixup/cli';
import { fitGraphMix, GraphMixTrainer } from '@mixup/graphmix';
import type {
  BestSoFar, GraphData, GraphMixEpochLogs,
} from '@mixup/graphmix';
import type { AppConfig } from './flags.js';

/** What summary.json holds for one seed. */
export interface SeedSummary {
  dataset: string;
  method: string;
  seed: number;
  epochs: number;
  bestEpoch: number;
  bestValAcc: number;
  testAccAtBest: number;
  last: GraphMixEpochLogs | null;
  /** Mean wall time of one epoch (step plus evaluation), ms. */
  msPerEpoch: number;
  wallSeconds: number;
  backend: string;
}

function metricsOf(l: GraphMixEpochLogs): Record<string, number | string> {
  const row: Record<string, number | string> = {
    epoch: l.epoch, step: l.step, loss: l.loss, train_acc: l.trainAcc,
    val_acc: l.valAcc, test_acc: l.testAcc, val_loss: l.valLoss, ms: l.ms,
  };
  if (l.weight !== undefined) {
    Object.assign(row, { sup_loss: l.supLoss, unsup_loss: l.unsupLoss,
      weight: l.weight });
  }
  return row;
}

async function writeCheckpoint(run: RunDir, trainer: GraphMixTrainer,
    epoch: number, best: BestSoFar): Promise<void> {
  const adam = await trainer.optimizer.optimizer.getWeights();
  const tensors = await storeTensors([
    { name: 'w1', tensor: trainer.weights.w1 },
    { name: 'w2', tensor: trainer.weights.w2 },
    ...adam.map((w, i) => ({ name: `adam/${i}`, tensor: w.tensor })),
  ]);
  saveCheckpoint(run.checkpointDir, {
    epoch, tensors,
    state: { rng: trainer.getRngState(), best, adamCount: adam.length },
  });
}

/** Restores a checkpoint; returns the next epoch and the best so far. */
async function restore(run: RunDir, trainer: GraphMixTrainer):
    Promise<{ epoch: number; best: BestSoFar | null }> {
  const ckpt = loadLatestCheckpoint(run.checkpointDir);
  if (ckpt === null) return { epoch: 0, best: null };
  const t = (name: string) => {
    const s = ckpt.tensors[name];
    return tf.tensor(s.values, s.shape, s.dtype);
  };
  for (const name of ['w1', 'w2'] as const) {
    const value = t(name);
    trainer.weights[name].assign(value);
    value.dispose();
  }
  const count = ckpt.state['adamCount'] as number;
  const adam = Array.from({ length: count }, (_, i) =>
    ({ name: `adam/${i}`, tensor: t(`adam/${i}`) }));
  await trainer.optimizer.optimizer.setWeights(adam);
  tf.dispose(adam.map((a) => a.tensor));
  trainer.setRngState(ckpt.state['rng'] as RngState);
  return { epoch: ckpt.epoch, best: ckpt.state['best'] as BestSoFar };
}

/** The settings a resumed run must share with the run it continues. */
function identity(config: Pick<AppConfig, 'dataset' | 'format' |
    'features' | 'recipe'>): string {
  const { epochs: _epochs, ...recipe } = config.recipe;
  return JSON.stringify({ dataset: config.dataset, format: config.format,
    features: config.features, recipe });
}

/** Refuses to resume a run made with other settings. */
function checkSameRun(run: RunDir, config: AppConfig): void {
  const file = run.file('config.json');
  if (!fs.existsSync(file)) return;
  const before = JSON.parse(fs.readFileSync(file, 'utf8')) as AppConfig;
  if (identity(before) !== identity(config)) {
    throw new Error(
      `--resume: ${run.dir} holds a run of ${before.dataset} ` +
      `${before.recipe.method} (${before.features} features) with other ` +
      `settings than this command's ${config.dataset} ` +
      `${config.recipe.method}; use another --out, or the same settings.`);
  }
  if (before.recipe.epochs > config.recipe.epochs) {
    throw new Error(
      `--resume: --epochs must be >= the run's ${before.recipe.epochs}, ` +
      `but got ${config.recipe.epochs}.`);
  }
}

/** Keeps the metrics lines of epochs before `epoch` (for --resume). */
function keptHistory(run: RunDir, epoch: number): object[] {
  const file = run.file('metrics.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { epoch: number })
    .filter((row) => row.epoch < epoch);
}

/**
 * Trains one seed into `dir`: config.json, metrics.jsonl, summary.json and
 * checkpoints/ (every `checkpointEvery` epochs and at the end).
 */
export async function runSeed(config: AppConfig, data: GraphData,
    seed: number, dir: string, backend: string,
    print: (line: string) => void): Promise<SeedSummary> {
  const run = new RunDir(dir);
  const { recipe, dataset } = config;
  if (config.resume) {
    checkSameRun(run, config);
  } else {
    run.startFresh();
  }
  run.writeConfig({ ...config, seeds: undefined, seed, dir });
  const trainer = new GraphMixTrainer(data, { ...recipe, seed });
  const start = config.resume ? await restore(run, trainer) :
    { epoch: 0, best: null };
  const done = run.file('summary.json');
  if (start.epoch === recipe.epochs && fs.existsSync(done)) {
    // A finished seed: resuming it keeps its summary, timings included.
    trainer.dispose();
    return JSON.parse(fs.readFileSync(done, 'utf8')) as SeedSummary;
  }
  run.resetMetrics(config.resume ? keptHistory(run, start.epoch) : []);
  const t0 = performance.now();
  const result = await fitGraphMix(trainer, {
    startEpoch: start.epoch, best: start.best,
    onEpochEnd: async (logs, best) => {
      run.appendMetrics(metricsOf(logs));
      const done = logs.epoch + 1;
      if (done % config.logEvery === 0 || done === recipe.epochs) {
        print(formatEpochLine(done, recipe.epochs, [
          ['loss', logs.loss], ['train_acc', logs.trainAcc],
          ['val_acc', logs.valAcc], ['test_acc', logs.testAcc],
        ], recipe.lr, (performance.now() - t0) / 1000));
      }
      if (done % config.checkpointEvery === 0 || done === recipe.epochs) {
        await writeCheckpoint(run, trainer, done, best);
      }
    },
  });
  trainer.dispose();
  const summary: SeedSummary = {
    dataset, method: recipe.method, seed, epochs: recipe.epochs,
    bestEpoch: result.best.epoch, bestValAcc: result.best.valAcc,
    testAccAtBest: result.best.testAcc, last: result.last,
    msPerEpoch: result.meanEpochMs,
    wallSeconds: (performance.now() - t0) / 1000, backend,
  };
  run.writeSummary(summary);
  return summary;
}

/** The one line printed at the end of a seed. */
export function summaryLine(s: SeedSummary): string {
  return `${s.dataset} ${s.method} seed ${s.seed}: best val_acc ` +
    `${s.bestValAcc.toFixed(4)} at epoch ${s.bestEpoch + 1}, test_acc ` +
    `${s.testAccAtBest.toFixed(4)}  (${s.msPerEpoch.toFixed(1)} ms/epoch, ` +
    `${s.wallSeconds.toFixed(1)}s)`;
}
