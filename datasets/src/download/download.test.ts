import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../common/file-io.js';
import { makeTempDir, realDataFile } from '../common/test-support.js';
import { downloadDataset } from './download-dataset.js';
import { DATASET_MANIFEST } from './manifest.js';
import type { DatasetManifest } from './manifest.js';

const GOOD = Buffer.alloc(200_000, 7);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let hits: string[] = [];

/** Serves /good, /bad (other bytes) and /cut (closes mid-body). */
function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/good' || req.url === '/bad') {
      const body = req.url === '/good' ? GOOD : Buffer.alloc(GOOD.length, 8);
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    } else if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': GOOD.length });
      res.write(GOOD.subarray(0, 50_000), () => res.destroy());
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

describe('downloadDataset', () => {
  const tmp = makeTempDir('download');
  let server: Server;
  let base: string;
  const manifest = (route: string, sha256: string | null = sha(GOOD)):
      DatasetManifest => ({
    toy: { folder: 'toy', description: 'test',
      files: [{ path: 'sub/file.bin', url: `${base}${route}`, sha256 }] },
  });
  const target = () => join(tmp.dir, 'toy', 'sub', 'file.bin');
  const leftovers = () => readdirSync(join(tmp.dir, 'toy', 'sub'));

  beforeAll(async () => {
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    tmp.remove();
  });

  it('downloads, verifies and renames; then keeps the valid file', async () => {
    hits = [];
    const [r] = await downloadDataset('toy',
        { dataDir: tmp.dir, manifest: manifest('/good') });
    expect(r!.status).toBe('downloaded');
    expect(readFileSync(target()).equals(GOOD)).toBe(true);
    expect(leftovers()).toEqual(['file.bin']);
    const [again] = await downloadDataset('toy',
        { dataDir: tmp.dir, manifest: manifest('/good') });
    expect(again!.status).toBe('kept');
    expect(hits).toEqual(['/good']);
  });

  it('deletes a mismatching download and names both hashes', async () => {
    writeFileSync(target(), 'stale');
    await expect(downloadDataset('toy',
        { dataDir: tmp.dir, manifest: manifest('/bad') }))
        .rejects.toThrow(new RegExp(`file\\.bin: SHA-256 must be ` +
            `${sha(GOOD)}, but got ${sha(Buffer.alloc(GOOD.length, 8))}`));
    expect(leftovers()).toEqual(['file.bin']);
    expect(readFileSync(target(), 'utf8')).toBe('stale');
  });

  it('leaves no file and no partial when the connection is cut', async () => {
    const dataDir = join(tmp.dir, 'cut');
    await expect(downloadDataset('toy',
        { dataDir, manifest: manifest('/cut') }))
        .rejects.toThrow(/file\.bin: the download from .*\/cut must complete/);
    expect(readdirSync(join(dataDir, 'toy', 'sub'))).toEqual([]);
  });

  it('reports an HTTP error', async () => {
    const dataDir = join(tmp.dir, 'missing');
    await expect(downloadDataset('toy',
        { dataDir, manifest: manifest('/nope') }))
        .rejects.toThrow(/HTTP status 404/);
    expect(existsSync(join(dataDir, 'toy', 'sub', 'file.bin'))).toBe(false);
  });

  it('refuses unverified files unless allowed, then marks them so',
      async () => {
    const dataDir = join(tmp.dir, 'unverified');
    await expect(downloadDataset('toy',
        { dataDir, manifest: manifest('/good', null) }))
        .rejects.toThrow(/without a verified SHA-256.*allowUnverified/);
    const [r] = await downloadDataset('toy', { dataDir,
      manifest: manifest('/good', null), allowUnverified: true });
    expect(r!.status).toBe('unverified');
  });

  it('rejects an unknown data set', async () => {
    await expect(downloadDataset('imagenet', { dataDir: tmp.dir }))
        .rejects.toThrow(/name must be one of fashion-mnist, .*imagenet/);
  });

  it('refuses a manifest whose paths leave the data directory', async () => {
    const dataDir = join(tmp.dir, 'escape');
    const escaping: DatasetManifest = {
      toy: { folder: 'toy', description: 'test',
        files: [{ path: '../../outside.bin', url: `${base}/good`,
          sha256: sha(GOOD) }] },
    };
    const before = hits.length;
    await expect(downloadDataset('toy', { dataDir, manifest: escaping }))
        .rejects.toThrow(new RegExp('file paths must stay inside its ' +
          'folder .*"\\.\\./\\.\\./outside\\.bin" leaves it'));
    const sideways: DatasetManifest = { toy: { ...escaping.toy,
      files: [{ ...escaping.toy.files[0], path: '../other/h.bin' }] } };
    await expect(downloadDataset('toy', { dataDir, manifest: sideways }))
        .rejects.toThrow(/"\.\.\/other\/h\.bin" leaves it/);
    const up: DatasetManifest = { toy: { ...escaping.toy, folder: '..',
      files: [{ ...escaping.toy.files[0], path: 'x.bin' }] } };
    await expect(downloadDataset('toy', { dataDir, manifest: up }))
        .rejects.toThrow(/folder must be a folder inside the data directory .*, but got "\.\."/);
    expect(hits.length).toBe(before);
    expect(existsSync(join(tmp.dir, 'outside.bin'))).toBe(false);
  });

  it('runs from the command line', async () => {
    const run = promisify(execFile);
    const cli = join(import.meta.dirname, 'cli.ts');
    const tsx = join(import.meta.dirname, '..', '..', '..', 'node_modules',
        '.bin', 'tsx');
    const help = await run(tsx, [cli, '--help']);
    expect(help.stdout).toMatch(/Usage: .*<name>/);
    const file = join(tmp.dir, 'manifest.json');
    writeFileSync(file, JSON.stringify(manifest('/good')));
    const dataDir = join(tmp.dir, 'cli');
    const ok = await run(tsx, [cli, 'toy', '--data-dir', dataDir,
      '--manifest', file]);
    expect(ok.stdout).toMatch(/^downloaded .*file\.bin\n$/);
    const bad = await run(tsx, [cli, 'nope', '--data-dir', dataDir])
        .catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(1);
    expect((bad as { stderr: string }).stderr)
        .toMatch(/^error: downloadDataset: name must be one of .*\n$/);
  });
});

describe('DATASET_MANIFEST', () => {
  it('gives a 64-hex SHA-256 or null for every file', () => {
    for (const d of Object.values(DATASET_MANIFEST)) {
      for (const f of d.files) {
        expect(f.sha256 === null || /^[0-9a-f]{64}$/.test(f.sha256)).toBe(true);
        expect(f.url).toMatch(/^https?:\/\//);
      }
    }
    const fashion = DATASET_MANIFEST['fashion-mnist']!.files;
    expect(fashion.every((f) => f.sha256 != null)).toBe(true);
  });
});

const realFashion = realDataFile('fashion-mnist/SHA256SUMS');

describe.skipIf(realFashion.missing != null)('DATASET_MANIFEST (real)', () => {
  it('matches the shared copies of every verified file', async () => {
    const root = join(realFashion.path, '..', '..');
    for (const name of ['fashion-mnist', 'omniglot']) {
      const d = DATASET_MANIFEST[name]!;
      for (const f of d.files) {
        const path = join(root, d.folder, f.path);
        expect(await sha256File(path), path).toBe(f.sha256);
      }
    }
  });
});
if (realFashion.missing != null) {
  it.skip(`DATASET_MANIFEST real data: ${realFashion.missing}`, () => {});
}
