import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { omniglotBaseSet } from './base-set.js';
import {
  createFewShotModel, disposeFewShotModel, modelWeights,
} from './model.js';
import { epochStep, trainFewShot } from './train-few-shot.js';
import { useTestBackend } from './test-backend.js';
import { syntheticOmniglot } from './test-fixtures.js';

beforeAll(useTestBackend);

const { data, classes } = syntheticOmniglot(new Rng(1), 16, 3,
  [[0, 90, 180, 270]]);
const base = omniglotBaseSet(data, classes);

function tinyModel(seed: number) {
  return createFewShotModel(new Rng(seed),
    { numClasses: base.numClasses, filters: 4, imageSize: 16 });
}

describe('epochStep', () => {
  it('runs the rotation stage before S2M2_R', () => {
    expect([0, 1, 2, 3].map((e) => epochStep('s2m2r', e, 2)))
      .toEqual(['rotation', 'rotation', 'mixup+rotation', 'mixup+rotation']);
    expect(epochStep('baseline', 5, 2)).toBe('plain');
    expect(epochStep('mixup', 0, 2)).toBe('mixup');
  });
});

describe('trainFewShot', () => {
  it('trains every stage with finite losses and no leaks', async () => {
    for (const stage of ['baseline', 'rotation', 'mixup', 's2m2r'] as const) {
      const model = tinyModel(2);
      const before = tf.memory().numTensors;
      const { history } = await trainFewShot(model, base, new Rng(3),
        { stage, epochs: 2, batchSize: 16, stepsPerEpoch: 2 });
      expect(tf.memory().numTensors).toBe(before);
      expect(history.map((h) => Number.isFinite(h.loss)))
        .toEqual([true, true]);
      const rotates = stage === 'rotation' || stage === 's2m2r';
      expect(Number.isNaN(history[1].rot_acc)).toBe(!rotates);
      disposeFewShotModel(model);
    }
  });

  it('trains S2M2_R on a PreActResNet-18 backbone, mixing at 0..3', async () => {
    const model = createFewShotModel(new Rng(2), { numClasses: base.numClasses,
      backbone: 'preact18', filters: 2, imageSize: 16 });
    expect(model.featureSize).toBe(16);
    expect(model.backbone.maxMixPoint).toBe(3);
    const before = tf.memory().numTensors;
    const { history } = await trainFewShot(model, base, new Rng(3),
      { stage: 's2m2r', epochs: 2, rotationEpochs: 1, batchSize: 16,
        stepsPerEpoch: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(history.map((h) => h.step)).toEqual(['rotation', 'mixup+rotation']);
    expect(history.every((h) => Number.isFinite(h.loss))).toBe(true);
    disposeFewShotModel(model);
    expect(() => createFewShotModel(new Rng(2), { numClasses: 4,
      backbone: 'wrn' as never })).toThrow(
        /createFewShotModel: backbone must be one of conv4, preact18, but got "wrn"/);
  });

  it('lowers the Baseline++ loss over epochs', async () => {
    const model = tinyModel(4);
    const { history } = await trainFewShot(model, base, new Rng(5),
      { stage: 'baseline', epochs: 5, batchSize: 16, lr: 1e-2,
        stepsPerEpoch: 5 });
    expect(history[4].loss).toBeLessThan(history[0].loss);
    disposeFewShotModel(model);
  });

  it('resumes from a checkpoint to the same weights', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'few-shot-'));
    const args = { stage: 's2m2r' as const, epochs: 2, rotationEpochs: 1,
      batchSize: 16, stepsPerEpoch: 2 };
    const straight = tinyModel(6);
    await trainFewShot(straight, base, new Rng(7), args);
    const first = tinyModel(6);
    await trainFewShot(first, base, new Rng(7),
      { ...args, epochs: 1, checkpointDir: dir });
    const resumed = tinyModel(6);
    const result = await trainFewShot(resumed, base, new Rng(99),
      { ...args, checkpointDir: dir, resume: true });
    expect(result.resumedFrom).toBe(1);
    expect(result.history.map((h) => h.step))
      .toEqual(['rotation', 'mixup+rotation']);
    const a = modelWeights(straight).map((w) => Array.from(w.dataSync()));
    const b = modelWeights(resumed).map((w) => Array.from(w.dataSync()));
    b.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(a[i][j], 5)));
    [straight, first, resumed].forEach(disposeFewShotModel);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a batch size that is not a multiple of 4', async () => {
    const model = tinyModel(1);
    await expect(trainFewShot(model, base, new Rng(1),
      { stage: 'rotation', epochs: 1, batchSize: 10 }))
      .rejects.toThrow(/multiple of 4/);
    disposeFewShotModel(model);
  });
});
