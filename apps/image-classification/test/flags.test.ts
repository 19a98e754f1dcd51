import { describe, expect, it } from 'vitest';

import { runApp } from './run-app.js';

describe('classify flag validation', () => {
  const cases: Array<[string[], RegExp]> = [
    [['train', '--epochs', '0'], /--epochs: must be >= 1, but got 0/],
    [['train', '--network', 'resnet50'], /--network: must be one of/],
    [['train', '--method', 'mixup'], /--method: must be one of/],
    [['train', '--milestones', '5,3'], /--milestones: must ascend/],
    [['train', '--width', 'wide'], /--width: must be an integer/],
    [['table', '--methods', 'erm,mixup'], /--methods: each must be one of/],
    [['fit'], /unknown command 'fit'/],
  ];

  it('exits non-zero with one line naming the flag', async () => {
    const results = await Promise.all(cases.map(([args]) => runApp(args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i][0].join(' ')).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(cases[i][1]);
    });
  });

  it('prints help for each command', async () => {
    const r = await runApp(['train', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--fgsm-epsilon/);
    expect(r.stdout).toMatch(/--limit/);
  });
});
