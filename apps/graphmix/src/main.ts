// npm run graphmix -- [train|table] [flags]: GCN and GraphMix on Planetoid.
import { initBackend } from '@mixup/core';
import {
  formatHelp, parseFlags, RunDir, runCli, UsageError,
} from '@mixup/cli';
import type { FlagSpecs } from '@mixup/cli';
import { resolveDataDir } from '@mixup/datasets/common';
import { appConfigOf, RUN_FLAGS } from './flags.js';
import { meanStd, runSeeds } from './run-seeds.js';
import { runTable, TABLE_FLAGS } from './table.js';

const USAGE = 'npm run graphmix -- [train|table] [flags]\n\n' +
  'GCN and GraphMix(GCN) (Verma et al., arXiv 1909.11715) on the Planetoid\n' +
  'citation graphs with the standard split.\n' +
  '  train  (default) --seeds runs of --method on --dataset into --out\n' +
  '  table  every dataset x method x seed, then the benchmark document';

const COMMANDS: Record<string, FlagSpecs> = {
  train: RUN_FLAGS, table: TABLE_FLAGS,
};

async function main(argv: string[]): Promise<void> {
  const command = argv[0] !== undefined && !argv[0].startsWith('-') ?
    argv[0] : 'train';
  const specs = COMMANDS[command];
  if (specs === undefined) {
    throw new UsageError(
      `command must be one of ${Object.keys(COMMANDS).join(', ')}, but got ` +
      `'${command}' (see --help).`);
  }
  const rest = command === argv[0] ? argv.slice(1) : argv;
  const { values, positionals } = parseFlags(rest, specs);
  if (values['help'] === true) {
    process.stdout.write(formatHelp(USAGE, specs));
    return;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `unexpected argument '${positionals[0]}' (see --help).`);
  }
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined);
  const info = await initBackend({
    backend: values['backend'] as string | undefined });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  // --quiet keeps the per-seed summaries and drops the rest.
  const say = values['quiet'] === true ? () => {} : print;
  say(info.line);
  if (command === 'table') {
    await runTable(values, dataDir, info.name, print);
    return;
  }
  const config = appConfigOf(values, dataDir);
  say(`config ${JSON.stringify({ ...config, backend: info.name })}`);
  const summaries = await runSeeds(config, info.name, print);
  if (summaries.length > 1) {
    const acc = meanStd(summaries.map((s) => 100 * s.testAccAtBest));
    new RunDir(config.out).writeSummary({
      dataset: config.dataset, method: config.recipe.method,
      seeds: config.seeds, testAccMean: acc.mean, testAccStd: acc.std,
      runs: summaries,
    });
    print(`${config.dataset} ${config.recipe.method} over ` +
      `${summaries.length} seeds: test_acc ${acc.mean.toFixed(2)} +- ` +
      `${acc.std.toFixed(2)}`);
  }
}

runCli('graphmix', main);
