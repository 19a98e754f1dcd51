import * as fs from 'node:fs';
import * as path from 'node:path';

import { appendLineSync, writeFileAtomic } from '@mixup/core';

import { UsageError } from './flags.js';

/**
 * The files of one run under --out: config.json (the resolved arguments),
 * metrics.jsonl (one object per epoch), summary.json, and a checkpoints
 * folder. Every whole-file write is atomic.
 */
export class RunDir {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
    if (fs.existsSync(this.dir) && !fs.statSync(this.dir).isDirectory()) {
      throw new UsageError(
        `--out: must be a folder, but '${dir}' is a file.`);
    }
    fs.mkdirSync(this.dir, { recursive: true });
  }

  get checkpointDir(): string {
    return path.join(this.dir, 'checkpoints');
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  writeJson(name: string, value: unknown): void {
    writeFileAtomic(this.file(name), `${JSON.stringify(value, null, 2)}\n`);
  }

  writeConfig(config: unknown): void {
    this.writeJson('config.json', config);
  }

  writeSummary(summary: unknown): void {
    this.writeJson('summary.json', summary);
  }

  /** Starts metrics.jsonl anew, keeping the epochs a resumed run kept. */
  resetMetrics(history: readonly object[] = []): void {
    writeFileAtomic(this.file('metrics.jsonl'),
      history.map((h) => `${JSON.stringify(h)}\n`).join(''));
  }

  appendMetrics(logs: object): void {
    appendLineSync(this.file('metrics.jsonl'), JSON.stringify(logs));
  }
}
