import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const MAIN = join(ROOT, 'apps/text-recognition/src/main.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const DATA = process.env['MIXUP_DATA_DIR'];
const TEXT = DATA === undefined ? null :
  join(DATA, 'tinyshakespeare/input.txt');
const FONTS = ['/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/truetype/kristi'];
const missing = TEXT === null ? 'MIXUP_DATA_DIR is unset' :
  !existsSync(TEXT) ? `missing ${TEXT}` :
  FONTS.find((d) => !existsSync(d)) ?? null;

/**
 * Runs the app in a child process without blocking this worker's event
 * loop (a long synchronous spawn starves vitest's own messages).
 */
function app(args: string[]):
    Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [MAIN, ...args], {
      env: { ...process.env }, timeout: 240_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('text-recognition app', () => {
  it('prints help and rejects an unknown command in one line', async () => {
    const help = await app(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/transcribe IMAGE/);
    const bad = await app(['fly']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/unknown command 'fly'/);
  });

  it('rejects a mix point past the last conv block before any work',
    async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mixup-text-flags-'));
    const out = join(tmp, 'run');
    const bad = await app(['train', '--method', 'manifold',
      '--mix-points', '0,9',
      '--out', out]);
    rmSync(tmp, { recursive: true, force: true });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('text-recognition: --mix-points: must ' +
      'be in [0, 3] for 3 conv blocks, but got 9.');
  });
});

describe.skipIf(missing !== null)(
    `text-recognition train / evaluate / transcribe${missing === null ? '' :
      ` (${missing})`}`, () => {
      const tmp = mkdtempSync(join(tmpdir(), 'mixup-text-app-'));
      afterAll(() => rmSync(tmp, { recursive: true, force: true }));
      const out = join(tmp, 'run');
      const common = ['--fonts', FONTS.join(','), '--cache-dir',
        join(tmp, 'cache'), '--train-lines', '24', '--validation-lines', '4',
        '--test-lines', '4', '--batch-size', '8', '--backend', 'wasm',
        '--out', out, '--beam-width', '2'];

      it('trains, writes the run files, and resumes', async () => {
        const first = await app(['train', ...common, '--epochs', '1']);
        expect(first.stderr).toBe('');
        expect(first.code).toBe(0);
        expect(first.stdout).toMatch(/^epoch 001\/001  loss \d/m);
        expect(first.stdout).toMatch(/^summary  method manifold/m);
        const summary = JSON.parse(readFileSync(join(out, 'summary.json'),
            'utf8'));
        expect(summary.test.seenFonts.cer).toBeGreaterThanOrEqual(0);
        expect(summary.test.unseenFonts.cerBeam).toBeGreaterThanOrEqual(0);
        expect(existsSync(join(out, 'config.json'))).toBe(true);
        const resumed = await app(['train', ...common, '--epochs', '2',
          '--resume']);
        expect(resumed.code).toBe(0);
        expect(resumed.stdout).toMatch(/resumed from epoch 1/);
        expect(resumed.stdout).not.toMatch(/^epoch 001/m);
        const metrics = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
            .trim().split('\n').map((l) => JSON.parse(l));
        expect(metrics.map((m) => m.epoch)).toEqual([1, 2]);
        const other = await app(['train', ...common, '--epochs', '2', '--lr',
          '0.01', '--resume']);
        expect(other.code).toBe(2);
        expect(other.stderr).toMatch(
          /--resume: .* other settings \(lr was 0\.003, now 0\.01\)/);
      }, 300_000);

      it('evaluates the run and transcribes a rendered line', async () => {
        const evaluated = await app(['evaluate', '--model', out,
          '--beam-width', '2',
          '--backend', 'wasm']);
        expect(evaluated.code).toBe(0);
        expect(evaluated.stdout).toMatch(/^test seen-fonts\s+cer \d/m);
        const png = join(tmp, 'line.png');
        const rendered = await app(['render', 'Good morrow', '--output', png]);
        expect(rendered.code).toBe(0);
        const read = await app(['transcribe', '--model', out, png, png,
          '--backend', 'wasm']);
        expect(read.code).toBe(0);
        const lines = read.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0].startsWith(`${png}\t`)).toBe(true);
        const mixed = await app(['transcribe', '--model', out, png,
          join(tmp, 'nope.png'), tmp, '--backend', 'wasm']);
        expect(mixed.code).toBe(1);
        expect(mixed.stdout.startsWith(`${png}\t`)).toBe(true);
        expect(mixed.stdout.trimEnd().split('\n')).toHaveLength(1);
        expect(mixed.stderr).toMatch(/nope\.png: no such file/);
        expect(mixed.stderr).toMatch(/is a folder, not an image file/);
        const nested = join(tmp, 'new', 'dir', 'line.png');
        expect((await app(['render', 'Hi', '--output', nested])).code).toBe(0);
        expect(existsSync(nested)).toBe(true);
        const jpg = await app(['render', 'Hi', '--output',
          join(tmp, 'l.jpg')]);
        expect(jpg.code).toBe(2);
        expect(jpg.stderr).toMatch(/--output: must be a \.png file/);
        expect((await app(['render', ' ', '--output', png])).code).toBe(2);
      }, 300_000);
    });
