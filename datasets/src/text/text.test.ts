import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { makeTempDir, realDataFile } from '../common/test-support.js';
import { Charset } from './charset.js';
import { cutLines, splitTextByPosition } from './cut-lines.js';
import {
  listFontFaces, splitFontsByFamily, type FontFace,
} from './font-files.js';
import { hashRandom } from './hash-random.js';
import { lineCachePath, renderLineCached } from './line-cache.js';
import { drawLineJitter, NO_JITTER } from './line-jitter.js';
import { renderLine } from './render-line.js';
import { buildTextLineSplits } from './text-line-splits.js';

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const KRISTI = '/usr/share/fonts/truetype/kristi';
const noFonts = [DEJAVU, KRISTI].filter((d) => !existsSync(d));
const fontsMissing = noFonts.length > 0 ?
  `missing ${noFonts.join(', ')} (apt-get install fonts-dejavu-core ` +
  `fonts-kristi)` : null;

describe('cutLines', () => {
  const text = 'To be, or not\nto be: that is the question.\n\nWhether';

  it('cuts at word boundaries within the maximum length', () => {
    const lines = cutLines(text, { maxLength: 12, minLength: 1 });
    expect(lines.every((l) => l.length <= 12)).toBe(true);
    expect(lines.join(' ')).toBe(text.split(/\s+/).join(' '));
    expect(lines.every((l) => l === l.trim() && !l.includes('\n'))).toBe(true);
  });

  it('is deterministic under a seed and splits over-long words', () => {
    expect(cutLines(text, { seed: 3 })).toEqual(cutLines(text, { seed: 3 }));
    expect(cutLines('abcdefghij', { maxLength: 4, minLength: 1 }))
        .toEqual(['abcd', 'efgh', 'ij']);
  });

  it('rejects inconsistent lengths', () => {
    expect(() => cutLines(text, { maxLength: 3, minLength: 4 }))
        .toThrow(/minLength <= maxLength/);
  });
});

describe('splitTextByPosition', () => {
  it('keeps the order and cuts at white space', () => {
    const text = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const { train, validation, test } = splitTextByPosition(text, 0.8, 0.1);
    expect(train + validation + test).toBe(text);
    expect(validation.startsWith(' ') && test.startsWith(' ')).toBe(true);
    expect(train.length / text.length).toBeCloseTo(0.8, 1);
  });
});

describe('Charset', () => {
  const charset = Charset.fromLines(['hello', 'world!']);

  it('derives a sorted set with ids from 1, 0 being the blank', () => {
    expect(charset.chars.join('')).toBe('!dehlorw');
    expect(charset.vocabularySize).toBe(9);
    expect(charset.encode('hold')).toEqual([4, 6, 5, 2]);
    expect(charset.decode([0, 4, 6, 0, 5, 2])).toBe('hold');
  });

  it('reports characters outside the set instead of dropping them', () => {
    const report = charset.check(['hello', 'Hello?', 'low']);
    expect(report.kept).toEqual(['hello', 'low']);
    expect(report.rejected).toEqual(['Hello?']);
    expect([...report.unknown]).toEqual([['H', 1], ['?', 1]]);
    expect(() => charset.encode('Hi')).toThrow(/"H" in "Hi"/);
  });

  it('round-trips through JSON and rejects duplicates', () => {
    const copy = Charset.fromJSON(JSON.parse(JSON.stringify(charset)));
    expect(copy.chars).toEqual(charset.chars);
    expect(() => new Charset(['a', 'a'])).toThrow(/distinct/);
  });
});

