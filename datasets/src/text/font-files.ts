// Font files for line rendering: found in folders, named from their own
// 'name' table (Pango needs the family name to use a given font file).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

import { DatasetError } from '../common/dataset-error.js';

/** A font file and the Pango description that selects it. */
export interface FontFace {
  readonly path: string;
  readonly family: string;
  /** e.g. 'Regular', 'Bold Italic'. */
  readonly style: string;
  /** Pango font description: family plus style words, e.g. 'Kristi'. */
  readonly description: string;
}

/** Debian font packages of handwriting-style and printed fonts. */
export const DEBIAN_FONT_PACKAGES: readonly string[] = Object.freeze([
  'fonts-dkg-handwriting', 'fonts-breip', 'fonts-femkeklaver',
  'fonts-humor-sans', 'fonts-rufscript', 'fonts-sjfonts', 'fonts-kristi',
  'fonts-dancingscript', 'fonts-kaushanscript', 'fonts-comic-neue',
  'fonts-dejavu-core', 'fonts-liberation2',
]);

/** Where those packages put their files. */
export const DEBIAN_FONT_DIRS: readonly string[] = Object.freeze([
  'truetype/fifthhorseman', 'truetype/breip', 'truetype/femkeklaver',
  'truetype/humor-sans', 'truetype/rufscript', 'truetype/sjfonts',
  'truetype/kristi', 'opentype/dancingscript', 'opentype/kaushanscript',
  'opentype/comic-neue', 'truetype/dejavu', 'truetype/liberation2',
].map((d) => join('/usr/share/fonts', d)));

const PANGO_STYLE_WORDS = new Set([
  'Thin', 'Ultra-Light', 'ExtraLight', 'Light', 'Semi-Light', 'Book',
  'Medium', 'Semi-Bold', 'SemiBold', 'Bold', 'ExtraBold', 'Heavy', 'Black',
  'Italic', 'Oblique', 'Condensed', 'Semi-Condensed', 'Expanded',
]);

/** Math and symbol fonts that lack ordinary text glyphs. */
const SKIP = /Math|Symbol/i;

/**
 * Every .ttf and .otf file under the folders (recursively), sorted by
 * path, with its family and style read from the file; of faces with the
 * same description only the first is kept. Missing folders are skipped;
 * an unreadable font file throws a DatasetError.
 */
export function listFontFaces(dirs: readonly string[]): FontFace[] {
  const paths: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ttf|otf)$/i.test(name) && !SKIP.test(name)) {
        paths.push(path);
      }
    }
  };
  for (const dir of dirs) {
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  }
  const faces = [...new Set(paths)].sort().map(readFontFace);
  // Some packages ship one face under two file names; keep the first.
  const seen = new Set<string>();
  return faces.filter((f) => !seen.has(f.description) &&
    seen.add(f.description) !== null);
}

/** Family and style of one font file, from its 'name' table. */
export function readFontFace(path: string): FontFace {
  const bytes = readFileSync(path);
  const names = readNameTable(bytes, path);
  const family = names.get(16) ?? names.get(1);
  if (family === undefined) {
    throw new DatasetError('readFontFace', path,
        'a font needs a family name (name id 1), but got none');
  }
  const style = names.get(17) ?? names.get(2) ?? 'Regular';
  const plain = /^(Regular|Book|Normal|Roman)$/i.test(style);
  // Pango reads trailing style words; any other word would become part of
  // the family name and select a fallback font instead of this file.
  const known = style.split(/\s+/).every((w) => PANGO_STYLE_WORDS.has(w));
  return {
    path, family, style,
    description: plain || !known ? family : `${family} ${style}`,
  };
}

function readNameTable(bytes: Buffer, path: string): Map<number, string> {
  const fault = (what: string) =>
    new DatasetError('readFontFace', path, what);
  if (bytes.length < 12) {
    throw fault('a font needs a 12-byte header, but got less');
  }
  const numTables = bytes.readUInt16BE(4);
  let offset = -1;
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    if (bytes.toString('latin1', at, at + 4) === 'name') {
      offset = bytes.readUInt32BE(at + 8);
    }
  }
  if (offset < 0) throw fault(`a font needs a 'name' table, but got none`);
  const count = bytes.readUInt16BE(offset + 2);
  const strings = offset + bytes.readUInt16BE(offset + 4);
  const names = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const rec = offset + 6 + 12 * i;
    const [platform, , language, nameId, length, start] = [0, 2, 4, 6, 8, 10]
        .map((d) => bytes.readUInt16BE(rec + d));
    const raw = bytes.subarray(strings + start, strings + start + length);
    // Windows (3) names are UTF-16BE; prefer US English, else the first.
    if (platform === 3 && (language === 0x409 || !names.has(nameId))) {
      names.set(nameId, utf16be(raw));
    } else if (platform === 1 && !names.has(nameId)) {
      names.set(nameId, raw.toString('latin1'));
    }
  }
  return names;
}

function utf16be(raw: Buffer): string {
  let out = '';
  for (let i = 0; i + 1 < raw.length; i += 2) {
    out += String.fromCharCode(raw.readUInt16BE(i));
  }
  return out;
}

/** Fonts split by family, so that held-out fonts share no family. */
export interface FontSplit {
  readonly seen: FontFace[];
  readonly unseen: FontFace[];
}

/**
 * Holds out whole families for the unseen-font test set: the families named
 * in `unseenFamilies` when any is present, else every `1/fraction`-th
 * family in sorted order (at least one).
 */
export function splitFontsByFamily(
    faces: readonly FontFace[], unseenFamilies: readonly string[],
    fraction = 0.2): FontSplit {
  const families = [...new Set(faces.map((f) => f.family))].sort();
  let held = new Set(unseenFamilies.filter((f) => families.includes(f)));
  if (held.size === 0) {
    const step = Math.max(2, Math.round(1 / fraction));
    held = new Set(families.filter((_, i) => i % step === step - 1));
    if (held.size === 0 && families.length > 1) held.add(families.at(-1)!);
  }
  const unseen = faces.filter((f) => held.has(f.family));
  const seen = faces.filter((f) => !held.has(f.family));
  if (seen.length === 0 || unseen.length === 0) {
    throw new RangeError(
      `splitFontsByFamily: need fonts of at least 2 families, but got ` +
      `${families.length} (${faces.map((f) => basename(f.path)).join(', ')}).`);
  }
  return { seen, unseen };
}
