/** One run's figures as summary.json holds them. */
export interface RunFigures {
  method: string;
  seed: number;
  best: { epoch: number; test_error: number; test_nll: number };
  last: { test_error: number; test_nll: number; test_ece: number };
  fgsm: { epsilon: number; accuracy: number } | null;
  wallTimeSeconds: number;
}

/** Mean and sample standard deviation (0 for a single value). */
export function meanStd(values: readonly number[]): [number, number] {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n < 2 ? 0 :
      values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return [mean, Math.sqrt(variance)];
}

function cell(values: readonly number[], scale: number,
    digits: number): string {
  const [mean, std] = meanStd(values.map((v) => v * scale));
  return `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
}

/**
 * The benchmark table: one row per method, mean ± std over seeds of the
 * last epoch's test error (%) and NLL, the best epoch's error, ECE and
 * FGSM accuracy (%).
 */
export function resultsTable(runs: readonly RunFigures[],
    methods: readonly string[]): string {
  const head = '| method | seeds | test error % (last) | test NLL (last) | ' +
      'test error % (best epoch) | ECE % (last) | FGSM acc % | ' +
      'wall s / run |';
  const rule = '|---|---|---|---|---|---|---|---|';
  const rows = methods.map((method) => {
    const rs = runs.filter((r) => r.method === method);
    if (rs.length === 0) return `| ${method} | 0 | | | | | | |`;
    const fgsm = rs.every((r) => r.fgsm !== null) ?
        cell(rs.map((r) => r.fgsm!.accuracy), 100, 2) : 'n/a';
    const [wall] = meanStd(rs.map((r) => r.wallTimeSeconds));
    return `| ${method} | ${rs.map((r) => r.seed).join(',')} | ` +
        `${cell(rs.map((r) => r.last.test_error), 100, 2)} | ` +
        `${cell(rs.map((r) => r.last.test_nll), 1, 3)} | ` +
        `${cell(rs.map((r) => r.best.test_error), 100, 2)} | ` +
        `${cell(rs.map((r) => r.last.test_ece), 100, 2)} | ${fgsm} | ` +
        `${wall.toFixed(0)} |`;
  });
  return [head, rule, ...rows].join('\n');
}
