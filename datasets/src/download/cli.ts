// Command line: tsx datasets/src/download/cli.ts <name> [--data-dir DIR]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../common/data-dir.js';
import { downloadDataset } from './download-dataset.js';
import { DATASET_MANIFEST } from './manifest.js';
import type { DatasetManifest } from './manifest.js';

const USAGE = `Usage: tsx datasets/src/download/cli.ts <name> [options]

Downloads a data set into <data-dir>/<name>/, checking each file's SHA-256.

Options:
  --data-dir DIR      data directory (default: $MIXUP_DATA_DIR, else
                      $XDG_CACHE_HOME or ~/.cache, then manifold-mixup-tfjs)
  --allow-unverified  also fetch files with no verified checksum
  --manifest FILE     read the manifest from a JSON file instead
  --list              list the data sets and exit
  --verbose           print the stack on errors
  --help              show this help
`;

function listDatasets(manifest: DatasetManifest): string {
  return Object.entries(manifest)
      .map(([name, d]) => `${name.padEnd(14)} ${d.description}`).join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'allow-unverified': { type: 'boolean', default: false },
      'manifest': { type: 'string' },
      'list': { type: 'boolean', default: false },
      'verbose': { type: 'boolean', default: false },
      'help': { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const manifest: DatasetManifest = values.manifest == null ?
      DATASET_MANIFEST : JSON.parse(readFileSync(values.manifest, 'utf8'));
  if (values.list) {
    process.stdout.write(`${listDatasets(manifest)}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new Error(`expected one data set name, but got ` +
        `${positionals.length}; see --help`);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  await downloadDataset(positionals[0]!, {
    dataDir, manifest, allowUnverified: values['allow-unverified'],
    onFile: (r) => process.stdout.write(
        `${r.status.padEnd(10)} ${r.sha256.slice(0, 12)}  ${r.path}\n`),
  });
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (err: Error) => {
  const verbose = process.argv.includes('--verbose');
  process.stderr.write(`error: ${verbose ? err.stack : err.message}\n`);
  process.exitCode = 1;
});
