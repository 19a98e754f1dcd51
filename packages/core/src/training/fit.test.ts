import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from '../backend/init-backend.js';
import { listCheckpoints, loadLatestCheckpoint } from '../io/checkpoint.js';
import { createMethod, type MethodName } from '../mixup/methods.js';
import { MixableNetwork, sequentialStage } from '../network/mixable-network.js';
import { Rng } from '../random/rng.js';
import { fit, type FitArgs } from './fit.js';
import { tensorData } from './train-data.js';
import { createOptimizer } from './optimizer.js';
import { trainStep, findDropoutLayers, mixedCrossEntropy } from './train-step.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-fit-'));
  dirs.push(d);
  return d;
}

/** A small MLP with batch norm and dropout: all stateful parts. */
function makeNet(rng: Rng): MixableNetwork {
  const dense = (units: number) => tfl.layers.dense({ units,
    kernelInitializer: tfl.initializers.heNormal({ seed: rng.seed() }) });
  return new MixableNetwork({ inputShape: [4], stages: [
    sequentialStage('a', [dense(16), tfl.layers.batchNormalization(),
      tfl.layers.reLU(), tfl.layers.dropout({ rate: 0.2 })]),
    sequentialStage('b', [dense(8), tfl.layers.reLU()]),
    sequentialStage('c', [dense(3)]),
  ] });
}

function makeData(rng: Rng, n = 60) {
  const x = new Float32Array(n * 4);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = rng.normal() + (j === labels[i] ? 2 : 0);
  }
  const xs = tf.tensor2d(x, [n, 4]);
  const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat();
  return { xs, ys };
}

async function run(seed: number, method: MethodName, extra: Partial<FitArgs> = {}) {
  const rng = new Rng(seed);
  const net = makeNet(rng);
  const { xs, ys } = makeData(new Rng(100));
  const result = await fit({
    network: net, data: tensorData(xs, ys), rng, epochs: 4, batchSize: 16,
    method: method === 'manifold' ? createMethod('manifold', { mixPoints: [0, 1, 2] }) :
        createMethod(method),
    optimizer: { name: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true,
      weightDecay: 1e-4 },
    evaluate: () => ({ probe: net.forward(xs).sum().dataSync()[0] }),
    ...extra,
  });
  const weights = net.model.getWeights().map((w) => Array.from(w.dataSync()));
  net.dispose();
  tf.dispose([xs, ys]);
  return { result, weights };
}

function figures(result: Awaited<ReturnType<typeof run>>['result']) {
  return result.history.map(({ seconds: _s, ...rest }) => rest);
}

describe('fit', () => {
  it('gives the same numbers for the same seed, and others for another', async () => {
    const a = await run(3, 'manifold');
    const b = await run(3, 'manifold');
    const c = await run(4, 'manifold');
    expect(figures(b.result)).toEqual(figures(a.result));
    expect(b.weights).toEqual(a.weights);
    expect(figures(c.result)).not.toEqual(figures(a.result));
  });

  it('learns: the loss falls', async () => {
    const { result } = await run(5, 'erm', { epochs: 8 });
    expect(result.last.loss).toBeLessThan(result.history[0].loss);
  });

  it('reports the best epoch by the monitor and the last epoch', async () => {
    const { result } = await run(6, 'input', {
      monitor: { key: 'probe', mode: 'max' } });
    const best = Math.max(...result.history.map((h) => h.probe));
    expect(result.best.probe).toBe(best);
    expect(result.last.epoch).toBe(4);
  });

  it('evaluates every n epochs and after the last; best is among those', async () => {
    const epochsSeen: number[] = [];
    const rng = new Rng(8);
    const net = makeNet(rng);
    const { xs, ys } = makeData(new Rng(100));
    const result = await fit({
      network: net, data: tensorData(xs, ys), rng, epochs: 5, batchSize: 16,
      method: createMethod('erm'),
      optimizer: { name: 'sgd', lr: 0.05, momentum: 0.9 },
      evaluate: (epoch) => {
        epochsSeen.push(epoch);
        return { probe: epoch === 2 ? 100 : -epoch };
      },
      evaluateEvery: 2,
      monitor: { key: 'probe', mode: 'max' },
    });
    net.dispose();
    tf.dispose([xs, ys]);
    expect(epochsSeen).toEqual([2, 4, 5]);
    expect(result.history.map((h) => 'probe' in h))
        .toEqual([false, true, false, true, true]);
    expect(result.best.epoch).toBe(2);
    expect(result.last.probe).toBe(-5);
    await expect(run(1, 'erm', { evaluateEvery: 0 }))
        .rejects.toThrow(/evaluateEvery must be an integer >= 1, but got 0/);
  });

  it('resumes from a checkpoint exactly as if it had never stopped', async () => {
    const unbroken = await run(7, 'manifold');
    const dir = tempDir();
    // Stop after 2 of 4 epochs, then resume in a fresh network and generator.
    await run(7, 'manifold', { epochs: 2, checkpoint: { dir } });
    expect(listCheckpoints(dir).map((f) => path.basename(f)))
        .toEqual(['ckpt-000001.mmx', 'ckpt-000002.mmx']);
    const resumed = await run(7, 'manifold', { checkpoint: { dir }, resume: true });
    expect(resumed.result.resumedFrom).toBe(2);
    expect(figures(resumed.result)).toEqual(figures(unbroken.result));
    expect(resumed.weights).toEqual(unbroken.weights);
    expect(loadLatestCheckpoint(dir)!.epoch).toBe(4);
  });

  it('leaves no tensors behind but the network and the data', async () => {
    const rng = new Rng(8);
    const net = makeNet(rng);
    const { xs, ys } = makeData(new Rng(9));
    const before = tf.memory().numTensors;
    await fit({ network: net, data: tensorData(xs, ys), rng, epochs: 2,
      batchSize: 16, method: createMethod('manifold'),
      optimizer: { lr: 0.05, momentum: 0.9 },
      schedule: (epoch) => 0.05 / (epoch + 1) });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad arguments by name', async () => {
    await expect(run(1, 'erm', { epochs: 0 })).rejects.toThrow(
      /epochs must be an integer >= 1, but got 0/);
    await expect(run(1, 'erm', { batchSize: 2.5 })).rejects.toThrow(
      /batchSize must be an integer >= 1, but got 2.5/);
    await expect(run(1, 'erm', {
      method: createMethod('manifold', { mixPoints: [5] }) }))
        .rejects.toThrow(/mix point 5 is outside the network's \[0, 2\]/);
    await expect(run(1, 'erm', { resume: true }))
        .rejects.toThrow(/resume needs checkpoint.dir/);
  });
});

describe('trainStep', () => {
  it('keeps tf.memory().numTensors flat over many steps', () => {
    const rng = new Rng(1);
    const net = makeNet(rng);
    const { xs, ys } = makeData(new Rng(2));
    const ctx = { network: net, optimizer: createOptimizer({ lr: 0.01, weightDecay: 1e-4 }),
      method: createMethod('manifold'), rng, loss: mixedCrossEntropy,
      dropoutLayers: findDropoutLayers(net) };
    const batch = { x: xs, y: ys };
    for (let i = 0; i < 5; i++) trainStep(ctx, batch); // creates optimizer slots
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) trainStep(ctx, batch);
    expect(tf.memory().numTensors).toBe(before);
  });
});
