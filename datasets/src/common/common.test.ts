import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir.js';
import { DatasetError } from './dataset-error.js';
import { readMaybeGzip, sha256File } from './file-io.js';
import { makeTempDir } from './test-support.js';

describe('resolveDataDir', () => {
  it('prefers the flag', () => {
    const env = { MIXUP_DATA_DIR: '/env/dir' };
    expect(resolveDataDir('/flag/dir', env)).toBe('/flag/dir');
  });

  it('falls back to MIXUP_DATA_DIR', () => {
    expect(resolveDataDir(undefined, { MIXUP_DATA_DIR: '/env/dir' }))
        .toBe('/env/dir');
    expect(resolveDataDir('', { MIXUP_DATA_DIR: 'rel' })).toBe(resolve('rel'));
  });

  it('falls back to XDG_CACHE_HOME, then ~/.cache', () => {
    expect(resolveDataDir(undefined, { XDG_CACHE_HOME: '/xdg' }))
        .toBe('/xdg/manifold-mixup-tfjs');
    expect(resolveDataDir(undefined, {}))
        .toBe(join(homedir(), '.cache', 'manifold-mixup-tfjs'));
  });
});

describe('readMaybeGzip and sha256File', () => {
  const tmp = makeTempDir('common');
  afterAll(tmp.remove);
  const payload = Buffer.from('hello, data\n');

  it('reads raw files unchanged', () => {
    const path = join(tmp.dir, 'plain.bin');
    writeFileSync(path, payload);
    expect(readMaybeGzip(path).equals(payload)).toBe(true);
  });

  it('gunzips by magic even without a .gz name', () => {
    const path = join(tmp.dir, 'hidden-gzip.bin');
    writeFileSync(path, gzipSync(payload));
    expect(readMaybeGzip(path).equals(payload)).toBe(true);
  });

  it('rejects a truncated .gz and names the file', () => {
    const path = join(tmp.dir, 'cut.gz');
    writeFileSync(path, gzipSync(payload).subarray(0, 12));
    expect(() => readMaybeGzip(path)).toThrow(DatasetError);
    expect(() => readMaybeGzip(path)).toThrow(/cut\.gz/);
  });

  it('hashes a file as crypto does', async () => {
    const path = join(tmp.dir, 'plain.bin');
    const want = createHash('sha256').update(payload).digest('hex');
    expect(await sha256File(path)).toBe(want);
  });
});
