// `report --runs DIR`: the markdown table of trained runs (each a folder
// with summary.json): CER and WER per method on seen-font and unseen-font
// test lines, greedy and beam, mean +- std over seeds.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  parseCommandFlags, UsageError, type FlagSpecs,
} from '@mixup/cli';

const FLAGS: FlagSpecs = {
  'runs': { type: 'string', help: 'folder holding one folder per run' },
};

const USAGE = 'npm run text-recognition -- report --runs DIR';

const METHODS = ['erm', 'input', 'manifold'];
const METHOD_NAMES: Record<string, string> = {
  erm: 'ERM', input: 'Input Mixup', manifold: 'Manifold Mixup',
};
const COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  ['seenFonts', 'cer', 'CER seen'], ['seenFonts', 'cerBeam', 'CER seen, beam'],
  ['unseenFonts', 'cer', 'CER unseen'],
  ['unseenFonts', 'cerBeam', 'CER unseen, beam'],
  ['seenFonts', 'wer', 'WER seen'], ['seenFonts', 'werBeam', 'WER seen, beam'],
  ['unseenFonts', 'wer', 'WER unseen'],
  ['unseenFonts', 'werBeam', 'WER unseen, beam'],
];

interface Summary {
  method: string;
  seed: number;
  wallSeconds: number;
  test: Record<string, Record<string, number>>;
}

/** Mean +- sample standard deviation, in percent. */
export function meanStd(values: readonly number[]): string {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length < 2 ? 0 : values.reduce(
      (a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return `${(100 * mean).toFixed(1)} +- ${(100 * Math.sqrt(variance))
      .toFixed(1)}`;
}

function readSummaries(dir: string): Summary[] {
  if (!existsSync(dir)) throw new Error(`report: ${dir} does not exist.`);
  return readdirSync(dir).map((name) => join(dir, name, 'summary.json'))
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')) as Summary);
}

/** The table as markdown lines. */
export function formatTable(summaries: readonly Summary[]): string[] {
  const head = ['method', 'seeds', ...COLUMNS.map((c) => c[2]),
    'wall s / run'];
  const lines = [`| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`];
  for (const method of METHODS) {
    const runs = summaries.filter((s) => s.method === method)
        .sort((a, b) => a.seed - b.seed);
    if (runs.length === 0) continue;
    const cells = COLUMNS.map(([set, key]) =>
      meanStd(runs.map((r) => r.test[set][key])));
    const seconds = runs.reduce((a, r) => a + r.wallSeconds, 0) / runs.length;
    lines.push(`| ${METHOD_NAMES[method]} | ${runs.map((r) => r.seed)
        .join(', ')} | ${cells.join(' | ')} | ${seconds.toFixed(0)} |`);
  }
  return lines;
}

export async function reportCommand(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, FLAGS, USAGE);
  if (values === null) return;
  const runs = values['runs'] as string | undefined;
  if (runs === undefined) throw new UsageError('--runs: a folder is required.');
  const summaries = readSummaries(runs);
  if (summaries.length === 0) {
    throw new Error(`report: no */summary.json under ${runs}.`);
  }
  process.stdout.write(`${formatTable(summaries).join('\n')}\n`);
}
