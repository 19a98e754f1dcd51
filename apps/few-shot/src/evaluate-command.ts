import * as fs from 'node:fs';
import * as path from 'node:path';

import { loadLatestCheckpoint, Rng } from '@mixup/core';
import {
  parseCommandFlags, type FlagSpecs, RunDir, UsageError,
} from '@mixup/cli';
import { resolveDataDir } from '@mixup/datasets/common';
import {
  gatherOmniglotClasses, loadOmniglot, loadOmniglotRuns, omniglotImage,
  type OmniglotData, type OneShotRun,
} from '@mixup/datasets/omniglot';
import {
  createFewShotModel, disposeFewShotModel, EPISODE_CLASSIFIERS,
  evaluateEpisodes, evaluateOneShotRuns, extractFeatures, OMNIGLOT_SETTINGS,
  restoreModelWeights, subsetCharacters, type BackboneKind,
  type EpisodeClassifierKind,
} from '@mixup/few-shot';

import { displayPath, makeSay, startBackend } from './common.js';

const USAGE = 'npm run few-shot -- evaluate --run DIR [flags]\n\n' +
  'Loads the newest checkpoint of a training run, computes frozen features\n' +
  'of the novel classes (Vinyals test split with its rotated classes) and\n' +
  'scores N-way K-shot episodes, a new classifier per episode; without\n' +
  '--n-way/--k-shot, the four Omniglot settings. Also Lake et al.\'s 20\n' +
  'within-alphabet 20-way one-shot runs. Writes evaluation.json.';

export const EVALUATE_FLAGS: FlagSpecs = {
  'run': { type: 'string', help: 'the training run folder (its --out)' },
  'out': { type: 'string', help: 'output folder (default RUN/evaluation)' },
  'episodes': { type: 'int', default: 1000, min: 1,
    help: 'episodes per setting' },
  'n-way': { type: 'int', min: 2, help: 'one setting: classes per episode' },
  'k-shot': { type: 'int', min: 1, help: 'one setting: shots per class' },
  'n-query': { type: 'int', default: 15, min: 1, help: 'queries per class' },
  'classifier': { type: 'enum', choices: EPISODE_CLASSIFIERS,
    default: 'cosine', help: 'per-episode classifier' },
  'classifier-steps': { type: 'int', default: 100, min: 1,
    help: 'Adam steps of the cosine classifier' },
  'split': { type: 'enum', choices: ['test', 'val'], default: 'test',
    help: 'novel classes' },
  'novel-characters': { type: 'int', default: 0, min: 0,
    help: 'draw episodes from this many novel characters (x4); 0 = all' },
  'skip-lake': { type: 'boolean', help: "skip Lake's one-shot runs" },
};

function settingsOf(values: Record<string, unknown>) {
  const nWay = values['n-way'] as number | undefined;
  const kShot = values['k-shot'] as number | undefined;
  if ((nWay === undefined) !== (kShot === undefined)) {
    throw new UsageError('--n-way and --k-shot go together, but got one.');
  }
  return nWay === undefined ? OMNIGLOT_SETTINGS.map((s) => ({ ...s })) :
      [{ nWay, kShot: kShot!, name: `${nWay}-way ${kShot}-shot` }];
}

/**
 * Which of Lake's runs show a drawing of a base character: the Vinyals
 * train list holds 8 alphabets of Omniglot's evaluation set, from which
 * Lake's runs are drawn. The base classes are rebuilt as `train` drew
 * them (the first fork of the run's generator).
 */
function runsTouchingBase(data: OmniglotData, runs: readonly OneShotRun[],
    trained: Record<string, unknown>): boolean[] {
  const split = trained.baseSplit as 'train' | 'trainval';
  const base = subsetCharacters(data.splits[split],
    trained.baseCharacters as number, new Rng(trained.seed as number).fork());
  const key = (a: Uint8Array) => Buffer.from(a).toString('base64');
  const seen = new Set<string>();
  for (const c of base) {
    if (c.rotation !== 0) continue;
    for (let d = 0; d < 20; d++) seen.add(key(omniglotImage(data, c, d)));
  }
  const pixels = data.size * data.size;
  return runs.map((run) => [run.training, run.test].some((images) =>
    Array.from({ length: images.length / pixels }, (_, i) =>
      images.subarray(i * pixels, (i + 1) * pixels)).some((img) =>
      seen.has(key(img)))));
}

