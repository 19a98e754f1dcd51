// Helpers shared by this package's tests; not part of the public API.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates a fresh folder under os.tmpdir(); `remove()` deletes it. */
export function makeTempDir(prefix: string): {
  dir: string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), `mixup-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Locates a real data file under MIXUP_DATA_DIR. `missing` is a skip
 * message naming the file when the variable is unset or the file absent.
 */
export function realDataFile(relPath: string): {
  path: string;
  missing: string | null;
} {
  const root = process.env['MIXUP_DATA_DIR'];
  if (root == null || root === '') {
    return {
      path: relPath,
      missing: `MIXUP_DATA_DIR is unset, so ${relPath} is missing`,
    };
  }
  const path = join(root, relPath);
  return { path, missing: existsSync(path) ? null : `missing ${path}` };
}
