// `transcribe IMAGE...`: prints the text a trained model reads in each
// image file (one line of text per image).
import * as fs from 'node:fs';

import {
  formatHelp, parseFlags, UsageError, type FlagSpecs,
} from '@mixup/cli';
import {
  loadRecognizer, readLineImage, recognizeLines,
} from '@mixup/text-recognition';

import { requiredModel, startBackend } from './common.js';

const FLAGS: FlagSpecs = {
  'model': { type: 'string',
    help: 'run folder of a trained model (--out of train)' },
  'beam-width': { type: 'int', default: 0, min: 0,
    help: 'prefix beam width (0: greedy best path)' },
};

const USAGE = 'npm run text-recognition -- transcribe --model RUN_DIR ' +
  'IMAGE... [flags]\n\nImages: one text line each, dark ink on a light ' +
  'background, any size (scaled to the model\'s height).';

export async function transcribeCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (values['help']) {
    process.stdout.write(formatHelp(USAGE, FLAGS));
    return;
  }
  const model = requiredModel(values);
  if (positionals.length === 0) {
    throw new UsageError('transcribe: give at least one IMAGE file.');
  }
  await startBackend(values, true);
  const { network, charset, config } = loadRecognizer(model);
  // Each file is read on its own: a bad one is reported and skipped, and
  // the exit code says that something failed.
  const read = await Promise.all(positionals.map(async (file) => {
    try {
      return { file, image: await readLineImage(checkedFile(file), config.height) };
    } catch (error) {
      process.stderr.write(`transcribe: ${(error as Error).message}\n`);
      return null;
    }
  }));
  const ok = read.filter((r) => r !== null);
  if (ok.length < read.length) process.exitCode = 1;
  if (ok.length === 0) {
    network.dispose();
    return;
  }
  const examples = ok.map(({ image }) => ({ image, text: '', labels: [] }));
  const beamWidth = values['beam-width'] as number;
  const readings = recognizeLines(network, charset, examples, { beamWidth });
  const texts = readings.beam ?? readings.greedy;
  texts.forEach((text, i) => {
    const prefix = positionals.length > 1 ? `${ok[i].file}\t` : '';
    process.stdout.write(`${prefix}${text}\n`);
    if (text === '') {
      process.stderr.write(`transcribe: ${ok[i].file}: no text read; the ` +
        `model expects one line of dark ink on a light background.\n`);
    }
  });
  network.dispose();
}

/** The path itself if it names a file; else an error naming the fault. */
function checkedFile(file: string): string {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file.`);
  if (fs.statSync(file).isDirectory()) {
    throw new Error(`${file}: is a folder, not an image file.`);
  }
  return file;
}
