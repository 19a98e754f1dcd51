import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  HAS_FASHION, MISSING, readJson, readJsonLines, runApp,
} from './run-app.js';

describe.skipIf(!HAS_FASHION)(`classify train on Fashion-MNIST (${MISSING})`,
  () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'classify-train-'));
    const args = ['--out', out, '--limit', '1024', '--test-limit', '1000',
      '--epochs', '2', '--width', '4', '--batch-size', '32', '--lr', '0.05',
      '--fgsm-epsilon', '0.02', '--fgsm-limit', '200', '--seed', '3'];
    /** Room for a machine loaded far beyond its cores. */
    const SLOW_MS = 300_000;

    it('trains, beats chance and writes the run files', async () => {
      const r = await runApp(['train', ...args]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^config: \{/m);
      expect(r.stdout).toMatch(/^epoch 001\/002  loss \d\.\d{4}  test_err/m);
      expect(r.stdout).toMatch(/^best test_err .* at epoch [12]/m);
      const config = readJson(path.join(out, 'config.json'));
      expect(config.args.method).toBe('erm');
      expect(config.trainCount).toBe(1024);
      const metrics = readJsonLines(path.join(out, 'metrics.jsonl'));
      expect(metrics.map((m) => m.epoch)).toEqual([1, 2]);
      const summary = readJson(path.join(out, 'summary.json'));
      // Ten balanced classes: chance is an error of 0.9.
      expect(summary.last.test_error).toBeLessThan(0.7);
      expect(summary.best.test_error).toBeLessThanOrEqual(
        summary.last.test_error);
      expect(summary.fgsm.accuracy).toBeGreaterThanOrEqual(0);
      expect(summary.fgsm.accuracy).toBeLessThanOrEqual(
        1 - summary.last.test_error + 1e-9);
      expect(fs.existsSync(path.join(out, 'checkpoints',
        'ckpt-000002.mmx'))).toBe(true);
      expect(fs.existsSync(path.join(out, 'model', 'model.json'))).toBe(true);
    }, SLOW_MS);

    it('evaluates the newest checkpoint to the same figures', async () => {
      const r = await runApp(['evaluate', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const summary = readJson(path.join(out, 'summary.json'));
      const evaluation = readJson(path.join(out, 'evaluation.json'));
      expect(evaluation.epoch).toBe(2);
      expect(evaluation.test_error).toBeCloseTo(summary.last.test_error, 6);
      expect(evaluation.test_nll).toBeCloseTo(summary.last.test_nll, 5);
      expect(evaluation.fgsm.accuracy).toBeCloseTo(
        summary.fgsm.accuracy, 6);
    }, SLOW_MS);
  });
