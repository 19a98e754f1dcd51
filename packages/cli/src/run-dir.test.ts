import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { describe, expect, it } from 'vitest';

import { UsageError } from './flags.js';
import { RunDir } from './run-dir.js';

describe('RunDir.checkResumable', () => {
  const config = { method: 'erm', seed: 1, data: { maxLength: 12, dir: '/a' } };

  it('passes a fresh folder and the same settings', () => {
    const run = new RunDir(fs.mkdtempSync(path.join(os.tmpdir(), 'rundir-')));
    expect(() => run.checkResumable(config, ['method'])).not.toThrow();
    run.writeConfig(config);
    expect(() => run.checkResumable(
      { ...config, data: { maxLength: 12, dir: '/b' } },
      ['method', 'seed', 'data.maxLength'])).not.toThrow();
  });

  it('names the setting that differs, with both values', () => {
    const run = new RunDir(fs.mkdtempSync(path.join(os.tmpdir(), 'rundir-')));
    run.writeConfig(config);
    const other = { ...config, data: { maxLength: 24, dir: '/a' } };
    expect(() => run.checkResumable(other, ['method', 'data.maxLength']))
        .toThrow(UsageError);
    expect(() => run.checkResumable(other, ['method', 'data.maxLength']))
        .toThrow(/--resume: .* other settings \(data\.maxLength was 12, now 24\)/);
    expect(() => run.checkResumable({ seed: 1 }, ['method']))
        .toThrow(/method was "erm", now undefined/);
  });
});

describe('RunDir.startFresh', () => {
  it('removes what an earlier run left, and nothing else', () => {
    const run = new RunDir(fs.mkdtempSync(path.join(os.tmpdir(), 'rundir-')));
    fs.mkdirSync(run.checkpointDir);
    fs.writeFileSync(path.join(run.checkpointDir, 'ckpt-000012.mmx'), 'old');
    fs.mkdirSync(run.file('model'));
    fs.writeFileSync(run.file('model/model.json'), '{}');
    run.writeSummary({ old: true });
    run.appendMetrics({ epoch: 1 });
    run.writeConfig({ seed: 1 });
    fs.writeFileSync(run.file('notes.txt'), 'mine');
    run.startFresh(['model']);
    for (const gone of ['checkpoints', 'model', 'summary.json',
      'metrics.jsonl']) {
      expect(fs.existsSync(run.file(gone)), gone).toBe(false);
    }
    expect(fs.existsSync(run.file('config.json'))).toBe(true);
    expect(fs.existsSync(run.file('notes.txt'))).toBe(true);
    expect(() => run.startFresh(['model'])).not.toThrow();
  });
});
