import {
  OMNIGLOT_PUBLISHED, OMNIGLOT_SETTINGS, S2M2R_PUBLISHED,
} from '@mixup/few-shot';

/** What `evaluate` writes, as the table reads it. */
export interface Evaluation {
  stage: string;
  trainSeed: number;
  episodes: number;
  results: Array<{ name: string; mean: number; interval: number }>;
  lake: { error: number; runsTouchingBase?: number;
    novelRunsError?: number | null } | null;
}

const METHOD_NAMES: Record<string, string> = {
  baseline: 'Baseline++', rotation: 'Rotation', mixup: 'Manifold Mixup',
  s2m2r: 'S2M2_R',
};
const ORDER = ['baseline', 'rotation', 'mixup', 's2m2r'];

function pct(x: number): string {
  return (100 * x).toFixed(2);
}

function spread(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) /
    values.length);
}

/**
 * One cell: the mean over seeds, the mean 95% interval over episodes,
 * and each seed's figure.
 */
function cell(rows: Evaluation[], setting: string): string {
  const hits = rows.map((r) => r.results.find((x) => x.name === setting))
    .filter((x) => x !== undefined);
  if (hits.length === 0) return '-';
  const means = hits.map((h) => h.mean);
  const mean = means.reduce((a, b) => a + b, 0) / means.length;
  const interval = hits.reduce((a, h) => a + h.interval, 0) / hits.length;
  const seeds = hits.length > 1 ?
      ` (seeds ${means.map(pct).join(', ')}; sd ${pct(spread(means))})` : '';
  return `${pct(mean)} ± ${pct(interval)}${seeds}`;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Lake's error over all 20 runs, and over the runs without base
 * characters. */
function lakeCell(rows: Evaluation[]): string {
  const lakes = rows.map((r) => r.lake).filter((l) => l !== null);
  if (lakes.length === 0) return '-';
  const all = lakes.map((l) => l.error);
  const clean = lakes.map((l) => l.novelRunsError)
    .filter((e): e is number => typeof e === 'number');
  const touching = lakes.map((l) => l.runsTouchingBase ?? 0);
  return `${pct(mean(all))}%` +
    (all.length > 1 ? ` (seeds ${all.map(pct).join(', ')})` : '') +
    (clean.length === 0 ? '' : `; ${pct(mean(clean))}% on the runs ` +
      `without base characters (${touching.map((t) => 20 - t).join(', ')} ` +
      'of 20)');
}

/** The markdown table: our methods, then the published rows. */
export function reportTable(evaluations: readonly Evaluation[]): string {
  const names = OMNIGLOT_SETTINGS.map((s) => s.name);
  const lines = [
    `| method | seeds | episodes | ${names.join(' | ')} | Lake 20-way ` +
      '1-shot error |',
    `|---|---|---|${names.map(() => '---|').join('')}---|`,
  ];
  const stages = [...new Set(evaluations.map((e) => e.stage))].sort(
    (a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  for (const stage of stages) {
    const rows = evaluations.filter((e) => e.stage === stage);
    lines.push(`| ${METHOD_NAMES[stage] ?? stage} (ours) | ` +
      `${rows.map((r) => r.trainSeed).join(', ')} | ${rows[0].episodes} | ` +
      `${names.map((n) => cell(rows, n)).join(' | ')} | ${lakeCell(rows)} |`);
  }
  for (const p of OMNIGLOT_PUBLISHED) {
    lines.push(`| ${p.method} (published, ${p.source}) | - | - | ` +
      `${names.map((n) => p.accuracy[n]?.toFixed(1) ?? '-').join(' | ')} ` +
      '| - |');
  }
  return lines.join('\n');
}

/** S2M2_R's own published table, on data we do not have. */
export function s2m2rTable(): string {
  const lines = ['| S2M2_R (published, WRN-28-10) | 5-way 1-shot | ' +
    '5-way 5-shot |', '|---|---|---|'];
  for (const p of S2M2R_PUBLISHED) {
    lines.push(`| ${p.method.replace('S2M2_R ', '')} | ` +
      `${p.accuracy['5-way 1-shot'].toFixed(2)} | ` +
      `${p.accuracy['5-way 5-shot'].toFixed(2)} |`);
  }
  return lines.join('\n');
}
