// `transcribe IMAGE...`: prints the text a trained model reads in each
// image file (one line of text per image).
import {
  formatHelp, parseFlags, UsageError, type FlagSpecs,
} from '@mixup/cli';
import {
  loadRecognizer, readLineImage, recognizeLines,
} from '@mixup/text-recognition';

import { startBackend } from './common.js';

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
  const model = values['model'] as string | undefined;
  if (model === undefined) {
    throw new UsageError(
      '--model: the run folder of a trained model is required.');
  }
  if (positionals.length === 0) {
    throw new UsageError('transcribe: give at least one IMAGE file.');
  }
  await startBackend(values, true);
  const { network, charset, config } = loadRecognizer(model);
  const images = await Promise.all(
      positionals.map((p) => readLineImage(p, config.height)));
  const examples = images.map((image) => ({ image, text: '', labels: [] }));
  const beamWidth = values['beam-width'] as number;
  const readings = recognizeLines(network, charset, examples, { beamWidth });
  const texts = readings.beam ?? readings.greedy;
  texts.forEach((text, i) => {
    const prefix = positionals.length > 1 ? `${positionals[i]}\t` : '';
    process.stdout.write(`${prefix}${text}\n`);
  });
  network.dispose();
}
