// `train`: renders the lines, trains a CRNN with the chosen method and
// writes config.json, metrics.jsonl, summary.json, checkpoints and the
// recogniser itself under --out.
import {
  formatEpochLine, parseCommandFlags, RunDir, UsageError,
  type FlagSpecs, type FlagValues,
} from '@mixup/cli';
import {
  constantSchedule, cosineSchedule, createMethod, Rng, type Method,
} from '@mixup/core';
import {
  createCrnn, DEFAULT_CRNN_ARGS, evaluateLines, fitRecognizer,
  saveRecognizer, type LineExample, type RecognizerEpochLogs,
} from '@mixup/text-recognition';

import {
  buildSplits, DATA_FLAGS, describeUnknown, loadExamples,
  resolveDataConfig, startBackend,
} from './common.js';
import { evaluateTestSets } from './evaluate-command.js';

const FLAGS: FlagSpecs = {
  ...DATA_FLAGS,
  'epochs': { type: 'int', default: 10, min: 1, help: 'training epochs' },
  'method': { type: 'enum', choices: ['erm', 'input', 'manifold'],
    default: 'manifold', help: 'training method' },
  'alpha': { type: 'number', min: 0.01,
    help: 'Beta(alpha, alpha) for lambda (default: 1 input, 2 manifold)' },
  'mix-points': { type: 'int-list',
    help: 'manifold mix points (default 0,1,2: input, blocks 1 and 2)' },
  'batch-size': { type: 'int', default: 32, min: 1, help: 'lines per batch' },
  'lr': { type: 'number', default: 3e-3, min: 0, help: 'Adam learning rate' },
  'schedule': { type: 'enum', choices: ['cosine', 'constant'],
    default: 'cosine', help: 'learning-rate schedule (cosine to lr / 20)' },
  'channels': { type: 'int-list', default: [16, 32, 64],
    help: 'filters of the 3 convolutional blocks' },
  'hidden': { type: 'int', default: 128, min: 1,
    help: 'width of the sequence model' },
  'beam-width': { type: 'int', default: 10, min: 1,
    help: 'prefix beam width of the final test' },
  'resume': { type: 'boolean', help: 'continue from the newest checkpoint' },
};

const USAGE = 'npm run text-recognition -- train [flags]';

function resolveMethod(values: FlagValues): Method {
  const name = values['method'] as string;
  const alpha = values['alpha'] as number | undefined;
  const points = values['mix-points'] as number[] | undefined;
  if (points !== undefined && name !== 'manifold') {
    throw new UsageError(`--mix-points: only for --method manifold, but ` +
      `got --method ${name}.`);
  }
  return createMethod(name, {
    ...(alpha === undefined ? {} : { alpha }),
    ...(points === undefined ? {} : { mixPoints: points }),
  });
}

/**
 * The settings of config.json that a resumed run must share (not the data
 * paths); --epochs may grow, to extend a finished run.
 */
const RESUME_KEYS = ['method', 'seed', 'batchSize', 'lr',
  'schedule', 'crnn', 'data.fontDirs', 'data.trainLines',
  'data.validationLines', 'data.testLines', 'data.maxLength', 'data.height',
  'data.dataSeed'] as const;

