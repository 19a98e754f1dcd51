import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseCommandFlags, type FlagSpecs, UsageError } from '@mixup/cli';
import { writeFileAtomic } from '@mixup/core';

import { reportTable, s2m2rTable, type Evaluation } from './report.js';

const USAGE = 'npm run few-shot -- report --runs DIR [--out FILE]\n\n' +
  'Finds every evaluation.json under DIR and prints the table of the four\n' +
  'methods (mean over seeds, 95% interval over episodes, each seed),\n' +
  'with the published Omniglot and S2M2_R figures.';

export const REPORT_FLAGS: FlagSpecs = {
  'runs': { type: 'string', help: 'folder holding evaluated runs' },
  'out': { type: 'string', help: 'also write the tables to this file' },
};

function findEvaluations(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findEvaluations(full));
    else if (entry.name === 'evaluation.json') found.push(full);
  }
  return found.sort();
}

export async function reportCommand(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, REPORT_FLAGS, USAGE);
  if (values === null) return;
  if (values.runs === undefined) throw new UsageError('--runs is required.');
  const root = path.resolve(values.runs as string);
  if (!fs.existsSync(root)) throw new Error(`--runs: ${root} does not exist.`);
  const files = findEvaluations(root);
  if (files.length === 0) {
    throw new Error(`--runs: no evaluation.json under ${root}.`);
  }
  const evaluations = files.map((f) =>
    JSON.parse(fs.readFileSync(f, 'utf8')) as Evaluation);
  const text = `${reportTable(evaluations)}\n\n${s2m2rTable()}\n`;
  if (values.out !== undefined) writeFileAtomic(values.out as string, text);
  process.stdout.write(text);
}
