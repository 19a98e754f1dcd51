import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  finished, HAS_FASHION, MISSING, readJson, readJsonLines, runApp,
  startApp,
} from './run-app.js';

/** Room for a machine loaded far beyond its cores; the work is small. */
const SLOW_MS = 300_000;

/** The flags with --epochs set to `epochs`. */
function withEpochs(flags: string[], epochs: string): string[] {
  return flags.map((f, i) => (flags[i - 1] === '--epochs' ? epochs : f));
}

/** The figures of a summary that must not depend on a kill. */
function figures(summary: Record<string, any>): unknown {
  const { best, last, fgsm, trainCount, testCount } = summary;
  return { best, last, fgsm, trainCount, testCount };
}

describe.skipIf(!HAS_FASHION)(`classify --resume after SIGKILL (${MISSING})`,
  () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'classify-resume-'));
    const flags = (out: string) => ['train', '--out', out, '--limit', '640',
      '--test-limit', '100', '--epochs', '2', '--width', '2',
      '--batch-size', '16', '--method', 'manifold', '--fgsm-epsilon', '0.02',
      '--fgsm-limit', '50', '--seed', '5', '--quiet'];

    it('ends with the same summary as an unbroken run', async () => {
      const whole = path.join(root, 'whole');
      const broken = path.join(root, 'broken');
      const unbroken = runApp(flags(whole));
      const child = startApp(flags(broken).filter((f) => f !== '--quiet'));
      const done = finished(child);
      const metrics = path.join(broken, 'metrics.jsonl');
      // Kill as soon as epoch 1 is reported: its checkpoint is on disk and
      // epoch 2 is starting.
      await new Promise<void>((resolve) => {
        child.stdout!.on('data', (chunk) => {
          if (/^epoch 001\//m.test(String(chunk))) resolve();
        });
        child.on('close', () => resolve());
      });
      child.kill('SIGKILL');
      const killed = await done;
      expect(killed.signal).toBe('SIGKILL');
      expect(readJsonLines(metrics)).toHaveLength(1);
      expect(fs.existsSync(path.join(broken, 'summary.json'))).toBe(false);
      expect(fs.existsSync(path.join(broken, 'checkpoints',
        'ckpt-000002.mmx'))).toBe(false);

      const resumed = await runApp([...flags(broken), '--resume']);
      expect(resumed.code, resumed.stderr).toBe(0);
      const a = await unbroken;
      expect(a.code, a.stderr).toBe(0);
      const sa = readJson(path.join(whole, 'summary.json'));
      const sb = readJson(path.join(broken, 'summary.json'));
      expect(sb.resumedFrom).toBe(1);
      expect(figures(sb)).toEqual(figures(sa));
      const strip = (rows: Array<Record<string, number>>) =>
        rows.map(({ seconds: _s, ...rest }) => rest);
      expect(strip(readJsonLines(metrics))).toEqual(
        strip(readJsonLines(path.join(whole, 'metrics.jsonl'))));
    }, SLOW_MS);

    it('refuses to resume with other settings', async () => {
      const broken = path.join(root, 'broken');
      const r = await runApp([...flags(broken).map((f) =>
        (f === '640' ? '320' : f)), '--resume']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /--resume: .* other settings \(args\.limit was 640, now 320\)/);
      const fewer = await runApp(
        [...withEpochs(flags(broken), '1'), '--resume']);
      expect(fewer.code).toBe(2);
      expect(fewer.stderr).toMatch(
        /--epochs: must be >= the run's 2 to resume it, but got 1/);
    }, SLOW_MS);

    it('extends a finished run with more --epochs', async () => {
      const whole = path.join(root, 'whole');
      const r = await runApp([...withEpochs(flags(whole), '3'), '--resume']);
      expect(r.code, r.stderr).toBe(0);
      expect(readJsonLines(path.join(whole, 'metrics.jsonl'))
          .map((m) => m.epoch)).toEqual([1, 2, 3]);
      expect(readJson(path.join(whole, 'summary.json')).resumedFrom).toBe(2);
    }, SLOW_MS);

    it('lets table refuse a finished run made with other settings', async () => {
      const table = path.join(root, 'table');
      const tableFlags = ['table', '--out', table, '--methods', 'erm',
        '--seeds', '1', '--limit', '320', '--test-limit', '100',
        '--width', '2', '--batch-size', '16', '--fgsm-epsilon', '0',
        '--quiet'];
      const first = await runApp([...tableFlags, '--epochs', '1']);
      expect(first.code, first.stderr).toBe(0);
      const stale = await runApp([...tableFlags, '--epochs', '2']);
      expect(stale.code).toBe(2);
      expect(stale.stderr).toMatch(
        /table: .*erm-seed1 holds a run made with other settings \(args\.epochs was 1, now 2\)/);
    }, SLOW_MS);
  });
