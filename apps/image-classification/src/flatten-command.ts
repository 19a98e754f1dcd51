import * as fs from 'node:fs';

import sharp from 'sharp';

import { formatEpochLine, RunDir } from '@mixup/cli';
import {
  FLATTENING_METHODS, runFlattening, type FlatteningArgs,
  type FlatteningResult,
} from '@mixup/image-classification';

import type { RunData } from './run-one.js';

const COLOURS = ['#4d4d4d', '#2166ac', '#b2182b'];

/** The flattening table: mean over classes, as the paper's Table 2. */
export function flatteningTable(results: readonly FlatteningResult[]):
    string {
  const rows = results.map((r) =>
    `| ${r.method} | ${r.largest.toFixed(2)} | ${r.restSum.toFixed(2)} | ` +
    `${(r.restSum / r.largest).toFixed(3)} | ` +
    `${(100 * r.testError).toFixed(2)} | ${r.testNll.toFixed(3)} |`);
  return ['| method | largest singular value | sum of the rest | ' +
    'rest / largest | test error % | test NLL |',
  '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** Draws the class-averaged spectra of each method as lines. */
async function renderSpectra(file: string,
    results: readonly FlatteningResult[]): Promise<void> {
  const dim = results[0].spectra[0].singularValues.length;
  const mean = (r: FlatteningResult, i: number) => r.spectra.reduce(
    (s, c) => s + c.singularValues[i], 0) / r.spectra.length;
  const top = Math.max(...results.map((r) => mean(r, 0)), 1e-9);
  const x = (i: number) => 60 + (i * 480) / Math.max(1, dim - 1);
  const y = (v: number) => 320 - (v / top) * 260;
  const lines = results.map((r, m) => {
    const pts = Array.from({ length: dim }, (_, i) =>
      `${x(i).toFixed(1)},${y(mean(r, i)).toFixed(1)}`).join(' ');
    return `<polyline points="${pts}" fill="none" stroke="${COLOURS[m]}" ` +
      `stroke-width="2.5"/><text x="420" y="${70 + 20 * m}" ` +
      `fill="${COLOURS[m]}" font-size="14">${r.method}: rest ` +
      `${r.restSum.toFixed(1)}</text>`;
  }).join('');
  const ticks = Array.from({ length: dim }, (_, i) =>
    `<text x="${x(i)}" y="340" font-size="11" text-anchor="middle">` +
    `${i + 1}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" ` +
    `height="370"><rect width="100%" height="100%" fill="white"/>` +
    `<g font-family="DejaVu Sans, sans-serif"><text x="10" y="22" ` +
    `font-size="14">Singular values of the bottleneck per class (mean ` +
    `over classes), by rank</text><line x1="60" y1="320" x2="540" ` +
    `y2="320" stroke="black"/><line x1="60" y1="60" x2="60" y2="320" ` +
    `stroke="black"/><text x="52" y="64" font-size="11" ` +
    `text-anchor="end">${top.toFixed(0)}</text>${ticks}${lines}</g></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
}

/**
 * Trains the MLP with each method and writes flattening.md,
 * flattening.png and summary.json under `out`.
 */
export async function flatten(data: RunData, args: FlatteningArgs,
    out: string, say: (line: string) => void): Promise<string> {
  const run = new RunDir(out);
  run.writeConfig({ command: 'flatten', args, dataset: data.dataset,
    trainCount: data.train.count, testCount: data.test.count });
  run.resetMetrics();
  say(`config: ${JSON.stringify({ args, trainCount: data.train.count })}`);
  const results: FlatteningResult[] = [];
  const start = performance.now();
  for (const method of FLATTENING_METHODS) {
    results.push(await runFlattening(method, data.train, data.test, args,
      (logs) => {
        run.appendMetrics({ method, ...logs });
        say(`${method.padEnd(8)} ` + formatEpochLine(logs.epoch,
          args.epochs ?? 10, [['loss', logs.loss]], logs.lr, logs.seconds));
      }));
  }
  const table = flatteningTable(results);
  fs.writeFileSync(run.file('flattening.md'), `${table}\n`);
  await renderSpectra(run.file('flattening.png'), results);
  run.writeSummary({ args, wallTimeSeconds:
    (performance.now() - start) / 1000, results });
  return table;
}
