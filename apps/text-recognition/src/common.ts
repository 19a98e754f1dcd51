// Flags and set-up shared by the commands.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { UsageError, type FlagSpecs, type FlagValues } from '@mixup/cli';
import { initBackend, type BackendInfo } from '@mixup/core';
import { resolveDataDir } from '@mixup/datasets/common';
import {
  DEBIAN_FONT_DIRS, buildTextLineSplits, renderLines, type LineSpec,
  type TextLineSplits,
} from '@mixup/datasets/text';
import { toLineExamples, type LineExample } from '@mixup/text-recognition';
import '@mixup/wasm-kernels';

/** Flags that decide the data; saved in config.json and reused. */
export const DATA_FLAGS: FlagSpecs = {
  'fonts': { type: 'string',
    help: 'comma-separated font folders (default: the Debian font folders)' },
  'cache-dir': { type: 'string',
    help: 'rendered-line cache ' +
      '(default ~/.cache/manifold-mixup-tfjs/text-lines)' },
  'train-lines': { type: 'int', default: 2000, min: 1,
    help: 'training lines' },
  'validation-lines': { type: 'int', default: 100, min: 1,
    help: 'validation lines' },
  'test-lines': { type: 'int', default: 300, min: 1,
    help: 'test lines (each rendered in seen and unseen fonts)' },
  'max-length': { type: 'int', default: 24, min: 4,
    help: 'longest line in characters' },
  'height': { type: 'int', default: 32, min: 8, help: 'line height (px)' },
  'data-seed': { type: 'int', default: 0, min: 0,
    help: 'seed of line choice, fonts and jitter' },
};

/** The data settings as config.json stores them. */
export interface DataConfig {
  dataDir: string;
  textFile: string;
  fontDirs: string[];
  cacheDir: string;
  trainLines: number;
  validationLines: number;
  testLines: number;
  maxLength: number;
  height: number;
  dataSeed: number;
}

export function resolveDataConfig(values: FlagValues): DataConfig {
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined);
  const fonts = values['fonts'] as string | undefined;
  const xdg = process.env['XDG_CACHE_HOME'];
  const cacheRoot = xdg != null && xdg !== '' ? xdg : join(homedir(), '.cache');
  return {
    dataDir,
    textFile: join(dataDir, 'tinyshakespeare', 'input.txt'),
    fontDirs: fonts === undefined ? [...DEBIAN_FONT_DIRS] :
      fonts.split(',').map((d) => resolve(d)),
    cacheDir: resolve((values['cache-dir'] as string | undefined) ??
      join(cacheRoot, 'manifold-mixup-tfjs', 'text-lines')),
    trainLines: values['train-lines'] as number,
    validationLines: values['validation-lines'] as number,
    testLines: values['test-lines'] as number,
    maxLength: values['max-length'] as number,
    height: values['height'] as number,
    dataSeed: values['data-seed'] as number,
  };
}

export function buildSplits(config: DataConfig): TextLineSplits {
  return buildTextLineSplits({
    textFile: config.textFile, fontDirs: config.fontDirs,
    height: config.height, maxLength: config.maxLength,
    trainLines: config.trainLines, validationLines: config.validationLines,
    testLines: config.testLines, seed: config.dataSeed,
  });
}

/** Renders (or reads from the cache) and encodes a list of lines. */
export async function loadExamples(
    config: DataConfig, splits: TextLineSplits,
    specs: readonly LineSpec[]): Promise<LineExample[]> {
  const images = await renderLines(config.cacheDir, specs);
  return toLineExamples(images, specs.map((s) => s.text), splits.charset);
}

export async function startBackend(
    values: FlagValues, quiet: boolean): Promise<BackendInfo> {
  const info = await initBackend({
    backend: values['backend'] as string | undefined,
    logger: { info: () => {}, warn: (m) => process.stderr.write(`${m}\n`) },
  });
  if (!quiet) process.stdout.write(`${info.line}\n`);
  return info;
}

/** A one-line account of what the charset left out. */
export function describeUnknown(splits: TextLineSplits): string {
  const parts = Object.entries(splits.unknownChars).map(([name, chars]) => {
    const list = Object.entries(chars).map(([c, n]) =>
      `${JSON.stringify(c)} x${n}`).join(', ');
    return `${name}: ${splits.rejectedLines[name]} lines set aside` +
      (list === '' ? '' : ` (${list})`);
  });
  return `charset: ${splits.charset.size} characters from the training ` +
    `lines; ${parts.join('; ')}`;
}

/** The run folder named by --model, which evaluate and transcribe need. */
export function requiredModel(values: FlagValues): string {
  const model = values['model'] as string | undefined;
  if (model === undefined) {
    throw new UsageError(
      '--model: the run folder of a trained model is required.');
  }
  return model;
}
