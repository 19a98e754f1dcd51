import { Rng } from '@mixup/core';
import {
  formatEpochLine, parseCommandFlags, RunDir, UsageError, type FlagSpecs,
  type FlagValues,
} from '@mixup/cli';
import { resolveDataDir } from '@mixup/datasets/common';
import {
  gatherOmniglotClasses, loadOmniglot, type OmniglotClass,
} from '@mixup/datasets/omniglot';
import {
  BACKBONES, createFewShotModel, disposeFewShotModel, evaluateEpisodes,
  extractFeatures, FEW_SHOT_STAGES, omniglotBaseSet,
  subsetCharacters, trainFewShot, type BackboneKind, type FewShotEpochLogs,
  type FewShotStage,
} from '@mixup/few-shot';

import { displayPath, makeSay, startBackend } from './common.js';

const USAGE = 'npm run few-shot -- train [flags]\n\n' +
  'Trains Conv-4 on the Omniglot base classes (Vinyals split, 28x28) with\n' +
  'one of the four methods: baseline (Baseline++, cosine classifier),\n' +
  'rotation, mixup (Manifold Mixup) or s2m2r (rotation, then Manifold\n' +
  'Mixup plus rotation). Writes config.json, metrics.jsonl, summary.json\n' +
  'and checkpoints/ under --out.';

export const TRAIN_FLAGS: FlagSpecs = {
  'out': { type: 'string', default: 'out/few-shot/run', help: 'output folder' },
  'stage': { type: 'enum', choices: FEW_SHOT_STAGES, default: 's2m2r',
    help: 'training method' },
  'method': { type: 'enum', choices: FEW_SHOT_STAGES,
    help: 'same as --stage' },
  'epochs': { type: 'int', default: 10, min: 1, help: 'epochs' },
  'rotation-epochs': { type: 'int', min: 0,
    help: 's2m2r: rotation epochs first (default epochs / 2)' },
  'batch-size': { type: 'int', default: 64, min: 4, help: 'images per step' },
  'lr': { type: 'number', default: 1e-3, min: 0, help: "Adam's rate" },
  'alpha': { type: 'number', default: 2, min: 0, help: 'mixup Beta alpha' },
  'backbone': { type: 'enum', choices: [...BACKBONES], default: 'conv4',
    help: 'feature network' },
  'filters': { type: 'int', default: 64, min: 1,
    help: "Conv-4 filters, or PreActResNet-18's base width" },
  'head': { type: 'enum', choices: ['cosine', 'linear'], default: 'cosine',
    help: 'base-class classifier' },
  'base-split': { type: 'enum', choices: ['train', 'trainval'],
    default: 'train', help: 'Vinyals list of base classes' },
  'base-characters': { type: 'int', default: 0, min: 0,
    help: 'train on this many base characters (x4 rotations); 0 = all' },
  'steps-per-epoch': { type: 'int', default: 0, min: 0,
    help: 'cap on steps per epoch; 0 = a full pass' },
  'val-classes': { type: 'int', default: 100, min: 0,
    help: 'val classes for the per-epoch 5-way 1-shot check; 0 = none' },
  'val-episodes': { type: 'int', default: 200, min: 1,
    help: 'episodes of the per-epoch check' },
  'resume': { type: 'boolean', help: 'continue from the newest checkpoint' },
};

function pickStage(values: Record<string, unknown>): FewShotStage {
  const stage = values.stage as FewShotStage;
  const method = values.method as FewShotStage | undefined;
  if (method !== undefined && argvHas('--stage') && method !== stage) {
    throw new UsageError(`--method and --stage disagree ('${method}' vs ` +
      `'${stage}').`);
  }
  return method ?? stage;
}

function argvHas(flag: string): boolean {
  return process.argv.some((a) => a === flag || a.startsWith(`${flag}=`));
}

/** A fixed subset of validation classes, drawn from the run's seed. */
function valClasses(all: OmniglotClass[], count: number,
    seed: number): OmniglotClass[] {
  const order = new Rng(seed + 7919).permutation(all.length);
  return Array.from(order.subarray(0, Math.min(count, all.length)),
    (i) => all[i]).sort((a, b) => all.indexOf(a) - all.indexOf(b));
}

/**
 * The settings of config.json that a resumed run must share; --epochs may
 * grow, to extend a finished run (its rotation epochs stay as they were).
 */
const RESUME_KEYS = ['stage', 'seed', 'rotationEpochs', 'batchSize', 'lr',
  'alpha',
  'mixPoints', 'backbone', 'filters', 'head', 'baseSplit', 'baseCharacters',
  'stepsPerEpoch', 'valClasses', 'valEpisodes', 'imageSize'] as const;

/**
 * S2M2_R's rotation epochs: the flag, else those of the run being resumed
 * (so that extending --epochs does not move the switch to Manifold Mixup),
 * else half the epochs.
 */
