import { DatasetError } from '../common/dataset-error.js';
import { parseNpy } from './parse-npy.js';
import type { NpyArray } from './parse-npy.js';
import {
  findZipEntry, readZipDirectory, readZipMember,
} from './zip-archive.js';

/**
 * Reads arrays from an .npz archive (a zip of .npy members, stored or
 * deflate), checking each member's CRC-32.
 *
 * @param path Archive path.
 * @param names Arrays to read, without `.npy`. @default all members
 * @returns Array name (member name less `.npy`) to array.
 */
export function readNpz(
    path: string, names?: string[]): Record<string, NpyArray> {
  const entries = readZipDirectory(path);
  const wanted = names ?? entries.map((e) => e.name.replace(/\.npy$/, ''));
  const out: Record<string, NpyArray> = {};
  for (const name of wanted) {
    const entry = findZipEntry(path, entries, `${name}.npy`);
    const where = `${path}:${entry.name}`;
    if (name in out) {
      throw new DatasetError('readNpz', where, 'the member appears twice');
    }
    out[name] = parseNpy(readZipMember(path, entry), where);
  }
  return out;
}
