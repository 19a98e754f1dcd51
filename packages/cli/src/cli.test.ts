import { describe, expect, it } from 'vitest';

import { formatHelp, parseFlags, UsageError } from './flags.js';
import { formatEpochLine } from './format.js';

const SPECS = {
  'epochs': { type: 'int', default: 10, min: 1, help: 'epochs' },
  'lr': { type: 'number', default: 0.1, min: 0, help: 'rate' },
  'method': { type: 'enum', choices: ['erm', 'manifold'], default: 'erm',
    help: 'method' },
  'mix-points': { type: 'int-list', help: 'S' },
} as const;

describe('parseFlags', () => {
  it('parses values and applies defaults', () => {
    const { values, positionals } = parseFlags(
      ['train', '--epochs', '3', '--mix-points', '0,1,2', '--quiet'], SPECS);
    expect(positionals).toEqual(['train']);
    expect(values).toMatchObject({ 'epochs': 3, 'lr': 0.1, 'method': 'erm',
      'mix-points': [0, 1, 2], 'quiet': true, 'seed': 1 });
  });

  it('names the flag, the rule and the value on bad input', () => {
    const bad = (argv: string[]) => () => parseFlags(argv, SPECS);
    expect(bad(['--epochs', 'x'])).toThrow("--epochs: must be an integer, but got 'x'.");
    expect(bad(['--epochs', '0'])).toThrow('--epochs: must be >= 1, but got 0.');
    expect(bad(['--method', 'cutmix'])).toThrow(
      "--method: must be one of erm, manifold, but got 'cutmix'.");
    expect(bad(['--lr', ''])).toThrow(/--lr: must be a number/);
    expect(bad(['--backend', 'gpu'])).toThrow(/--backend: must be one of/);
    expect(bad(['--nope'])).toThrow(UsageError);
    expect(bad(['--nope'])).toThrow(/Unknown option '--nope'/);
  });

  it('reads a negative value given as its own argument', () => {
    expect(() => parseFlags(['--seed', '-1'], SPECS))
        .toThrow('--seed: must be >= 0, but got -1.');
    expect(parseFlags(['--lr', '-0.5'], { lr: { type: 'number', help: '' } })
        .values.lr).toBe(-0.5);
  });

  it('takes integers in plain decimal only', () => {
    for (const raw of ['1e1', '0x2', '2.0', '1_000']) {
      expect(() => parseFlags(['--epochs', raw], SPECS))
          .toThrow(`--epochs: must be an integer, but got '${raw}'.`);
    }
    expect(parseFlags(['--epochs', '+12'], SPECS).values.epochs).toBe(12);
  });

  it('refuses integers past the safe range', () => {
    expect(() => parseFlags(['--epochs', '99999999999999999999'], SPECS))
        .toThrow(/--epochs: must be an integer, but got '99999999999999999999'/);
  });

  it('lists every flag in the help', () => {
    const help = formatHelp('usage: x', SPECS);
    for (const f of ['--epochs', '--lr', '--method', '--data-dir', '--seed']) {
      expect(help).toContain(f);
    }
    expect(help).toMatch(/node-gpu\|node\|wasm\|cpu\s{2,}force/);
  });
});

describe('formatEpochLine', () => {
  it('keeps one fixed layout', () => {
    expect(formatEpochLine(7, 100, [['loss', 0.73151], ['val_acc', 0.7011]],
      1e-3, 2.44)).toBe(
      'epoch 007/100  loss 0.7315  val_acc 0.7011  lr 1.0e-03  2.4s');
  });
});