function readConfig(runDir: string): Record<string, unknown> {
  const file = path.join(runDir, 'config.json');
  if (!fs.existsSync(file)) {
    throw new Error(`--run: ${file} is missing; is ${runDir} a training run?`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export async function evaluateCommand(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, EVALUATE_FLAGS, USAGE);
  if (values === null) return;
  if (values.run === undefined) throw new UsageError('--run is required.');
  const settings = settingsOf(values);
  const say = makeSay(values);
  const runDir = path.resolve(values.run as string);
  const trained = readConfig(runDir);
  const ckpt = loadLatestCheckpoint(path.join(runDir, 'checkpoints'));
  if (ckpt === null) throw new Error(`--run: ${runDir} has no checkpoint.`);
  const backend = await startBackend(values, say);
  const seed = values.seed as number;
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined);
  const out = new RunDir((values.out as string | undefined) ??
    path.join(runDir, 'evaluation'));
  const config = {
    command: 'evaluate', run: runDir, checkpointEpoch: ckpt.epoch,
    stage: trained.stage, trainSeed: trained.seed,
    // Runs trained before the backbone choice are Conv-4.
    backbone: (trained.backbone ?? 'conv4') as BackboneKind,
    filters: trained.filters as number, seed,
    episodes: values.episodes as number, nQuery: values['n-query'] as number,
    classifier: values.classifier as EpisodeClassifierKind,
    classifierSteps: values['classifier-steps'] as number,
    split: values.split as 'test' | 'val',
    novelCharacters: values['novel-characters'] as number,
    settings, lake: values['skip-lake'] !== true, dataDir,
    backend: backend.name,
  };
  out.writeConfig(config);
  say(`config: ${JSON.stringify(config)}`);
  const start = performance.now();
  const data = await loadOmniglot(dataDir,
    { size: trained.imageSize as number });
  const rng = new Rng(seed);
  const novel = subsetCharacters(data.splits[config.split],
    config.novelCharacters, rng.fork());
  const model = createFewShotModel(new Rng(0), {
    numClasses: trained.baseClasses as number,
    backbone: config.backbone, filters: config.filters,
    head: trained.head as 'cosine',
    imageSize: data.size });
  restoreModelWeights(model, ckpt);
  const table = gatherOmniglotClasses(data, novel);
  const featureStart = performance.now();
  const f = extractFeatures(model.backbone, table.images, data.size);
  const featureSeconds = (performance.now() - featureStart) / 1000;
  say(`features of ${table.count} images (${novel.length} classes) in ` +
    `${featureSeconds.toFixed(1)}s`);
  const classifier = { kind: config.classifier,
    steps: config.classifierSteps };
  const results = settings.map((s) => {
    const t0 = performance.now();
    const r = evaluateEpisodes(f.features, f.featureSize, table.labels, rng,
      { nWay: s.nWay, kShot: s.kShot, nQuery: config.nQuery,
        episodes: config.episodes, classifier });
    const seconds = (performance.now() - t0) / 1000;
    say(`${s.name.padEnd(14)} acc ${(100 * r.mean).toFixed(2)} +- ` +
      `${(100 * r.interval).toFixed(2)}  (${r.n} episodes, ` +
      `${seconds.toFixed(1)}s)`);
    return { name: s.name, nWay: s.nWay, kShot: s.kShot, nQuery: r.nQuery,
      episodes: r.n, mean: r.mean, interval: r.interval, std: r.std,
      seconds };
  });
  let lake: (ReturnType<typeof evaluateOneShotRuns> &
    { runsTouchingBase: number; novelRunsError: number | null }) | null =
    null;
  if (config.lake) {
    const runs = await loadOmniglotRuns(dataDir, { size: data.size });
    const scored = evaluateOneShotRuns(model.backbone, runs, data.size, rng,
      classifier);
    const touching = runsTouchingBase(data, runs, trained);
    const clean = scored.runErrors.filter((_, i) => !touching[i]);
    lake = { ...scored, runsTouchingBase: touching.filter((t) => t).length,
      novelRunsError: clean.length === 0 ? null :
        clean.reduce((a, b) => a + b, 0) / clean.length };
    say(`Lake 20-way one-shot error ${(100 * lake.error).toFixed(2)}% ` +
      `over ${runs.length} runs (${lake.runsTouchingBase} show base ` +
      `characters)`);
  }
  disposeFewShotModel(model);
  const seconds = (performance.now() - start) / 1000;
  const summary = { ...config, featureSeconds, wallTimeSeconds: seconds,
    results, lake };
  out.writeJson('evaluation.json', summary);
  out.writeSummary(summary);
  const head = results[0];
  console.log(`evaluate ${config.stage}: ${head.name} ` +
    `${(100 * head.mean).toFixed(2)} +- ${(100 * head.interval).toFixed(2)}` +
    (lake === null ? '' : `, Lake error ${(100 * lake.error).toFixed(2)}%`) +
    ` in ${seconds.toFixed(1)}s; wrote ${displayPath(out.dir)}`);
}