function rotationEpochsOf(values: FlagValues, run: RunDir,
    epochs: number): number {
  const given = values['rotation-epochs'] as number | undefined;
  if (given !== undefined) return given;
  const before = values.resume === true ?
      run.readConfig()?.rotationEpochs : undefined;
  return typeof before === 'number' ? before : Math.floor(epochs / 2);
}

export async function trainCommand(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, TRAIN_FLAGS, USAGE);
  if (values === null) return;
  const say = makeSay(values);
  const backend = await startBackend(values, say);
  const stage = pickStage(values);
  const seed = values.seed as number;
  const epochs = values.epochs as number;
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined);
  const run = new RunDir(values.out as string);
  const data = await loadOmniglot(dataDir);
  const rng = new Rng(seed);
  const split = values['base-split'] as 'train' | 'trainval';
  const classes = subsetCharacters(data.splits[split],
    values['base-characters'] as number, rng.fork());
  const base = omniglotBaseSet(data, classes);
  const config = {
    command: 'train', stage, seed, epochs,
    rotationEpochs: rotationEpochsOf(values, run, epochs),
    batchSize: values['batch-size'] as number, lr: values.lr as number,
    alpha: values.alpha as number, mixPoints: [0, 1, 2, 3],
    backbone: values.backbone as BackboneKind,
    filters: values.filters as number, head: values.head as string,
    baseSplit: split, baseCharacters: values['base-characters'] as number,
    baseClasses: base.numClasses, baseImages: base.labels.length,
    uprightImages: base.upright.length,
    stepsPerEpoch: values['steps-per-epoch'] as number,
    valClasses: values['val-classes'] as number,
    valEpisodes: values['val-episodes'] as number,
    imageSize: data.size, dataDir, backend: backend.name,
  };
  if (values.resume === true) run.checkResumable(config, RESUME_KEYS);
  else run.startFresh(['evaluation']);
  run.writeConfig(config);
  say(`config: ${JSON.stringify(config)}`);
  const model = createFewShotModel(rng, { numClasses: base.numClasses,
    backbone: config.backbone, filters: config.filters,
    head: config.head as 'cosine' | 'linear' });
  const val = config.valClasses > 0 ?
      gatherOmniglotClasses(data, valClasses(data.splits.val, config.valClasses,
        seed)) : null;
  const start = performance.now();
  const result = await trainFewShot(model, base, rng, {
    stage, epochs, batchSize: config.batchSize, lr: config.lr,
    rotationEpochs: config.rotationEpochs, alpha: config.alpha,
    stepsPerEpoch: config.stepsPerEpoch,
    checkpointDir: run.checkpointDir, resume: values.resume === true,
    evaluate: val === null ? undefined : (epoch) => {
      const f = extractFeatures(model.backbone, val.images, data.size);
      const r = evaluateEpisodes(f.features, f.featureSize, val.labels,
        new Rng(seed * 1000 + epoch), { nWay: 5, kShot: 1,
          episodes: config.valEpisodes, classifier: { kind: 'prototype' } });
      return { val_acc: r.mean };
    },
    onEpochEnd: (logs) => {
      run.appendMetrics(logs);
      say(epochLine(logs, epochs, stage));
    },
  });
  if (result.resumedFrom !== null) {
    run.resetMetrics(result.history);
    say(`resumed from epoch ${result.resumedFrom}`);
  }
  const seconds = (performance.now() - start) / 1000;
  const last = result.history[result.history.length - 1];
  const best = result.history.reduce((a, b) =>
    ((b.val_acc as number) ?? -1) > ((a.val_acc as number) ?? -1) ? b : a);
  run.writeSummary({ stage, backend: backend.name, wallTimeSeconds: seconds,
    trainSeconds: result.history.reduce((s, h) => s + h.seconds, 0),
    resumedFrom: result.resumedFrom, best, last });
  disposeFewShotModel(model);
  console.log(`${stage}: last epoch ${last.epoch} loss ` +
    `${last.loss.toFixed(4)}` +
    (last.val_acc === undefined ? '' :
      ` val_acc ${(last.val_acc as number).toFixed(4)}`) +
    ` in ${seconds.toFixed(1)}s; wrote ` +
    `${displayPath(run.dir)}`);
}

function epochLine(logs: FewShotEpochLogs, epochs: number,
    stage: FewShotStage): string {
  const figures: Array<[string, number]> = [['loss', logs.loss]];
  if (stage === 'rotation' || stage === 's2m2r') {
    figures.push(['rot_acc', logs.rot_acc]);
  }
  if (logs.val_acc !== undefined) {
    figures.push(['val_acc', logs.val_acc as number]);
  }
  return formatEpochLine(logs.epoch, epochs, figures, logs.lr, logs.seconds);
}
