// `render TEXT`: writes one rendered line image, as training renders them,
// e.g. to try `transcribe` on.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { writeFileAtomic } from '@mixup/core';
import {
  formatHelp, parseFlags, UsageError, type FlagSpecs,
} from '@mixup/cli';
import {
  drawLineJitter, hashRandom, NO_JITTER, readFontFace, renderLine,
} from '@mixup/datasets/text';
import sharp from 'sharp';

const FLAGS: FlagSpecs = {
  'font': { type: 'string',
    default: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    help: 'a .ttf or .otf font file' },
  'output': { type: 'string', help: 'PNG file to write' },
  'height': { type: 'int', default: 32, min: 8, help: 'line height (px)' },
  'jitter-seed': { type: 'int', min: 0,
    help: 'draw a random jitter from this seed (default: a clean line)' },
};

const USAGE = 'npm run text-recognition -- render TEXT --output FILE.png ' +
  '[flags]';

export async function renderCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (values['help']) {
    process.stdout.write(formatHelp(USAGE, FLAGS));
    return;
  }
  const output = values['output'] as string | undefined;
  if (output === undefined) {
    throw new UsageError('--output: a PNG path is required.');
  }
  if (!output.toLowerCase().endsWith('.png')) {
    throw new UsageError(
      `--output: must be a .png file (render writes PNG), but got ` +
      `'${output}'.`);
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `render: give exactly one TEXT, but got ${positionals.length}.`);
  }
  if (positionals[0].trim() === '') {
    throw new UsageError('render: TEXT must have a visible character, but ' +
      'got an empty or blank line.');
  }
  const seed = values['jitter-seed'] as number | undefined;
  const jitter = seed === undefined ? NO_JITTER :
    drawLineJitter(hashRandom(seed));
  const face = readFontFace(values['font'] as string);
  const image = await renderLine(
      positionals[0], face, values['height'] as number, jitter);
  const png = await sharp(image.pixels, {
    raw: { width: image.width, height: image.height, channels: 1 },
  }).png().toBuffer();
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  writeFileAtomic(output, png);
  process.stdout.write(`${output}  ${image.width}x${image.height}  ` +
    `${face.description}\n`);
}
