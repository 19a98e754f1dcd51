export { Charset } from './charset.js';
export type { CharsetReport } from './charset.js';
export { cutLines, splitTextByPosition } from './cut-lines.js';
export type { CutLinesArgs, TextParts } from './cut-lines.js';
export {
  DEBIAN_FONT_DIRS, DEBIAN_FONT_PACKAGES, listFontFaces, readFontFace,
  splitFontsByFamily,
} from './font-files.js';
export type { FontFace, FontSplit } from './font-files.js';
export { childSeed, hashRandom } from './hash-random.js';
export {
  lineCachePath, renderLineCached, renderLines,
} from './line-cache.js';
export type { LineSpec } from './line-cache.js';
export { drawLineJitter, NO_JITTER } from './line-jitter.js';
export type { LineJitter } from './line-jitter.js';
export { renderLine } from './render-line.js';
export type { LineImage } from './render-line.js';
export {
  buildTextLineSplits, DEFAULT_UNSEEN_FAMILIES,
} from './text-line-splits.js';
export type {
  TextLineSplitArgs, TextLineSplits,
} from './text-line-splits.js';
