import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { writeFileAtomic } from '@mixup/core';
import { parseCommandFlags, type FlagSpecs } from '@mixup/cli';
import { BACKBONES, FEW_SHOT_STAGES } from '@mixup/few-shot';

import { reportTable, s2m2rTable, type Evaluation } from './report.js';

const USAGE = 'npm run few-shot -- bench [flags]\n\n' +
  'Regenerates the benchmark: trains the four methods for each seed, then\n' +
  'evaluates each run (four settings, Lake\'s runs), --jobs at a time, as\n' +
  'child processes of this app; writes RUNS/<stage>-seed<S>/ and the table.';

/** The committed budget (docs/benchmarks/few-shot.md). */
export const BENCH_FLAGS: FlagSpecs = {
  'out': { type: 'string', default: 'out/few-shot', help: 'runs folder' },
  'seeds': { type: 'int-list', default: [1, 2], help: 'training seeds' },
  'jobs': { type: 'int', default: 4, min: 1, help: 'processes at a time' },
  'epochs': { type: 'int', default: 4, min: 1, help: 'epochs per run' },
  'rotation-epochs': { type: 'int', default: 2, min: 0,
    help: 's2m2r: rotation epochs first' },
  'steps-per-epoch': { type: 'int', default: 25, min: 0,
    help: 'steps per epoch' },
  'batch-size': { type: 'int', default: 64, min: 4, help: 'images per step' },
  'base-characters': { type: 'int', default: 150, min: 0,
    help: 'base characters (x4 rotations); 0 = all 1028' },
  'val-classes': { type: 'int', default: 40, min: 0,
    help: 'val classes of the per-epoch check' },
  'backbone': { type: 'enum', choices: [...BACKBONES], default: 'conv4',
    help: 'feature network' },
  'filters': { type: 'int', default: 64, min: 1,
    help: "Conv-4 filters, or PreActResNet-18's base width" },
  'episodes': { type: 'int', default: 1000, min: 1,
    help: 'episodes per setting' },
  'novel-characters': { type: 'int', default: 0, min: 0,
    help: 'novel characters (x4) to draw episodes from; 0 = all 423' },
  'table': { type: 'string', help: 'also write the tables to this file' },
};

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)),
  'main.ts');

function child(args: string[], log: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(log, 'w');
    const proc = spawn(process.execPath, [...process.execArgv, MAIN, ...args],
      { stdio: ['ignore', out, out] });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`'${args.join(' ')}' failed (code ${code}); ` +
        `see ${log}.`));
    });
  });
}

async function pool<T>(items: T[], jobs: number,
    work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) },
    async () => {
      for (let item = queue.shift(); item !== undefined;
        item = queue.shift()) {
        await work(item);
      }
    }));
}

export async function benchCommand(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, BENCH_FLAGS, USAGE);
  if (values === null) return;
  const root = path.resolve(values.out as string);
  fs.mkdirSync(root, { recursive: true });
  const common = ['data-dir', 'backend'].flatMap((f) =>
    values[f] === undefined ? [] : [`--${f}`, String(values[f])]);
  const runs = (values.seeds as number[]).flatMap((seed) =>
    FEW_SHOT_STAGES.map((stage) => ({ stage, seed,
      dir: path.join(root, `${stage}-seed${seed}`) })));
  const pass = (name: string) => [`--${name}`, String(values[name])];
  const start = performance.now();
  await pool(runs, values.jobs as number, async (r) => {
    console.log(`train ${r.stage} seed ${r.seed} -> ${r.dir}`);
    await child(['train', '--stage', r.stage, '--seed', String(r.seed),
      ...pass('epochs'), ...pass('rotation-epochs'),
      ...pass('steps-per-epoch'), ...pass('batch-size'),
      ...pass('base-characters'), ...pass('val-classes'), ...pass('backbone'),
      ...pass('filters'),
      ...common,
      '--out', r.dir, '--quiet'],
      path.join(root, `${r.stage}-seed${r.seed}.train.log`));
    console.log(`evaluate ${r.stage} seed ${r.seed}`);
    await child(['evaluate', '--run', r.dir, ...pass('episodes'),
      ...pass('novel-characters'),
      '--seed', String(r.seed), ...common, '--quiet'],
      path.join(root, `${r.stage}-seed${r.seed}.evaluate.log`));
  });
  const evaluations = runs.map((r) => JSON.parse(fs.readFileSync(
    path.join(r.dir, 'evaluation', 'evaluation.json'), 'utf8')) as
    Evaluation);
  const text = `${reportTable(evaluations)}\n\n${s2m2rTable()}\n`;
  if (values.table !== undefined) writeFileAtomic(values.table as string, text);
  process.stdout.write(text);
  console.log(`bench: ${runs.length} runs in ` +
    `${((performance.now() - start) / 1000).toFixed(0)}s`);
}
