import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { parseFlags } from '@mixup/cli';
import { describe, expect, it } from 'vitest';

import {
  benchConfigOf, PEER_FLAGS, SPEED_FLAGS,
} from '../src/bench-flags.js';
import { CASE_NAMES, CASES } from '../src/cases.js';
import { stepsFor } from '../src/run-case.js';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SPEED = path.join(ROOT, 'apps/bench/src/speed.ts');

const config = (argv: string[]) =>
  benchConfigOf(parseFlags(argv, SPEED_FLAGS).values);

describe('benchmark flags', () => {
  it('default to every case, both methods, ours and stock', () => {
    const c = config([]);
    expect(c.cases).toEqual([...CASE_NAMES]);
    expect(c.methods).toEqual(['erm', 'manifold']);
    expect(c.kernelSets).toEqual(['ours', 'stock']);
    expect(c.steps).toBeUndefined();
    expect(c.warmup).toBe(3);
  });

  it('take comma-separated cases and kernel sets', () => {
    const c = config(['--case', 'gcn-cora-size,ctc-t64-b32-v80',
      '--kernels', 'cpu', '--method', 'erm']);
    expect(c.cases).toEqual(['gcn-cora-size', 'ctc-t64-b32-v80']);
    expect(c.kernelSets).toEqual(['cpu']);
    expect(c.methods).toEqual(['erm']);
  });

  it.each([
    [['--case', 'resnet50'], /--case: must be one of preact18-w16-28px/],
    [['--case', 'gcn-cora-size,gcn-cora-size'], /--case: must not repeat/],
    [['--kernels', 'ours,fast'], /--kernels: must be one of ours, stock/],
    [['--steps', '0'], /--steps: must be >= 1, but got 0/],
    [['--steps', '2.5'], /--steps: must be an integer/],
    [['--warmup=-1'], /--warmup: must be >= 0/],
    [['--batch', '1'], /--batch: must be >= 2/],
    [['--method', 'input'], /--method: must be one of both, erm, manifold/],
    [['--backend', 'cpu'], /--backend: not supported by the benchmark/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('reject %j', (argv, message) => {
    expect(() => config(argv)).toThrow(message);
  });

  it('give the peer command its own flags', () => {
    const { values } = parseFlags(['--threads', '1', '--peer', '/x.py'],
      PEER_FLAGS);
    expect(values['threads']).toBe(1);
    expect(values['kernels']).toBe('ours');
    expect(() => parseFlags(['--threads', '0'], PEER_FLAGS))
      .toThrow(/--threads: must be >= 1/);
  });

  it('time fewer steps on the slow sets of the preact case', () => {
    const preact = CASES['preact18-w16-28px'];
    const c = config([]);
    expect(stepsFor(preact, 'ours', c)).toEqual({ steps: 10, warmup: 3 });
    expect(stepsFor(preact, 'stock', c)).toEqual({ steps: 2, warmup: 1 });
    const one = config(['--steps', '1', '--warmup', '0']);
    expect(stepsFor(preact, 'stock', one)).toEqual({ steps: 1, warmup: 0 });
    const gcn = CASES['gcn-cora-size'];
    expect(stepsFor(gcn, 'stock', c)).toEqual({ steps: 20, warmup: 3 });
  });
});

describe('bench:speed on the command line', () => {
  it('prints one line and exits 2 on a bad flag', async () => {
    const err = await run(TSX, [SPEED, '--case', 'nope'], { cwd: ROOT })
      .catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    const stderr = (err as { stderr: string }).stderr.trim();
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^bench:speed: --case: must be one of/);
  });

  it('prints the flags under --help', async () => {
    const { stdout } = await run(TSX, [SPEED, '--help'], { cwd: ROOT });
    expect(stdout).toMatch(/^npm run bench:speed/);
    for (const flag of ['--case', '--steps', '--warmup', '--kernels']) {
      expect(stdout).toContain(flag);
    }
  });
});
