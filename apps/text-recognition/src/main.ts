// Text-line recognition with CTC and mixup (Moysset and Messina, ICDAR
// 2019): train, evaluate, transcribe and render.
import { runCommandCli } from '@mixup/cli';

import { evaluateCommand } from './evaluate-command.js';
import { renderCommand } from './render-command.js';
import { reportCommand } from './report-command.js';
import { trainCommand } from './train-command.js';
import { transcribeCommand } from './transcribe-command.js';

const USAGE = 'npm run text-recognition -- <command> [flags]\n\n' +
  'Handwriting-style text-line recognition with CTC, trained with ERM,\n' +
  'Input Mixup or Manifold Mixup (Moysset and Messina, ICDAR 2019).\n\n' +
  'Commands:\n' +
  '  train               train a CRNN on rendered tinyshakespeare lines\n' +
  '  evaluate            CER/WER of a trained run on its test lines\n' +
  '  transcribe IMAGE... print the text read from each image file\n' +
  '  render TEXT         render a line image (--font, --output)\n' +
  '  report              the markdown table of runs (--runs DIR)\n\n' +
  'Each command takes --help.\n';

const COMMANDS = {
  train: trainCommand, evaluate: evaluateCommand,
  transcribe: transcribeCommand, render: renderCommand,
  report: reportCommand,
};

runCommandCli('text-recognition', USAGE, COMMANDS);
