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

  /**
   * Removes the checkpoints of an earlier run in this folder: a fresh run
   * owns its folder, and must neither resume later from another run's
   * checkpoint nor lose its own to the pruning of older, higher-numbered
   * files.
   */
  clearCheckpoints(): void {
    fs.rmSync(this.checkpointDir, { recursive: true, force: true });
  }

  /**
   * Refuses a --resume into a folder whose config.json differs from
   * `config` at any of `keys`, the settings that decide the run's numbers
   * (dotted for nested values, e.g. 'data.maxLength'). A folder without
   * config.json is a fresh start and passes.
   */
  checkResumable(config: object, keys: readonly string[]): void {
    const file = this.file('config.json');
    if (!fs.existsSync(file)) return;
    const old = JSON.parse(fs.readFileSync(file, 'utf8')) as object;
    for (const key of keys) {
      const [was, now] = [valueAt(old, key), valueAt(config, key)];
      if (JSON.stringify(was) !== JSON.stringify(now)) {
        throw new UsageError(
          `--resume: ${this.dir} holds a run made with other settings ` +
          `(${key} was ${JSON.stringify(was)}, now ${JSON.stringify(now)}); ` +
          `use the same flags or another --out.`);
      }
    }
  }
}

function valueAt(value: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) =>
    (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] :
      undefined), value);
}
