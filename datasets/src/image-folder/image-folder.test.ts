import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../common/test-support.js';
import { decodeImage } from './decode-image.js';
import { listImageFolder, loadImageFolder } from './load-image-folder.js';

/** Writes a w x h RGB image whose pixels are (r, g, b) everywhere. */
async function writeSolid(path: string, w: number, h: number,
    rgb: [number, number, number]): Promise<void> {
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    raw.set(rgb, 3 * i);
  }
  const img = sharp(raw, { raw: { width: w, height: h, channels: 3 } });
  const encoded = path.endsWith('.png') ?
      await img.png().toBuffer() : await img.jpeg({ quality: 95 }).toBuffer();
  writeFileSync(path, encoded);
}

/** A 16x12 grey gradient PNG, to check the resize is deterministic. */
async function gradientPng(): Promise<Buffer> {
  const raw = Buffer.alloc(16 * 12);
  raw.forEach((_, i) => (raw[i] = (i * 37) % 256));
  return sharp(raw, { raw: { width: 16, height: 12, channels: 1 } })
      .png().toBuffer();
}

describe('loadImageFolder', () => {
  const tmp = makeTempDir('imgfolder');
  const root = join(tmp.dir, 'good');
  afterAll(tmp.remove);

  beforeAll(async () => {
    mkdirSync(join(root, 'zebra'), { recursive: true });
    mkdirSync(join(root, 'apple'), { recursive: true });
    await writeSolid(join(root, 'zebra', 'b.png'), 10, 6, [0, 0, 255]);
    await writeSolid(join(root, 'zebra', 'a.jpg'), 8, 8, [0, 255, 0]);
    await writeSolid(join(root, 'apple', 'x.PNG'), 5, 9, [255, 0, 0]);
    writeFileSync(join(root, 'apple', 'notes.txt'), 'not an image');
  });

  it('sorts classes and files and resizes to NHWC', async () => {
    const data = await loadImageFolder(root,
        { height: 4, width: 3, channels: 3 });
    expect(data.classNames).toEqual(['apple', 'zebra']);
    expect(data.files.map((f) => f.slice(root.length + 1)))
        .toEqual(['apple/x.PNG', 'zebra/a.jpg', 'zebra/b.png']);
    expect([...data.labels]).toEqual([0, 1, 1]);
    expect(data.images.length).toBe(3 * 4 * 3 * 3);
    const pixel = (n: number) =>
      [...data.images.subarray(n * 36, n * 36 + 3)];
    // lanczos3 may miss a flat colour by one level.
    const near = (got: number[], want: number[], tol: number) =>
      got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(tol));
    near(pixel(0), [255, 0, 0], 2);
    near(pixel(2), [0, 0, 255], 2);
    near(pixel(1), [0, 255, 0], 16); // JPEG
  });

  it('decodes to one grey channel', async () => {
    const data = await loadImageFolder(root,
        { height: 2, width: 2, channels: 1 });
    expect(data.images.length).toBe(3 * 4);
    // Green looks brighter than red, and red brighter than blue.
    const [red, green, blue] = [0, 4, 8].map((i) => data.images[i]!);
    expect(green).toBeGreaterThan(red!);
    expect(red).toBeGreaterThan(blue!);
    expect(blue).toBeGreaterThan(0);
  });

  it('resizes deterministically', async () => {
    const png = await gradientPng();
    const size = { height: 5, width: 7, channels: 1 } as const;
    const a = await decodeImage(png, size);
    const b = await decodeImage(png, size);
    expect(a.length).toBe(35);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(3);
  });

  it('rejects a class folder with no images', () => {
    mkdirSync(join(tmp.dir, 'empty', 'cls'), { recursive: true });
    writeFileSync(join(tmp.dir, 'empty', 'cls', 'readme.md'), '');
    expect(() => listImageFolder(join(tmp.dir, 'empty')))
        .toThrow(/empty\/cls: a class folder must hold at least one/);
  });

  it('rejects a root with no class folders', () => {
    mkdirSync(join(tmp.dir, 'flat'));
    writeFileSync(join(tmp.dir, 'flat', 'a.png'), '');
    expect(() => listImageFolder(join(tmp.dir, 'flat')))
        .toThrow(/flat: the root must hold one folder per class/);
  });

  it('names an unreadable image', async () => {
    const dir = join(tmp.dir, 'broken', 'cls');
    mkdirSync(dir, { recursive: true });
    await writeSolid(join(dir, 'fine.png'), 4, 4, [1, 2, 3]);
    writeFileSync(join(dir, 'zz-corrupt.png'), Buffer.from('\x89PNG junk'));
    await expect(loadImageFolder(join(tmp.dir, 'broken'),
        { height: 2, width: 2, channels: 3 }))
        .rejects.toThrow(/zz-corrupt\.png: the image must be a readable/);
  });

  it('rejects bad sizes', async () => {
    await expect(loadImageFolder(root, { height: 0, width: 2, channels: 3 }))
        .rejects.toThrow(/height and width must be integers >= 1/);
    await expect(loadImageFolder(root,
        { height: 2, width: 2, channels: 4 as 3 }))
        .rejects.toThrow(/channels must be 1 or 3, but got 4/);
  });
});
