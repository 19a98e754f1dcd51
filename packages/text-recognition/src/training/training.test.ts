import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createMethod, Rng } from '@mixup/core';
import type { LineImage } from '@mixup/datasets/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ctcLoss } from '../ctc/ctc-loss.js';
import { makeLineBatch, type LineExample } from '../data/line-batch.js';
import { loadRecognizer, saveRecognizer } from '../io/recognizer-file.js';
import { createCrnn } from '../model/crnn.js';
import { fitRecognizer } from './fit-recognizer.js';
import { mixedCtcLoss, mixedInputLengths } from './mixed-ctc-loss.js';

const TMP = mkdtempSync(join(tmpdir(), 'mixup-text-training-'));

/** Synthetic lines: symbol k is a vertical bar of height 2k px. */
function syntheticLine(labels: number[]): LineExample {
  const [height, width] = [16, 8 * labels.length + 8];
  const pixels = new Uint8Array(height * width).fill(255);
  labels.forEach((k, i) => {
    for (let y = 0; y < 2 * k + 4; y++) {
      for (let x = 8 * i + 4; x < 8 * i + 8; x++) pixels[y * width + x] = 0;
    }
  });
  const image: LineImage = { pixels, width, height };
  return { image, text: labels.join(''), labels };
}

const LINES = [[1, 2], [2, 1, 3], [3, 3], [1], [2, 3, 1, 2]]
    .map(syntheticLine);

const tinyNet = (seed: number) => createCrnn({ vocabularySize: 4,
  channels: [2, 3, 4], hidden: 8, height: 16 },
new Rng(seed));

describe('mixedInputLengths', () => {
  it('takes the larger frame count of each pair', () => {
    expect(mixedInputLengths([5, 9, 7], [2, 0, 1])).toEqual([7, 9, 9]);
  });
});

describe('mixedCtcLoss', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));

  it('is the pair loss of the two label sequences', () => {
    const batch = makeLineBatch(LINES, [0, 1, 2]);
    const logits = tf.randomNormal([3, batch.x.shape[2] / 4, 4], 0, 1,
        'float32', 4);
    const perm = Int32Array.from([1, 2, 0]);
    const lengths = mixedInputLengths(batch.inputLengths, perm);
    const ctc = (labels: readonly (readonly number[])[]) => tf.tidy(() =>
      ctcLoss(tf.logSoftmax(logits, 2), labels, lengths,
          { timeMajor: false, zeroInfinity: true }).dataSync()[0]);
    const lossA = ctc(batch.labels);
    const lossB = ctc(Array.from(perm, (j) => batch.labels[j]));
    const mixed = mixedCtcLoss(logits, batch, { layer: 0, lam: 0.3, perm });
    expect(mixed.dataSync()[0]).toBeCloseTo(0.3 * lossA + 0.7 * lossB, 4);
    const plain = mixedCtcLoss(logits, batch, null).dataSync()[0];
    const unmixedA = tf.tidy(() => ctcLoss(tf.logSoftmax(logits, 2),
        batch.labels, batch.inputLengths, { timeMajor: false })
        .dataSync()[0]);
    expect(plain).toBeCloseTo(unmixedA, 5);
  });

  it('pads a batch to a multiple of 4 with ink 0', () => {
    const batch = makeLineBatch(LINES, [3, 4]);
    expect(batch.x.shape).toEqual([2, 16, 40, 1]);
    expect(batch.inputLengths).toEqual([4, 10]);
    const padded = batch.x.slice([0, 0, 16, 0], [1, 16, 24, 1]);
    expect(tf.max(padded).dataSync()[0]).toBe(0);
  });
});

describe('fitRecognizer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const fitArgs = (net: ReturnType<typeof tinyNet>, epochs: number,
      dir: string, method = 'manifold') => ({
    network: net, train: LINES, method: createMethod(method),
    rng: new Rng(11), epochs, batchSize: 2,
    optimizer: { name: 'adam' as const, lr: 0.01 }, checkpointDir: dir,
  });

  it('lowers the training loss, with every method', async () => {
    for (const method of ['erm', 'input', 'manifold']) {
      const net = tinyNet(1);
      const { history } = await fitRecognizer(
          fitArgs(net, 6, join(TMP, `fit-${method}`), method));
      expect(history[5].loss).toBeLessThan(history[0].loss);
      net.dispose();
    }
  });

  it('resumes a run exactly from its checkpoint', async () => {
    const straight = tinyNet(2);
    await fitRecognizer(fitArgs(straight, 3, join(TMP, 'straight')));
    const first = tinyNet(2);
    await fitRecognizer(fitArgs(first, 2, join(TMP, 'resumed')));
    const second = tinyNet(99);
    const result = await fitRecognizer(
        { ...fitArgs(second, 3, join(TMP, 'resumed')), resume: true });
    expect(result.resumedFrom).toBe(2);
    const a = straight.model.getWeights().map((w) => Array.from(w.dataSync()));
    const b = second.model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual(a);
  });

  it('saves and loads a recogniser that reads the same', async () => {
    const net = tinyNet(5);
    const { Charset } = await import('@mixup/datasets/text');
    const charset = new Charset(['a', 'b', 'c']);
    await saveRecognizer(join(TMP, 'saved'), { network: net, charset,
      config: { height: 16, channels: [2, 3, 4], hidden: 8 } });
    const loaded = loadRecognizer(join(TMP, 'saved'));
    expect(loaded.charset.chars).toEqual(['a', 'b', 'c']);
    const x = makeLineBatch(LINES, [0]).x;
    const ya = net.forward(x).dataSync();
    const yb = loaded.network.forward(x).dataSync();
    expect(Array.from(yb)).toEqual(Array.from(ya));
    expect(() => loadRecognizer(join(TMP, 'nothing-here')))
        .toThrow(/must hold a recogniser/);
  });
});
