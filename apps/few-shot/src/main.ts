// NOTE: under tsx, '@tensorflow/tfjs-core' resolves to its CommonJS bundle
// while the core's register-ops loads tfjs-core's ES modules; whichever
// loads first creates the shared engine and its Tensor class. Loading the
// bundle first keeps Tensor.clone working (Cast's gradient calls it).
import '@tensorflow/tfjs-core';

import { runCommandCli } from '@mixup/cli';

import { benchCommand } from './bench-command.js';
import { evaluateCommand } from './evaluate-command.js';
import { reportCommand } from './report-command.js';
import { trainCommand } from './train-command.js';

const USAGE = 'npm run few-shot -- <command> [flags]\n\n' +
  'S2M2 few-shot learning on Omniglot (Mangla et al., WACV 2020).\n\n' +
  'Commands:\n' +
  '  train      train Conv-4 with --stage baseline|rotation|mixup|s2m2r\n' +
  '  evaluate   N-way K-shot episodes and Lake\'s one-shot runs (--run DIR)\n' +
  '  report     the markdown table of evaluated runs (--runs DIR)\n' +
  '  bench      train and evaluate the four methods x seeds, then report\n\n' +
  'Each command takes --help.\n';

const COMMANDS = {
  train: trainCommand, evaluate: evaluateCommand, report: reportCommand,
  bench: benchCommand,
};

runCommandCli('few-shot', USAGE, COMMANDS);
