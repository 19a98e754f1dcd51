// The `table` command: every dataset x method x seed, then the document.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunDir } from '@mixup/cli';
import type { FlagSpecs, FlagValues } from '@mixup/cli';
import { PLANETOID_NAMES } from '@mixup/datasets/planetoid';
import { GRAPHMIX_METHODS } from '@mixup/graphmix';
import { appConfigOf, RUN_FLAGS } from './flags.js';
import { meanStd, runSeeds } from './run-seeds.js';

const { dataset: _d, method: _m, ...SHARED } = RUN_FLAGS;

export const TABLE_FLAGS: FlagSpecs = {
  ...SHARED,
  'out': { type: 'string', default: 'out/graphmix-table',
    help: 'root folder; one <dataset>-<method>/seed-<k>/ folder per run' },
  'seeds': { type: 'int', default: 10, min: 1, help: 'seeds per cell' },
  'datasets': { type: 'string', default: PLANETOID_NAMES.join(','),
    help: 'comma-separated graphs' },
  'methods': { type: 'string', default: GRAPHMIX_METHODS.join(','),
    help: 'comma-separated methods' },
  'doc': { type: 'string', default: 'docs/benchmarks/graphmix.md',
    help: 'document whose results block is rewritten' },
};

/** GraphMix paper, Table 1(B): GCN (as reported) and GraphMix(GCN). */
export const PUBLISHED: Record<string, Record<string, string>> = {
  gcn: { cora: '81.30', citeseer: '70.30', pubmed: '79.00' },
  graphmix: { cora: '83.94 +- 0.57', citeseer: '74.72 +- 0.59',
    pubmed: '80.98 +- 0.55' },
};

export const BEGIN = '<!-- results:begin -->';
export const END = '<!-- results:end -->';

export interface Cell {
  dataset: string;
  method: string;
  seeds: number;
  mean: number;
  std: number;
  msPerEpoch: number;
  wallSeconds: number;
  features: string;
  /** The command that produced the cell. */
  command: string;
}

function listOf(v: FlagValues, name: string, allowed: readonly string[]):
    string[] {
  const items = String(v[name]).split(',').map((s) => s.trim());
  const bad = items.find((s) => !allowed.includes(s));
  if (bad !== undefined) {
    throw new RangeError(
      `--${name}: each must be one of ${allowed.join(', ')}, but got ` +
      `'${bad}'.`);
  }
  return items;
}

/** The markdown block that goes between the document's markers. */
export function resultsBlock(cells: Cell[]): string {
  const rows = cells.map((c) =>
    `| ${c.dataset} | ${c.method === 'gcn' ? 'GCN' : 'GraphMix(GCN)'} | ` +
    `${c.mean.toFixed(2)} +- ${c.std.toFixed(2)} | ${c.seeds} | ` +
    `${PUBLISHED[c.method]?.[c.dataset] ?? '-'} | ${c.features} | ` +
    `${c.msPerEpoch.toFixed(1)} | ${(c.wallSeconds / 60).toFixed(1)} |`);
  const commands = [...new Set(cells.map((c) => c.command))];
  return [BEGIN,
    '| dataset | method | test acc. (%) | seeds | published | features | ' +
    'ms/epoch | wall (min) |',
    '|---|---|---|---|---|---|---|---|', ...rows, '',
    'Regenerate (from the repository root, with ' +
    '`MIXUP_DATA_DIR=../shared/datasets`):', '',
    ...commands.map((c) => `    ${c}`), END].join('\n');
}

/** Replaces the block between the markers of `doc` (which must exist). */
export function writeResults(doc: string, block: string): void {
  const text = fs.readFileSync(doc, 'utf8');
  const [a, b] = [text.indexOf(BEGIN), text.indexOf(END)];
  if (a < 0 || b < a) {
    throw new Error(
      `writeResults: ${doc} must hold the markers ${BEGIN} and ${END}, ` +
      'but does not.');
  }
  fs.writeFileSync(doc, text.slice(0, a) + block + text.slice(b + END.length));
}

/** Cells already in `root/table.json`, so that tables can be built up. */
function previousCells(root: string): Cell[] {
  const file = path.join(root, 'table.json');
  return fs.existsSync(file) ?
    JSON.parse(fs.readFileSync(file, 'utf8')) as Cell[] : [];
}

export async function runTable(v: FlagValues, dataDir: string,
    backend: string, print: (line: string) => void): Promise<void> {
  const datasets = listOf(v, 'datasets', PLANETOID_NAMES);
  const methods = listOf(v, 'methods', GRAPHMIX_METHODS);
  const root = v['out'] as string;
  const command = `npm run graphmix -- table --seeds ${v['seeds']} ` +
    `--epochs ${v['epochs']} --datasets ${datasets.join(',')} ` +
    `--methods ${methods.join(',')} --features ${v['features']} ` +
    `--out ${root}`;
  let cells = previousCells(root);
  for (const dataset of datasets) {
    for (const method of methods) {
      const config = appConfigOf({ ...v, dataset, method, quiet: true,
        out: path.join(root, `${dataset}-${method}`) }, dataDir);
      const t0 = performance.now();
      const runs = await runSeeds(config, backend, print);
      const acc = meanStd(runs.map((r) => 100 * r.testAccAtBest));
      const cell: Cell = { dataset, method, seeds: runs.length, ...acc,
        msPerEpoch: meanStd(runs.map((r) => r.msPerEpoch)).mean,
        wallSeconds: (performance.now() - t0) / 1000,
        features: config.features, command };
      cells = [...cells.filter((c) =>
        c.dataset !== dataset || c.method !== method), cell];
      print(`${dataset} ${method}: ${acc.mean.toFixed(2)} +- ` +
        `${acc.std.toFixed(2)} over ${runs.length} seeds`);
      new RunDir(root).writeJson('table.json', cells);
      writeResults(v['doc'] as string, resultsBlock(sortCells(cells)));
    }
  }
  print(`wrote ${v['doc']}`);
}

function sortCells(cells: Cell[]): Cell[] {
  const rank = (c: Cell) => PLANETOID_NAMES.indexOf(c.dataset as 'cora') *
    10 + GRAPHMIX_METHODS.indexOf(c.method as 'gcn');
  return [...cells].sort((a, b) => rank(a) - rank(b));
}