describe.skipIf(fontsMissing !== null)(
    `line rendering${fontsMissing === null ? '' : ` (${fontsMissing})`}`,
    () => {
      const temp = makeTempDir('text-lines');
      afterAll(() => temp.remove());
      const faces = () => listFontFaces([DEJAVU, KRISTI]);
      const kristi = (): FontFace =>
        faces().find((f) => f.family === 'Kristi')!;

      it('reads family names from the font files', () => {
        const names = new Set(faces().map((f) => f.family));
        expect(names.has('Kristi') && names.has('DejaVu Sans')).toBe(true);
        expect(faces().some((f) => /Math/.test(f.path))).toBe(false);
      });

      it('renders at the fixed height, with ink, deterministically',
          async () => {
        const jitter = drawLineJitter(hashRandom(5));
        const a = await renderLine('Good morrow, sir', kristi(), 32, jitter);
        const b = await renderLine('Good morrow, sir', kristi(), 32, jitter);
        expect(a.height).toBe(32);
        expect(a.pixels.length).toBe(32 * a.width);
        expect(a.width).toBeGreaterThan(60);
        expect(Buffer.from(a.pixels).equals(Buffer.from(b.pixels))).toBe(true);
        const dark = a.pixels.filter((p) => p < 128).length;
        expect(dark / a.pixels.length).toBeGreaterThan(0.03);
      });

      it('changes with the jitter, the font and the text', async () => {
        const face = kristi();
        const base = await renderLine('Good morrow', face, 32, NO_JITTER);
        const other = drawLineJitter(hashRandom(9));
        const jittered = await renderLine('Good morrow', face, 32, other);
        const sans = faces().find((f) => f.description === 'DejaVu Sans')!;
        const printed = await renderLine('Good morrow', sans, 32, NO_JITTER);
        const longer =
          await renderLine('Good morrow, sir', face, 32, NO_JITTER);
        const same = (x: { pixels: Uint8Array }, y: { pixels: Uint8Array }) =>
          Buffer.from(x.pixels).equals(Buffer.from(y.pixels));
        expect(same(base, jittered) || same(base, printed)).toBe(false);
        expect(longer.width).toBeGreaterThan(base.width);
      });

      it('caches renderings on disk and reads them back unchanged',
          async () => {
        const spec = {
          text: 'O Romeo', face: kristi(), height: 32,
          jitter: drawLineJitter(hashRandom(2)),
        };
        const first = await renderLineCached(temp.dir, spec);
        expect(existsSync(lineCachePath(temp.dir, spec))).toBe(true);
        const again = await renderLineCached(temp.dir, spec);
        expect(Buffer.from(again.pixels).equals(Buffer.from(first.pixels)))
            .toBe(true);
        const other = lineCachePath(temp.dir, { ...spec, text: 'O Romeo!' });
        expect(other).not.toBe(lineCachePath(temp.dir, spec));
        const files = readdirSync(join(temp.dir), { recursive: true });
        expect(files.some((f) => String(f).endsWith('.tmp'))).toBe(false);
      });

      it('holds out whole font families', () => {
        const split = splitFontsByFamily(faces(), ['Kristi']);
        expect(split.unseen.map((f) => f.family)).toEqual(['Kristi']);
        expect(split.seen.some((f) => f.family === 'Kristi')).toBe(false);
      });
    });

const shakespeare = realDataFile('tinyshakespeare/input.txt');

describe.skipIf(shakespeare.missing !== null || fontsMissing !== null)(
    `buildTextLineSplits on tinyshakespeare${shakespeare.missing === null ?
      '' : ` (${shakespeare.missing})`}`, () => {
      const splits = () => buildTextLineSplits({
        textFile: shakespeare.path, fontDirs: [DEJAVU, KRISTI],
        trainLines: 50, validationLines: 10, testLines: 20,
        unseenFamilies: ['Kristi'],
      });

      it('keeps test text out of training and reports unknown chars', () => {
        const s = splits();
        expect(s.train).toHaveLength(50);
        expect(s.testSeenFonts).toHaveLength(20);
        const trainText = new Set(s.train.map((l) => l.text));
        expect(s.testSeenFonts.every((l) => s.charset.encode(l.text).length))
            .toBe(true);
        expect(s.testSeenFonts.map((l) => l.text))
            .toEqual(s.testUnseenFonts.map((l) => l.text));
        expect(s.testUnseenFonts.every((l) => l.face.family === 'Kristi'))
            .toBe(true);
        expect(s.testSeenFonts.every((l) => l.face.family !== 'Kristi'))
            .toBe(true);
        expect(Object.keys(s.unknownChars).sort())
            .toEqual(['test', 'train', 'validation']);
        expect(s.rejectedLines['train']).toBe(0);
        expect(trainText.size).toBeGreaterThan(40);
      });

      it('is deterministic', () => {
        expect(JSON.stringify(splits())).toBe(JSON.stringify(splits()));
      });
    });
