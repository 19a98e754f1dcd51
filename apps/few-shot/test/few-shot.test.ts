import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'apps/few-shot/src/main.ts');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const DATA = path.resolve(ROOT, process.env.MIXUP_DATA_DIR ??
  '../shared/datasets');
const NEEDED = ['images_background.npz', 'images_evaluation.npz',
  'all_runs.zip', 'splits/vinyals/test.txt'].map((f) =>
  path.join(DATA, 'omniglot', f));
const missing = NEEDED.find((f) => !fs.existsSync(f));
const ENV = { ...process.env, MIXUP_BACKEND: 'wasm', MIXUP_DATA_DIR: DATA };

function app(args: string[]) {
  return run(TSX, [MAIN, ...args], { cwd: ROOT, env: ENV });
}

const TINY = ['--stage', 's2m2r', '--rotation-epochs', '1',
  '--steps-per-epoch', '2', '--batch-size', '16', '--base-characters', '6',
  '--filters', '8', '--val-classes', '6', '--val-episodes', '10'];

describe('few-shot app flags', () => {
  it('prints the commands and each command\'s flags', async () => {
    expect((await app(['--help'])).stdout).toMatch(/train .*evaluate/s);
    const train = (await app(['train', '--help'])).stdout;
    expect(train).toMatch(/--stage baseline\|rotation\|mixup\|s2m2r/);
  }, 300_000);

  it('fails with one line and code 2 on a bad command line', async () => {
    const err = await app(['train', '--stage', 'maml']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr.trim().split('\n')).toHaveLength(1);
    expect(err.stderr).toMatch(/--stage: must be one of/);
    const unknown = await app(['fit']).catch((e) => e);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'fit'/);
  }, 300_000);
});

describe.skipIf(missing !== undefined)(
  `few-shot app on Omniglot${missing ? ` (skipped: ${missing} is missing)` :
    ''}`, () => {
    let out: string;
    let train1: string;
    let resumed: string;
    let evaluated: string;

    beforeAll(async () => {
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-few-shot-'));
      const runDir = path.join(out, 's2m2r');
      ({ stdout: train1 } = await app(['train', ...TINY, '--epochs', '2',
        '--out', runDir]));
      ({ stdout: resumed } = await app(['train', ...TINY, '--epochs', '3',
        '--out', runDir, '--resume']));
      ({ stdout: evaluated } = await app(['evaluate', '--run', runDir,
        '--episodes', '20', '--novel-characters', '10',
        '--classifier-steps', '20']));
    }, 900_000);

    afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

    it('prints one fixed-layout line per epoch', () => {
      const lines = train1.split('\n').filter((l) => l.startsWith('epoch '));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(
        new RegExp('^epoch 001/002  loss \\d+\\.\\d{4}  rot_acc \\d\\.\\d{4}  ' +
          'val_acc \\d\\.\\d{4}  lr 1\\.0e-03  \\d+\\.\\ds$'));
    });

    it('refuses to resume a run made with other settings', async () => {
      const runDir = path.join(out, 's2m2r');
      const r = await app(['train', ...TINY, '--epochs', '3', '--lr',
        '0.002', '--out', runDir, '--resume']).catch((e) => e);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /--resume: .* other settings \(lr was 0\.001, now 0\.002\)/);
    }, 300_000);

    it('resumes from the newest checkpoint', () => {
      const lines = resumed.split('\n').filter((l) => l.startsWith('epoch '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^epoch 003\/003/);
      expect(resumed).toContain('resumed from epoch 2');
      const dir = path.join(out, 's2m2r');
      const metrics = fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8')
        .trim().split('\n').map((l) => JSON.parse(l));
      expect(metrics.map((m) => m.epoch)).toEqual([1, 2, 3]);
      expect(metrics.map((m) => m.step))
        .toEqual(['rotation', 'mixup+rotation', 'mixup+rotation']);
      const summary = JSON.parse(
        fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
      expect(summary.resumedFrom).toBe(2);
      expect(fs.readdirSync(path.join(dir, 'checkpoints')))
        .toContain('ckpt-000003.mmx');
    });

    it('scores the four settings and Lake\'s runs from the checkpoint', () => {
      expect(evaluated).toMatch(/Lake 20-way one-shot error/);
      expect(evaluated).toMatch(/5-way 1-shot +acc \d+\.\d\d \+- \d+\.\d\d/);
      expect(evaluated).toMatch(/20-way 5-shot +acc/);
      const e = JSON.parse(fs.readFileSync(
        path.join(out, 's2m2r', 'evaluation', 'evaluation.json'), 'utf8'));
      expect(e.checkpointEpoch).toBe(3);
      expect(e.results.map((r: { name: string }) => r.name)).toEqual(
        ['5-way 1-shot', '5-way 5-shot', '20-way 1-shot', '20-way 5-shot']);
      // An 8-filter net after 6 updates still beats chance (20%) on
      // 5-way: 20 episodes x 75 queries put chance's std near 0.01, so
      // 0.24 is about 4 std above it.
      expect(e.results[0].mean).toBeGreaterThan(0.24);
      expect(e.results[0].episodes).toBe(20);
      expect(e.lake.runErrors).toHaveLength(20);
    });

    it('tabulates the evaluated runs', async () => {
      const { stdout } = await app(['report', '--runs', out]);
      expect(stdout).toMatch(/\| S2M2_R \(ours\) \| 1 \| 20 \|/);
      expect(stdout).toContain('| Prototypical Networks (published');
      expect(stdout).toContain('64.93');
    }, 300_000);
  });
