// `evaluate`: CER and WER (greedy and beam) of a trained run on its test
// lines in seen and in unseen fonts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseCommandFlags, type FlagSpecs } from '@mixup/cli';
import type { MixableNetwork } from '@mixup/core';
import type { TextLineSplits } from '@mixup/datasets/text';
import {
  evaluateLines, loadRecognizer, type LineScores,
} from '@mixup/text-recognition';

import {
  buildSplits, loadExamples, requiredModel, startBackend, type DataConfig,
} from './common.js';

const FLAGS: FlagSpecs = {
  'model': { type: 'string',
    help: 'run folder of a trained model (--out of train)' },
  'beam-width': { type: 'int', default: 10, min: 1, help: 'prefix beam width' },
};

const USAGE = 'npm run text-recognition -- evaluate --model RUN_DIR [flags]';

export interface TestScores {
  seenFonts: LineScores;
  unseenFonts: LineScores;
}

function formatScores(name: string, s: LineScores): string {
  return `test ${name.padEnd(12)}  cer ${s.cer.toFixed(4)}  wer ` +
    `${s.wer.toFixed(4)}  cer_beam ${s.cerBeam!.toFixed(4)}  wer_beam ` +
    `${s.werBeam!.toFixed(4)}`;
}

/** Scores the network on both test sets, greedy and beam. */
export async function evaluateTestSets(
    network: MixableNetwork, data: DataConfig, splits: TextLineSplits,
    beamWidth: number, say: (line: string) => void): Promise<TestScores> {
  const seen = await loadExamples(data, splits, splits.testSeenFonts);
  const unseen = await loadExamples(data, splits, splits.testUnseenFonts);
  const args = { beamWidth };
  const scores = {
    seenFonts: evaluateLines(network, splits.charset, seen, args),
    unseenFonts: evaluateLines(network, splits.charset, unseen, args),
  };
  say(formatScores('seen-fonts', scores.seenFonts));
  say(formatScores('unseen-fonts', scores.unseenFonts));
  return scores;
}

export async function evaluateCommand(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, FLAGS, USAGE);
  if (values === null) return;
  const model = requiredModel(values);
  await startBackend(values, values['quiet'] === true);
  const config = JSON.parse(readFileSync(join(model, 'config.json'), 'utf8'));
  const data = config.data as DataConfig;
  const recognizer = loadRecognizer(model);
  const splits = buildSplits(data);
  if (splits.charset.chars.join('') !== recognizer.charset.chars.join('')) {
    throw new Error(
      `evaluate: the charset rebuilt from ${data.textFile} differs from ` +
      `the model's; was the text file changed?`);
  }
  const scores = await evaluateTestSets(recognizer.network, data, splits,
      values['beam-width'] as number, (l) => process.stdout.write(`${l}\n`));
  process.stdout.write(`${JSON.stringify(scores)}\n`);
  recognizer.network.dispose();
}
