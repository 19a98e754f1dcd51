import * as path from 'node:path';

import { initBackend, type BackendInfo, type BackendName } from '@mixup/core';
import type { FlagValues } from '@mixup/cli';

/** Prints unless --quiet. */
export type Say = (line: string) => void;

export function makeSay(values: FlagValues): Say {
  return (line) => { if (values.quiet !== true) console.log(line); };
}

/**
 * Starts the backend named by --backend (else $MIXUP_BACKEND, else the
 * best one) and checks that wasm can train convolutions.
 */
export async function startBackend(values: FlagValues,
    say: Say): Promise<BackendInfo> {
  const info = await initBackend({
    backend: values.backend as BackendName | undefined,
    logger: { info: say, warn: (m) => console.error(m) },
  });
  if (info.name === 'wasm' &&
      !info.extraKernels.includes('Conv2DBackpropFilter')) {
    throw new Error('the wasm backend lacks Conv2DBackpropFilter, which ' +
      'Conv-4 training needs; use --backend cpu.');
  }
  return info;
}

/** A folder as the user would type it: relative below the cwd, else absolute. */
export function displayPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel === '' ? '.' :
      rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(dir) : rel;
}
