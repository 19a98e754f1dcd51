import * as fs from 'node:fs';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs-core';

import {
  initBackend, loadCheckpoint, loadLatestCheckpoint, Rng,
  type BackendName,
} from '@mixup/core';
import {
  formatHelp, parseFlags, RunDir, runCli, UsageError, type FlagSpecs,
  type FlagValues,
} from '@mixup/cli';
import { resolveDataDir } from '@mixup/datasets/common';
import {
  attack, channelStats, CLASSIFY_METHODS, createNetwork, imageTensor,
  inputShapeOf, loadNetworkWeights, resolveClassifyArgs, testFigures,
  type ResolvedClassifyArgs,
} from '@mixup/image-classification';

import { flatten } from './flatten-command.js';
import { classifyArgsOf, TRAIN_FLAGS } from './flags.js';
import { loadRunData, runKeys, runOne, summaryLine } from './run-one.js';
import { resultsTable, type RunFigures } from './table.js';

const USAGE = 'npm run classify -- <train|evaluate|table|flatten> ' +
  '[flags]\n\n' +
  'Image classification on Fashion-MNIST with ERM, dropout, cutout, Input\n' +
  'Mixup and Manifold Mixup (PreActResNet-18/34, WRN-28-k).\n' +
  '  train     one run into --out (config.json, metrics.jsonl,\n' +
  '            summary.json, checkpoints/, model/); --resume continues\n' +
  '            a killed run\n' +
  '  evaluate  test figures of the newest checkpoint under --out\n' +
  '  table     every --methods x --seeds run under --out, then table.md\n' +
  '  flatten   the flattening analysis: an MLP with ERM, Input and\n' +
  '            Manifold Mixup; flattening.md and flattening.png';

const COMMON: FlagSpecs = {
  'out': { type: 'string', default: 'out/classify', help: 'output folder' },
};

const EVALUATE_FLAGS: FlagSpecs = {
  ...COMMON,
  'checkpoint': { type: 'string',
    help: 'checkpoint file (default: the newest under --out)' },
  'test-limit': { type: 'int', min: 0,
    help: 'use only the first N test examples (default: as trained)' },
  'fgsm-epsilon': { type: 'number', min: 0,
    help: 'FGSM step on the [0, 1] scale (default: as trained)' },
};

const TABLE_FLAGS: FlagSpecs = {
  ...TRAIN_FLAGS, ...COMMON,
  'out': { type: 'string', default: 'out/fashion-mnist-table',
    help: 'root folder; one sub-folder per run' },
  'seeds': { type: 'int', default: 3, min: 1, help: 'seeds 1..N per method' },
  'methods': { type: 'string', default: CLASSIFY_METHODS.join(','),
    help: 'comma-separated methods' },
  'only-seed': { type: 'int', min: 1,
    help: 'train only this seed (parallel lanes); the table covers all' },
};

const FLATTEN_FLAGS: FlagSpecs = {
  'out': { type: 'string', default: 'out/fashion-mnist-flattening',
    help: 'output folder' },
  'epochs': { type: 'int', default: 10, min: 1, help: 'epochs per method' },
  'batch-size': { type: 'int', default: 100, min: 1, help: 'batch size' },
  'lr': { type: 'number', default: 0.01, min: 1e-9,
    help: 'learning rate (0.1 diverges for this MLP)' },
  'hidden': { type: 'int', default: 512, min: 1, help: 'wide layer width' },
  'bottleneck': { type: 'int', default: 12, min: 1,
    help: 'bottleneck width' },
  'limit': { type: 'int', default: 0, min: 0,
    help: 'use only the first N training examples (0 = all)' },
};

const COMMANDS: Record<string, FlagSpecs> = {
  train: { ...TRAIN_FLAGS, ...COMMON }, evaluate: EVALUATE_FLAGS,
  table: TABLE_FLAGS, flatten: FLATTEN_FLAGS,
};

function say(values: FlagValues): (line: string) => void {
  return (line) => { if (values.quiet !== true) console.log(line); };
}

async function startBackend(values: FlagValues): Promise<string> {
  const info = await initBackend({
    backend: values.backend as BackendName | undefined,
    logger: { info: say(values), warn: (m) => console.error(m) },
  });
  return info.name;
}

function resolveArgs(values: FlagValues): ResolvedClassifyArgs {
  // Fashion-MNIST is 28 x 28; CIFAR's pixel sizes scale to it.
  return resolveClassifyArgs(classifyArgsOf(values), 28);
}

async function train(values: FlagValues): Promise<void> {
  const args = resolveArgs(values);
  const backend = await startBackend(values);
  const data = loadRunData(resolveDataDir(values['data-dir'] as string),
      args.limit, args.testLimit);
  const start = performance.now();
  const { result } = await runOne({ args, data, backend,
    out: values.out as string, resume: values.resume === true,
    say: say(values) });
  result.network.dispose();
  console.log(summaryLine(result, (performance.now() - start) / 1000));
}

