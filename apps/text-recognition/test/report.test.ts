import { describe, expect, it } from 'vitest';

import { formatTable, meanStd } from '../src/report-command.js';

describe('report table', () => {
  it('gives mean +- sample std in percent', () => {
    // mean 0.2, sample std sqrt(((0.1)^2 + 0 + (0.1)^2) / 2) = 0.1.
    expect(meanStd([0.1, 0.2, 0.3])).toBe('20.0 +- 10.0');
    expect(meanStd([0.25])).toBe('25.0 +- 0.0');
  });

  it('has one row per method, in a fixed order', () => {
    const scores = { cer: 0.5, wer: 0.9, cerBeam: 0.4, werBeam: 0.8 };
    const run = (method: string, seed: number) => ({
      method, seed, wallSeconds: 100,
      test: { seenFonts: scores, unseenFonts: scores },
    });
    const lines = formatTable([run('manifold', 2), run('erm', 1),
      run('manifold', 1)]);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^\| ERM \| 1 \| 50\.0 \+- 0\.0 \| 40\.0/);
    expect(lines[3]).toMatch(/^\| Manifold Mixup \| 1, 2 \|/);
  });
});
