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
   * Clears what an earlier run left in this folder: checkpoints/,
   * summary.json, metrics.jsonl and the app's own `outputs` (files or
   * folders under the run, e.g. 'model'). A fresh run owns its folder:
   * it must not resume later from another run's checkpoint, lose its own
   * checkpoints to the pruning of older, higher-numbered files, or leave a
   * summary or model that belongs to another run if it is killed. Call it
   * once the new run's inputs have been checked, just before it starts.
   */
  startFresh(outputs: readonly string[] = []): void {
    for (const name of ['checkpoints', 'summary.json', 'metrics.jsonl',
      ...outputs]) {
      fs.rmSync(this.file(name), { recursive: true, force: true });
    }
  }

  /** The folder's config.json, or null if it has none. */
  readConfig(): Record<string, unknown> | null {
    const file = this.file('config.json');
    return fs.existsSync(file) ?
      JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> :
      null;
  }

  /**
   * Refuses a --resume into a folder whose config.json differs from
   * `config` at any of `keys`, the settings that decide the run's numbers
   * (dotted for nested values, e.g. 'data.maxLength'). A folder without
   * config.json is a fresh start and passes. `context` starts the
   * message (the flag or command that asked).
   */
  checkResumable(config: object, keys: readonly string[],
      context = '--resume'): void {
    const old = this.readConfig();
    if (old === null) return;
    for (const key of keys) {
      const [was, now] = [valueAt(old, key), valueAt(config, key)];
      if (JSON.stringify(was) !== JSON.stringify(now)) {
        throw new UsageError(
          `${context}: ${this.dir} holds a run made with other settings ` +
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