async function evaluate(values: FlagValues): Promise<void> {
  const out = path.resolve(values.out as string);
  const configFile = path.join(out, 'config.json');
  if (!fs.existsSync(configFile)) {
    throw new UsageError(`--out: ${configFile} is missing; train first.`);
  }
  const args = JSON.parse(fs.readFileSync(configFile, 'utf8'))
      .args as ResolvedClassifyArgs;
  const ckpt = values.checkpoint !== undefined ?
      loadCheckpoint(values.checkpoint as string) :
      loadLatestCheckpoint(path.join(out, 'checkpoints'));
  if (ckpt === null) {
    throw new UsageError(`--out: ${out}/checkpoints holds no checkpoint.`);
  }
  const backend = await startBackend(values);
  const testLimit = (values['test-limit'] as number | undefined) ??
      args.testLimit;
  const data = loadRunData(resolveDataDir(values['data-dir'] as string),
      args.limit, testLimit);
  const stats = channelStats(data.train.images, data.train);
  const network = createNetwork(args, inputShapeOf(data.train), new Rng(0));
  loadNetworkWeights(network, ckpt);
  const testX = imageTensor(data.test, stats);
  const figures = testFigures(network, testX, data.test.labels);
  const epsilon = (values['fgsm-epsilon'] as number | undefined) ??
      args.fgsmEpsilon;
  const fgsm = epsilon > 0 ? attack(network, testX, data.test.labels,
    { ...args, fgsmEpsilon: epsilon }, stats) : null;
  tf.dispose(testX);
  network.dispose();
  const report = { epoch: ckpt.epoch, backend, testCount: data.test.count,
    ...figures, fgsm: fgsm === null ? null : { epsilon, accuracy: fgsm } };
  console.log(`epoch ${ckpt.epoch}  test_err ${figures.test_error.toFixed(4)}` +
    `  test_nll ${figures.test_nll.toFixed(4)}  test_ece ` +
    `${figures.test_ece.toFixed(4)}` +
    (fgsm === null ? '' : `  fgsm_acc ${fgsm.toFixed(4)}`));
  fs.writeFileSync(path.join(out, 'evaluation.json'),
    `${JSON.stringify(report, null, 2)}\n`);
}

function methodsOf(values: FlagValues): string[] {
  const methods = (values.methods as string).split(',');
  for (const m of methods) {
    if (!(CLASSIFY_METHODS as readonly string[]).includes(m)) {
      throw new UsageError(
        `--methods: each must be one of ${CLASSIFY_METHODS.join(', ')}, ` +
        `but got '${m}'.`);
    }
  }
  return methods;
}

async function table(values: FlagValues): Promise<void> {
  const methods = methodsOf(values);
  const base = resolveArgs(values);
  const root = path.resolve(values.out as string);
  const backend = await startBackend(values);
  const data = loadRunData(resolveDataDir(values['data-dir'] as string),
      base.limit, base.testLimit);
  const runs: RunFigures[] = [];
  for (const method of methods) {
    for (let seed = 1; seed <= (values.seeds as number); seed++) {
      const out = path.join(root, `${method}-seed${seed}`);
      const done = path.join(out, 'summary.json');
      const only = values['only-seed'] as number | undefined;
      if (only !== undefined && only !== seed) continue;
      const args = resolveArgs({ ...values, method, seed });
      if (fs.existsSync(done)) {
        // A finished run counts only if it was made with these settings.
        new RunDir(out).checkResumable({ args, dataset: data.dataset,
          trainCount: data.train.count, testCount: data.test.count },
          runKeys(args, false), 'table');
      } else {
        say(values)(`run ${method} seed ${seed} -> ${out}`);
        const { result } = await runOne({ args, data, backend, out,
          resume: true, say: say(values) });
        result.network.dispose();
      }
      runs.push(JSON.parse(fs.readFileSync(done, 'utf8')) as RunFigures);
    }
  }
  const text = resultsTable(runs, methods);
  fs.writeFileSync(path.join(root, 'table.md'), `${text}\n`);
  fs.writeFileSync(path.join(root, 'table.json'),
    `${JSON.stringify({ config: base, runs }, null, 2)}\n`);
  console.log(`\n${text}\n`);
}

async function flattenCommand(values: FlagValues): Promise<void> {
  await startBackend(values);
  const data = loadRunData(resolveDataDir(values['data-dir'] as string),
      values.limit as number, 0);
  const text = await flatten(data, {
    epochs: values.epochs as number, lr: values.lr as number,
    batchSize: values['batch-size'] as number, seed: values.seed as number,
    hidden: values.hidden as number, bottleneck: values.bottleneck as number,
  }, values.out as string, say(values));
  console.log(`\n${text}\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n\nRun '<command> --help' for its flags.\n`);
    if (command === undefined) process.exitCode = 2;
    return;
  }
  const specs = COMMANDS[command];
  if (specs === undefined) {
    throw new UsageError(
      `unknown command '${command}'; use train, evaluate, table or ` +
      'flatten.');
  }
  const { values, positionals } = parseFlags(rest, specs);
  if (values.help) {
    process.stdout.write(formatHelp(USAGE, specs));
    return;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `unexpected argument '${positionals[0]}' (see --help).`);
  }
  if (command === 'train') await train(values);
  else if (command === 'evaluate') await evaluate(values);
  else if (command === 'table') await table(values);
  else await flattenCommand(values);
}

runCli('classify', main);
