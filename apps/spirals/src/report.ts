import type { MethodResult } from './experiment.js';

const LABELS: Record<string, string> = {
  erm: 'ERM', input: 'Input Mixup', manifold: 'Manifold Mixup (bottleneck)',
};

/** The demo's Markdown table, one row per method. */
export function resultsTable(results: readonly MethodResult[]): string {
  const head = '| method | train acc | test acc | test NLL | ' +
    'confidence far from data | largest singular value | sum of the rest |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|';
  const rows = results.map((r) => {
    const largest = r.spectra.map((s) => s.largest.toFixed(2)).join(' / ');
    const rest = r.spectra.map((s) => s.restSum.toFixed(2)).join(' / ');
    return `| ${LABELS[r.method] ?? r.method} | ` +
      `${r.trainAccuracy.toFixed(3)} | ${r.testAccuracy.toFixed(3)} | ` +
      `${r.testNll.toFixed(3)} | ${r.farConfidence.toFixed(3)} | ` +
      `${largest} | ${rest} |`;
  });
  return [head, rule, ...rows].join('\n');
}
