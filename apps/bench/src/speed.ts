// npm run bench:speed -- [flags]: training speed of the peer's cases with
// the stock wasm kernels and with ours, ERM and manifold mixup side by side.
import * as tf from '@tensorflow/tfjs-core';

import { parseCommandFlags, runCli, RunDir } from '@mixup/cli';

import { benchConfigOf, SPEED_FLAGS } from './bench-flags.js';
import { machineLine } from './format.js';
import { KERNEL_SET_NOTES } from './kernel-sets.js';
import { printSwitchCheck, runSpeed } from './speed-run.js';

const USAGE = 'npm run bench:speed -- [--case NAME[,NAME]] [flags]\n\n' +
  'Training images/s (GCN epochs/s, CTC calls/s) of the PyTorch peer\'s\n' +
  'cases on one thread, per case, method and kernel set, then ours/stock\n' +
  'and the manifold/ERM step-time ratio. Rates are wall-clock, as the\n' +
  'peer\'s; cpu is this process\'s CPU time, steadier on a loaded machine.';

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, SPEED_FLAGS, USAGE);
  if (values === null) return;
  const config = benchConfigOf(values);
  print(`config ${JSON.stringify(config)}`);
  print(machineLine());
  for (const set of config.kernelSets) {
    print(`kernels  ${KERNEL_SET_NOTES[set]}`);
  }
  await printSwitchCheck(config.kernelSets, print);
  const start = performance.now();
  const results = await runSpeed(config, print);
  print(machineLine());
  print(`done  ${results.length} results in ` +
    `${((performance.now() - start) / 1000).toFixed(1)} s  tfjs ` +
    tf.version_core);
  if (config.out !== undefined) {
    const dir = new RunDir(config.out);
    dir.writeConfig(config);
    dir.writeSummary({ results, finished: new Date().toISOString() });
  }
}

runCli('bench:speed', main);
