// Command-line flags of the graphmix app and their mapping to the recipe.
import type { FlagSpecs, FlagValues } from '@mixup/cli';
import { PLANETOID_NAMES } from '@mixup/datasets/planetoid';
import type { PlanetoidFormat, PlanetoidName } from '@mixup/datasets/planetoid';
import {
  DEFAULT_GRAPHMIX_ARGS, GAMMA_BY_DATASET, GRAPHMIX_METHODS,
  resolveGraphMixArgs,
} from '@mixup/graphmix';
import type { GraphMixArgs, GraphMixMethod } from '@mixup/graphmix';

export const RUN_FLAGS: FlagSpecs = {
  'out': { type: 'string', default: 'out/graphmix',
    help: 'output folder (one seed-<k>/ folder per seed when --seeds > 1)' },
  'dataset': { type: 'enum', choices: PLANETOID_NAMES, default: 'cora',
    help: 'Planetoid graph' },
  'method': { type: 'enum', choices: GRAPHMIX_METHODS, default: 'graphmix',
    help: 'plain GCN, or GraphMix(GCN)' },
  'seeds': { type: 'int', default: 1, min: 1,
    help: 'number of seeds: --seed, --seed + 1, ...' },
  'epochs': { type: 'int', default: DEFAULT_GRAPHMIX_ARGS.epochs, min: 1,
    help: 'training epochs (one full-batch step each)' },
  'format': { type: 'enum', choices: ['text', 'pickle'], default: 'text',
    help: 'read the GMNN text files or the Planetoid pickles' },
  'features': { type: 'enum', choices: ['normalized', 'binary'],
    default: 'normalized',
    help: 'row-normalised values, or binarised first as the GraphMix code' },
  'gamma': { type: 'number', min: 0,
    help: 'final unsupervised weight (default 10 cora/citeseer, 1 pubmed)' },
  'checkpoint-every': { type: 'int', default: 200, min: 1,
    help: 'epochs between checkpoints' },
  'log-every': { type: 'int', default: 1, min: 1,
    help: 'epochs between progress lines' },
  'resume': { type: 'boolean',
    help: 'continue each seed from its newest checkpoint under --out' },
};

/** The app's resolved settings for one invocation. */
export interface AppConfig {
  dataset: PlanetoidName;
  format: PlanetoidFormat;
  features: 'normalized' | 'binary';
  seeds: number[];
  recipe: Omit<GraphMixArgs, 'seed'>;
  out: string;
  dataDir: string;
  backend?: string;
  checkpointEvery: number;
  logEvery: number;
  resume: boolean;
  quiet: boolean;
}

/** Maps parsed flag values onto the recipe and the run settings. */
export function appConfigOf(v: FlagValues, dataDir: string): AppConfig {
  const dataset = v['dataset'] as PlanetoidName;
  const gamma = (v['gamma'] as number | undefined) ?? GAMMA_BY_DATASET[dataset];
  const { seed: _seed, ...recipe } = resolveGraphMixArgs({
    method: v['method'] as GraphMixMethod,
    epochs: v['epochs'] as number,
    gamma,
  });
  const first = v['seed'] as number;
  return {
    dataset,
    format: v['format'] as PlanetoidFormat,
    features: v['features'] as 'normalized' | 'binary',
    seeds: Array.from({ length: v['seeds'] as number }, (_, i) => first + i),
    recipe, out: v['out'] as string, dataDir,
    backend: v['backend'] as string | undefined,
    checkpointEvery: v['checkpoint-every'] as number,
    logEvery: v['log-every'] as number,
    resume: v['resume'] === true,
    quiet: v['quiet'] === true,
  };
}
