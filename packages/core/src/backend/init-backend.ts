import * as tf from '@tensorflow/tfjs-core';

import './register-ops.js';

/** The backends this library tries, fastest first. */
export type BackendName = 'node-gpu' | 'node' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] =
  Object.freeze(['node-gpu', 'node', 'wasm', 'cpu']);

/** A sink for the library's rare messages; apps print, tests stay silent. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const SILENT_LOGGER: Logger = Object.freeze({
  info: () => {}, warn: () => {},
});

export interface InitBackendArgs {
  /** Force one backend; else MIXUP_BACKEND; else the first that loads. */
  backend?: BackendName | string;
  /** @default SILENT_LOGGER */
  logger?: Logger;
}

export interface BackendInfo {
  /** Our name for it, e.g. 'wasm'. */
  name: BackendName;
  /** tfjs's name for it, e.g. 'tensorflow' for both native backends. */
  tfName: string;
  /** Why each earlier backend was skipped. */
  skipped: ReadonlyArray<{ name: BackendName; reason: string }>;
  /** The one line that names the backend and why the others were skipped. */
  line: string;
  /** Kernels this library registered on top of the stock backend. */
  extraKernels: readonly string[];
}

/** Loads a module whose name is only known at run time (optional deps). */
async function importOptional(name: string): Promise<unknown> {
  return import(name);
}

function shortReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/Cannot find (module|package)/.test(message)) return 'not installed';
  return message.split('\n')[0].slice(0, 120);
}

async function tryBackend(name: BackendName): Promise<string[]> {
  switch (name) {
    case 'node-gpu':
      await importOptional('@tensorflow/tfjs-node-gpu');
      await activate('tensorflow');
      return [];
    case 'node':
      await importOptional('@tensorflow/tfjs-node');
      await activate('tensorflow');
      return [];
    case 'wasm': {
      await import('@tensorflow/tfjs-backend-wasm');
      await activate('wasm');
      const kernels = await import('@mixup/wasm-kernels') as
          { registerWasmKernels?: () => string[] };
      return kernels.registerWasmKernels?.() ?? [];
    }
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      await activate('cpu');
      return [];
  }
}

async function activate(tfName: string): Promise<void> {
  const ok = await tf.setBackend(tfName);
  if (!ok) throw new Error(`tfjs could not initialise '${tfName}'`);
  await tf.ready();
}

function checkName(value: string, source: string): BackendName {
  if (!(BACKEND_ORDER as readonly string[]).includes(value)) {
    throw new RangeError(
      `initBackend: ${source} must be one of ${BACKEND_ORDER.join(', ')}, ` +
      `but got '${value}'.`);
  }
  return value as BackendName;
}

/**
 * Picks and activates the TensorFlow.js backend: the one forced by
 * `args.backend` or MIXUP_BACKEND, else the first of node-gpu, node, wasm,
 * cpu that loads. On wasm it also registers this library's gradient
 * kernels. Logs one line naming the backend and why earlier ones failed.
 */
export async function initBackend(
    args: InitBackendArgs = {}): Promise<BackendInfo> {
  const logger = args.logger ?? SILENT_LOGGER;
  const env = process.env.MIXUP_BACKEND;
  const forced = args.backend !== undefined ?
      checkName(args.backend, 'backend') :
      env !== undefined && env !== '' ?
      checkName(env, 'MIXUP_BACKEND') : null;
  const candidates = forced !== null ? [forced] : BACKEND_ORDER;
  const skipped: Array<{ name: BackendName; reason: string }> = [];
  for (const name of candidates) {
    try {
      const extraKernels = await tryBackend(name);
      const why = forced !== null ? 'forced' :
          skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
      const line = `backend: ${name}` + (why === '' ? '' : ` (${why})`);
      logger.info(line);
      return { name, tfName: tf.getBackend(), skipped, line, extraKernels };
    } catch (err) {
      skipped.push({ name, reason: shortReason(err) });
    }
  }
  throw new Error(
    `initBackend: no backend could be loaded: ` +
    skipped.map((s) => `${s.name}: ${s.reason}`).join('; ') + '.');
}
