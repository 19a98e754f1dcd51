// Where one training step's time goes, by kernel (tf.profile):
//   npx tsx apps/bench/src/profile-step.ts [--case preact18-w16-28px]
//       [--method erm|manifold] [--kernels ours|stock] [--width 16]
//       [--batch 128]
// Prints a markdown table: kernel, calls, ms, share of the step. Times are
// wall-clock per kernel call (the profiler reads each output back).
import * as tf from '@tensorflow/tfjs-core';

import { parseCommandFlags, runCli } from '@mixup/cli';

import { benchConfigOf, SPEED_FLAGS } from './bench-flags.js';
import { CASES } from './cases.js';
import { activateKernelSet } from './kernel-sets.js';

const USAGE = 'npx tsx apps/bench/src/profile-step.ts [flags]\n\n' +
  'Profiles one step of one case (the first --case, first --method, first\n' +
  '--kernels) after --warmup steps, by kernel.';

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, SPEED_FLAGS, USAGE);
  if (values === null) return;
  const config = benchConfigOf(values);
  const c = CASES[config.cases[0]];
  const key = c.keys([config.methods[0]])[0] ?? 'loss+grad';
  await activateKernelSet(config.kernelSets[0]);
  const built = await c.build({ batch: config.batch, width: config.width,
    seed: config.seed, keys: [key] });
  const step = built.steps[key]!;
  for (let i = 0; i < Math.max(1, config.warmup); i++) step();
  const start = performance.now();
  const info = await tf.profile(() => {
    step();
  });
  const total = performance.now() - start;
  built.dispose();
  const byName = new Map<string, { calls: number; ms: number }>();
  for (const k of info.kernels) {
    // NOTE: 'fusedConv2d__op' and the like wrap kernels listed themselves.
    if (k.name.endsWith('__op')) continue;
    const entry = byName.get(k.name) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += k.kernelTimeMs as number;
    byName.set(k.name, entry);
  }
  const rows = [...byName].sort((a, b) => b[1].ms - a[1].ms);
  const kernelMs = rows.reduce((s, [, e]) => s + e.ms, 0);
  print(`${c.label({ ...config, keys: [key] })} ${key} ` +
    `${config.kernelSets[0]}: step ${total.toFixed(0)} ms under the ` +
    `profiler, kernels ${kernelMs.toFixed(0)} ms`);
  print('| kernel | calls | ms | share |');
  print('| --- | ---: | ---: | ---: |');
  for (const [name, e] of rows) {
    print(`| ${name} | ${e.calls} | ${e.ms.toFixed(1)} | ` +
      `${(100 * e.ms / kernelMs).toFixed(1)}% |`);
  }
}

runCli('profile-step', main);
