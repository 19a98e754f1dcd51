import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'apps/spirals/src/main.ts');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Summary {
  backend: string;
  methods: Array<{ method: string; farConfidence: number;
    trainAccuracy: number; singularValues: number[][] }>;
}

describe('the spirals demo', () => {
  let out: string;
  let stdout: string;

  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-spirals-'));
    ({ stdout } = await run(TSX, [MAIN, '--out', out, '--epochs', '40'],
      { cwd: ROOT, env: { ...process.env, MIXUP_BACKEND: 'wasm' } }));
  }, 300_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('prints one progress line per epoch per method and the table', () => {
    const lines = stdout.split('\n');
    for (const m of ['erm', 'input', 'manifold']) {
      const epochs = lines.filter((l) => l.startsWith(`${m.padEnd(8)} epoch `));
      expect(epochs).toHaveLength(40);
      expect(epochs[0]).toMatch(/epoch 001\/040  loss \d\.\d{4}  test_acc/);
    }
    expect(stdout).toMatch(/\| Manifold Mixup \(bottleneck\) \|/);
    expect(stdout).toContain(`wrote pictures`);
  });

  it('writes the pictures, the table, the run files and the models', () => {
    const files = fs.readdirSync(out);
    for (const m of ['erm', 'input', 'manifold']) {
      expect(files).toContain(`${m}-input-space.png`);
      expect(files).toContain(`${m}-hidden-space.png`);
      expect(fs.existsSync(path.join(out, 'models', m, 'model.json'))).toBe(true);
    }
    for (const f of ['singular-values.png', 'results.md', 'config.json',
      'metrics.jsonl', 'summary.json']) {
      expect(files).toContain(f);
    }
    const png = fs.readFileSync(path.join(out, 'erm-input-space.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const metrics = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8')
        .trim().split('\n');
    expect(metrics).toHaveLength(120);
  });

  it('is less confident far from the data with Manifold Mixup than with ERM', () => {
    const summary: Summary = JSON.parse(
      fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const by = Object.fromEntries(summary.methods.map((m) => [m.method, m]));
    expect(by.manifold.farConfidence).toBeLessThan(by.erm.farConfidence);
    expect(by.erm.trainAccuracy).toBeGreaterThan(0.9);
  });

  it('rejects a bad flag with one line and a non-zero exit', async () => {
    const failed = await run(TSX, [MAIN, '--epochs', 'ten'], { cwd: ROOT })
        .then(() => null, (err) => err);
    expect(failed.code).toBe(2);
    expect(failed.stderr.trim()).toBe(
      "spirals: --epochs: must be an integer, but got 'ten'.");
  });
});
