// A trained recogniser on disk: its architecture, its charset and its
// weights, in one core checkpoint file under `<dir>/recognizer/`.
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import {
  loadLatestCheckpoint, Rng, saveCheckpoint, storeTensors,
  type MixableNetwork,
} from '@mixup/core';
import { Charset } from '@mixup/datasets/text';

import { createCrnn } from '../model/crnn.js';
import { loadModelWeights } from '../training/fit-recognizer.js';

/** What it takes to rebuild a recogniser. */
export interface RecognizerConfig {
  readonly height: number;
  readonly channels: readonly number[];
  readonly hidden: number;
}

/** A loaded recogniser. */
export interface Recognizer {
  readonly network: MixableNetwork;
  readonly charset: Charset;
  readonly config: RecognizerConfig;
}

const FORMAT = 'mixup-text-recognizer/1';

/** The folder of the recogniser file under a run folder. */
export function recognizerDir(runDir: string): string {
  return join(runDir, 'recognizer');
}

/** Saves the network's weights with its config and charset. */
export async function saveRecognizer(
    runDir: string, recognizer: Recognizer): Promise<void> {
  const tensors = await storeTensors(recognizer.network.model.weights.map(
      (w, i) => ({ name: `model/${i}`, tensor: w.read() as tf.Tensor })));
  saveCheckpoint(recognizerDir(runDir), {
    epoch: 0, tensors,
    state: {
      format: FORMAT, config: recognizer.config,
      charset: recognizer.charset.toJSON(),
    },
  }, 1);
}

/** Loads a recogniser saved by `saveRecognizer` under `runDir`. */
export function loadRecognizer(runDir: string): Recognizer {
  const dir = recognizerDir(runDir);
  const ckpt = loadLatestCheckpoint(dir);
  if (ckpt === null || ckpt.state['format'] !== FORMAT) {
    throw new Error(
      `loadRecognizer: ${dir} must hold a recogniser (${FORMAT}), but got ` +
      `${ckpt === null ? 'no checkpoint' : String(ckpt.state['format'])}; ` +
      `train one first with 'train --out ${runDir}'.`);
  }
  const config = ckpt.state['config'] as RecognizerConfig;
  const charset = Charset.fromJSON(ckpt.state['charset'] as
      { chars: string[] });
  const network = createCrnn(
      { ...config, vocabularySize: charset.vocabularySize }, new Rng(0));
  loadModelWeights(network, ckpt);
  return { network, charset, config };
}
