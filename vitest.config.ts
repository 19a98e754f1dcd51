import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'datasets/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // TensorFlow.js keeps one global engine per process: isolate files.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // The JSON report lets .ci/run print one plain closing line.
    reporters: ['default', 'json'],
    outputFile: { json: '.cache/vitest-report.json' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
