import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Folder name under the per-user cache directory. */
export const CACHE_FOLDER_NAME = 'manifold-mixup-tfjs';

/**
 * Resolves the data directory: the flag, else the environment variable
 * MIXUP_DATA_DIR, else `<XDG_CACHE_HOME or ~/.cache>/manifold-mixup-tfjs`.
 *
 * @param flag Value of a `--data-dir` flag; empty or undefined means unset.
 * @param env Environment to read; defaults to `process.env`.
 * @returns An absolute path. The folder is not created.
 */
export function resolveDataDir(
    flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag != null && flag !== '') {
    return resolve(flag);
  }
  const fromEnv = env['MIXUP_DATA_DIR'];
  if (fromEnv != null && fromEnv !== '') {
    return resolve(fromEnv);
  }
  const xdg = env['XDG_CACHE_HOME'];
  const cacheRoot = xdg != null && xdg !== '' ? xdg : join(homedir(), '.cache');
  return resolve(cacheRoot, CACHE_FOLDER_NAME);
}
