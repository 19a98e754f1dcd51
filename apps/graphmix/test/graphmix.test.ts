import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'apps/graphmix/src/main.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const DATA = process.env['MIXUP_DATA_DIR'] ?? '';
const CORA = join(DATA, 'planetoid-text-gmnn/cora/feature.txt');
const missing = DATA === '' ? 'MIXUP_DATA_DIR is unset' :
  existsSync(CORA) ? null : `missing ${CORA}`;
const tmp = mkdtempSync(join(tmpdir(), 'mixup-graphmix-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the app without blocking the test worker's event loop. */
function app(...args: string[]):
    Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(TSX, [MAIN, ...args], {
      cwd: ROOT, env: { ...process.env, MIXUP_BACKEND: 'wasm' },
    }, (err, stdout, stderr) => {
      const code = err === null ? 0 : (err as { code?: number }).code ?? 1;
      done({ status: code, stdout, stderr });
    });
  });
}

function metrics(dir: string): Record<string, number>[] {
  return readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as Record<string, number>);
}

describe('graphmix app flags', () => {
  it('rejects bad flags with one line on stderr and a non-zero exit',
      async () => {
        const cases: [string[], RegExp][] = [
          [['--dataset', 'nope'], /--dataset: must be one of cora/],
          [['--epochs', '0', '--bogus'], /bogus/],
          [['frobnicate'], /command must be one of train, table/],
        ];
        const runs = await Promise.all(cases.map(([args]) => app(...args)));
        runs.forEach((r, i) => {
          expect(r.status).not.toBe(0);
          expect(r.stderr.trim().split('\n')).toHaveLength(1);
          expect(r.stderr).toMatch(/^graphmix: /);
          expect(r.stderr).toMatch(cases[i][1]);
        });
      });

  it('prints help', async () => {
    const r = await app('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--method gcn\|graphmix/);
    expect(r.stdout).toMatch(/--seeds INT/);
  });
});

describe.skipIf(missing !== null)(`graphmix app on Cora (${missing ?? ''})`,
    () => {
      it('trains a GCN for a few epochs above chance', async () => {
        const out = join(tmp, 'gcn');
        const r = await app('--method', 'gcn', '--epochs', '30', '--quiet',
            '--out', out);
        expect(r.status).toBe(0);
        const summary = JSON.parse(
          readFileSync(join(out, 'summary.json'), 'utf8'));
        expect(summary.testAccAtBest).toBeGreaterThan(0.4); // chance 1/7
        expect(metrics(out)).toHaveLength(30);
        expect(existsSync(join(out, 'config.json'))).toBe(true);
      });

      it('resumes a run exactly where its checkpoint left it', async () => {
        const [whole, split] = [join(tmp, 'whole'), join(tmp, 'split')];
        const common = ['--method', 'graphmix', '--quiet',
          '--checkpoint-every', '3'];
        const first = await Promise.all([
          app(...common, '--epochs', '6', '--out', whole),
          app(...common, '--epochs', '3', '--out', split)]);
        expect(first.map((r) => r.status)).toEqual([0, 0]);
        const r = await app(...common, '--epochs', '6', '--out', split,
            '--resume');
        expect(r.status).toBe(0);
        const [a, b] = [metrics(whole), metrics(split)];
        expect(b).toHaveLength(6);
        for (const key of ['loss', 'val_acc', 'test_acc']) {
          expect(b.map((row) => row[key])).toEqual(a.map((row) => row[key]));
        }
      });

      it('writes one folder per seed and a summary of all seeds', async () => {
        const out = join(tmp, 'seeds');
        const r = await app('--method', 'gcn', '--epochs', '5', '--seeds', '2',
            '--quiet', '--out', out);
        expect(r.status).toBe(0);
        const all = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
        expect(all.runs).toHaveLength(2);
        expect(existsSync(join(out, 'seed-2', 'summary.json'))).toBe(true);
      });
    });
