// Runs the seeds of one configuration and summarises them.
import * as path from 'node:path';
import { loadPlanetoid } from '@mixup/datasets/planetoid';
import { graphDataFromPlanetoid } from '@mixup/graphmix';
import type { AppConfig } from './flags.js';
import { runSeed, summaryLine } from './run-one.js';
import type { SeedSummary } from './run-one.js';

/** Mean and sample standard deviation. */
export function meanStd(xs: number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.length < 2 ? 0 :
    xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

/** Runs every seed of one configuration; returns the per-seed summaries. */
export async function runSeeds(config: AppConfig, backend: string,
    print: (line: string) => void): Promise<SeedSummary[]> {
  const ds = loadPlanetoid({ dataDir: config.dataDir, name: config.dataset,
    format: config.format });
  const data = graphDataFromPlanetoid(ds, config.features);
  const summaries: SeedSummary[] = [];
  for (const seed of config.seeds) {
    const dir = config.seeds.length === 1 ? config.out :
      path.join(config.out, `seed-${seed}`);
    const s = await runSeed(config, data, seed, dir, backend,
        config.quiet ? () => {} : print);
    print(summaryLine(s));
    summaries.push(s);
  }
  return summaries;
}
