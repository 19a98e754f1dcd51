import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = path.join(ROOT, 'apps/image-classification/src/main.ts');

/** The data directory of the real-data tests, and whether it holds
 * Fashion-MNIST. */
export const DATA_DIR = process.env.MIXUP_DATA_DIR ?? '';
export const FASHION_FILE = path.join(DATA_DIR, 'fashion-mnist',
  'train-images-idx3-ubyte.gz');
export const HAS_FASHION = DATA_DIR !== '' && fs.existsSync(FASHION_FILE);
export const MISSING = HAS_FASHION ? 'data found' :
  `skipped: needs ${FASHION_FILE}; set MIXUP_DATA_DIR`;

/**
 * Starts the app as a child process on wasm. NOTE: node with tsx's loader
 * rather than the tsx command, which runs the app in a grandchild that a
 * SIGKILL of the child would not reach.
 */
export function startApp(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT, env: { ...process.env, MIXUP_BACKEND: 'wasm' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface AppResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Waits for a started app to end, collecting its output. */
export function finished(child: ChildProcess): Promise<AppResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  return new Promise((resolve) => child.on('close', (code, signal) =>
    resolve({ code, signal, stdout, stderr })));
}

/** Runs the app to the end. */
export function runApp(args: readonly string[]): Promise<AppResult> {
  return finished(startApp(args));
}

/** Lines of a JSON-lines file, parsed; [] while it does not exist. */
export function readJsonLines(file: string): Array<Record<string, number>> {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')
      .map((l) => JSON.parse(l));
}

export function readJson(file: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