export async function trainCommand(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, FLAGS, USAGE);
  if (values === null) return;
  const out = values['out'] as string | undefined;
  if (out === undefined) {
    throw new UsageError('--out: a run folder is required.');
  }
  const quiet = values['quiet'] === true;
  const say = (line: string) => {
    if (!quiet) process.stdout.write(`${line}\n`);
  };
  const start = performance.now();
  const backend = await startBackend(values, quiet);
  const data = resolveDataConfig(values);
  const method = resolveMethod(values);
  const config = {
    command: 'train', method, seed: values['seed'] as number,
    epochs: values['epochs'] as number,
    batchSize: values['batch-size'] as number, lr: values['lr'] as number,
    schedule: values['schedule'] as string,
    beamWidth: values['beam-width'] as number,
    crnn: {
      ...DEFAULT_CRNN_ARGS, height: data.height,
      channels: values['channels'] as number[],
      hidden: values['hidden'] as number,
    },
    data,
    backend: backend.name,
  };
  // Mix point k sits after conv block k; the last one feeds the sequence.
  const maxPoint = config.crnn.channels.length;
  const outside = method.mixPoints.find((k) => k > maxPoint);
  if (outside !== undefined) {
    throw new UsageError(
      `--mix-points: must be in [0, ${maxPoint}] for ${maxPoint} conv ` +
      `blocks, but got ${outside}.`);
  }
  const run = new RunDir(out);
  const resume = values['resume'] === true;
  if (resume) run.checkResumable(config, RESUME_KEYS);
  say(`config ${JSON.stringify(config)}`);
  const splits = buildSplits(data);
  say(describeUnknown(splits));
  const train = await loadExamples(data, splits, splits.train);
  const validation = await loadExamples(data, splits, splits.validation);
  // Only now, with fonts and lines in hand, may a fresh run replace an
  // earlier one in this folder.
  if (!resume) run.startFresh(['recognizer']);
  run.writeConfig(config);
  say(`lines: train ${train.length}, validation ${validation.length}, ` +
    `test ${splits.testSeenFonts.length} x 2 (seen / unseen fonts: ` +
    `${splits.fonts.seen.length} / ${splits.fonts.unseen.length} faces)`);
  const rng = new Rng(config.seed);
  const network = createCrnn({
    ...config.crnn, vocabularySize: splits.charset.vocabularySize,
  }, rng);
  const result = await trainNetwork(
      config, network, train, validation, splits.charset, run, values, say);
  await saveRecognizer(run.dir, {
    network, charset: splits.charset,
    config: { height: data.height, channels: config.crnn.channels,
      hidden: config.crnn.hidden },
  });
  const test = await evaluateTestSets(
      network, data, splits, config.beamWidth, say);
  const last = result.history[result.history.length - 1];
  const best = result.history.reduce((a, b) => (b.val_cer < a.val_cer ? b : a));
  const wallSeconds = (performance.now() - start) / 1000;
  run.writeSummary({
    method: method.name, seed: config.seed, backend: backend.name,
    wallSeconds, resumedFrom: result.resumedFrom, best, last, test,
    charset: splits.charset.toJSON(), unknownChars: splits.unknownChars,
    rejectedLines: splits.rejectedLines,
  });
  process.stdout.write(
    `summary  method ${method.name}  seed ${config.seed}  best val_cer ` +
    `${best.val_cer.toFixed(4)} (epoch ${best.epoch})  test_cer seen ` +
    `${test.seenFonts.cer.toFixed(4)} unseen ` +
    `${test.unseenFonts.cer.toFixed(4)}` +
    `  ${wallSeconds.toFixed(0)}s\n`);
  network.dispose();
}

async function trainNetwork(
    config: {
      method: Method; epochs: number; batchSize: number; lr: number;
      schedule: string;
    },
    network: ReturnType<typeof createCrnn>, train: LineExample[],
    validation: LineExample[],
    charset: Parameters<typeof evaluateLines>[1], run: RunDir,
    values: FlagValues, say: (line: string) => void) {
  const rng = new Rng((values['seed'] as number) + 1);
  const resume = values['resume'] === true;
  const result = await fitRecognizer({
    network, train, method: config.method, rng, epochs: config.epochs,
    batchSize: config.batchSize, optimizer: { name: 'adam', lr: config.lr },
    schedule: config.schedule === 'cosine' ?
      cosineSchedule(config.lr, config.epochs, config.lr / 20) :
      constantSchedule(config.lr),
    checkpointDir: run.checkpointDir, resume,
    evaluate: async () => {
      const scores = evaluateLines(network, charset, validation);
      return { val_cer: scores.cer, val_wer: scores.wer };
    },
    onEpochEnd: (logs: RecognizerEpochLogs) => {
      run.appendMetrics(logs);
      say(formatEpochLine(logs.epoch, config.epochs,
          [['loss', logs.loss], ['val_cer', logs.val_cer],
            ['val_wer', logs.val_wer]], logs.lr, logs.seconds));
    },
  });
  if (result.resumedFrom !== null) {
    say(`resumed from epoch ${result.resumedFrom}`);
  }
  run.resetMetrics(result.history);
  return result;
}
