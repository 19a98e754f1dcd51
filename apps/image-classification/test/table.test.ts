import { describe, expect, it } from 'vitest';

import { meanStd, resultsTable, type RunFigures } from '../src/table.js';

function run(method: string, seed: number, error: number): RunFigures {
  return {
    method, seed, wallTimeSeconds: 10,
    best: { epoch: 1, test_error: error - 0.01, test_nll: 0.5 },
    last: { test_error: error, test_nll: 0.4 + error, test_ece: 0.02 },
    fgsm: { epsilon: 0.03, accuracy: 0.5 },
  };
}

describe('meanStd', () => {
  it('gives the mean and the sample standard deviation', () => {
    const [mean, std] = meanStd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(meanStd([7])).toEqual([7, 0]);
  });
});

describe('resultsTable', () => {
  it('has one row per method with mean ± std over seeds', () => {
    const text = resultsTable([run('erm', 1, 0.1), run('erm', 2, 0.12),
      run('manifold', 1, 0.08)], ['erm', 'manifold', 'input']);
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^\| erm \| 1,2 \| 11\.00 ± 1\.41 \| 0\.510 ± 0\.014 \|/);
    expect(lines[3]).toMatch(/^\| manifold \| 1 \| 8\.00 ± 0\.00 \|/);
    expect(lines[4]).toBe('| input | 0 | | | | | | |');
  });
});
