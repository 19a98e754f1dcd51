import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SPEED = path.join(ROOT, 'apps/bench/src/speed.ts');
const PEER = path.join(ROOT, 'apps/bench/src/peer.ts');
const PEER_SCRIPT = path.resolve(ROOT, '../shared/peers/pytorch_peer.py');
const HAS_TORCH = spawnSync('/usr/bin/python3', ['-c', 'import torch'])
  .status === 0 && fs.existsSync(PEER_SCRIPT);

const RATE = String.raw`\d+(\.\d+)? `;

describe('bench:speed smoke run', () => {
  let out: string;
  let stdout: string;

  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-bench-'));
    ({ stdout } = await run(TSX, [SPEED, '--case',
      'preact18-w16-28px,gcn-cora-size,ctc-t64-b32-v80', '--width', '2',
      '--batch', '4', '--steps', '1', '--warmup', '0', '--out', out],
    { cwd: ROOT }));
  }, 300_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('prints one line per case, method and kernel set', () => {
    const lines = stdout.split('\n');
    for (const method of ['erm', 'manifold']) {
      for (const set of ['wasm\\+ours',
        'wasm\\+stock\\(naive-filter,segsum\\)']) {
        const re = new RegExp(`^preact18-w2-28px-b4 +${method} +${set} +` +
          `${RATE}images/s  \\d\\.\\d{3} s/step  cpu \\d\\.\\d{3} s/step`);
        expect(lines.filter((l) => re.test(l))).toHaveLength(1);
      }
    }
    expect(lines.filter((l) =>
      new RegExp(`^gcn-cora-size +erm +wasm\\+ours +${RATE}epochs/s`)
        .test(l))).toHaveLength(1);
    expect(stdout).toMatch(/^gcn-cora-size +manifold +- +n\/a/m);
    expect(stdout).toMatch(
      new RegExp(`^ctc-t64-b32-v80 +loss\\+grad +wasm\\+ours +${RATE}calls/s`,
        'm'));
  });

  it('prints the speed-up, the mixup cost and the kernel check', () => {
    expect(stdout).toMatch(/^preact18-w2-28px-b4 {2}ours\/stock {2}erm \d/m);
    expect(stdout).toMatch(
      /^preact18-w2-28px-b4 {2}manifold\/erm step time {2}wasm\+ours \d\./m);
    expect(stdout).toMatch(/^kernel-check +- +wasm\+stock.* \d+\.\d\d ms$/m);
  });

  it('writes the results under --out', () => {
    const summary = JSON.parse(fs.readFileSync(path.join(out,
      'summary.json'), 'utf8')) as { results: Array<{ rate: number }> };
    // preact 2 methods x 2 sets, gcn 1 x 2, ctc 1 x 2.
    expect(summary.results).toHaveLength(8);
    for (const r of summary.results) expect(r.rate).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(out, 'config.json'))).toBe(true);
  });
});

describe('bench:peer', () => {
  it('says in one line that python3 is missing and exits 1', async () => {
    const err = await run(TSX, [PEER, '--python', '/nonexistent/python3'],
      { cwd: ROOT }).catch((e: unknown) => e) as
      { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr.trim().split('\n')).toHaveLength(1);
    expect(err.stderr).toMatch(/^bench:peer: python3 is missing/);
  });

  it.skipIf(!HAS_TORCH)('prints ours, pytorch and the ratio', async () => {
    const { stdout } = await run(TSX, [PEER, '--case',
      'gcn-cora-size,preact18-w16-28px', '--batch', '4', '--steps', '1',
      '--warmup', '0', '--threads', '1'], { cwd: ROOT });
    expect(stdout).toMatch(new RegExp(`^gcn-cora-size +erm +ours ${RATE}` +
      `epochs/s  pytorch ${RATE}epochs/s  ratio \\d+\\.\\d{3}  ` +
      'cpu s/step ours \\d+\\.\\d{3} pytorch \\d+\\.\\d{3}$', 'm'));
    for (const method of ['erm', 'manifold']) {
      expect(stdout).toMatch(new RegExp(`^preact18-w16-28px-b4 +${method} ` +
        `+ours ${RATE}images/s  pytorch ${RATE}images/s  ratio `, 'm'));
    }
    expect(stdout).toMatch(
      /^preact18-w16-28px-b4 {2}manifold\/erm step time {2}ours \d/m);
  }, 300_000);
});
