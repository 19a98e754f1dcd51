import * as http from 'node:http';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from '../backend/init-backend.js';
import { saveLayersModel } from '../io/save-layers-model.js';
import { softCrossEntropy } from '../losses/soft-cross-entropy.js';
import { mixTargets } from '../mixup/mix-hidden.js';
import { Rng } from '../random/rng.js';
import { MixableNetwork, sequentialStage } from './mixable-network.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

/** 3 -> 4 (tanh) -> 4 (tanh) -> 2, mix points 0, 1, 2. */
function tinyNet(seed = 1): MixableNetwork {
  const rng = new Rng(seed);
  const dense = (units: number, activation: 'tanh' | 'linear') =>
    tfl.layers.dense({ units, activation,
      kernelInitializer: tfl.initializers.glorotNormal({ seed: rng.seed() }),
      biasInitializer: tfl.initializers.randomNormal({ seed: rng.seed() }) });
  return new MixableNetwork({ inputShape: [3], stages: [
    sequentialStage('a', [dense(4, 'tanh')]),
    sequentialStage('b', [dense(4, 'tanh')]),
    sequentialStage('c', [dense(2, 'linear')]),
  ] });
}

const X = [[0.5, -1, 2], [1, 0.3, -0.2], [-0.7, 0.1, 0.9], [0.2, 0.2, 0.2]];
const Y = [[1, 0], [0, 1], [0, 1], [1, 0]];
const PERM = [2, 3, 1, 0];
const LAM = 0.35;

function mixedLoss(net: MixableNetwork, layer: number): tf.Scalar {
  return tf.tidy(() => {
    const perm = tf.tensor1d(PERM, 'int32');
    const out = net.forward(tf.tensor2d(X),
      { mix: { layer, lam: LAM, perm }, training: true });
    const y = mixTargets(tf.tensor2d(Y), LAM, perm);
    return softCrossEntropy(out, y) as tf.Scalar;
  });
}

describe('MixableNetwork', () => {
  it('numbers its mix points from the input to the last stage input', () => {
    const net = tinyNet();
    expect(net.maxMixPoint).toBe(2);
    expect(net.hiddenAt(tf.tensor2d(X), 0).shape).toEqual([4, 3]);
    expect(net.hiddenAt(tf.tensor2d(X), 2).shape).toEqual([4, 4]);
    expect(net.forward(tf.tensor2d(X)).shape).toEqual([4, 2]);
  });

  it('mixes the hidden state: forwardFrom of the mix equals forward with mix', () => {
    const net = tinyNet();
    const h = net.hiddenAt(tf.tensor2d(X), 1);
    const perm = tf.tensor1d(PERM, 'int32');
    const mixedH = tf.add(tf.mul(LAM, h), tf.mul(1 - LAM, tf.gather(h, perm)));
    const want = net.forwardFrom(mixedH, 1).arraySync() as number[][];
    const got = net.forward(tf.tensor2d(X),
      { mix: { layer: 1, lam: LAM, perm } }).arraySync() as number[][];
    got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i], 5));
  });

  for (const layer of [0, 1, 2]) {
    it(`gives analytic gradients equal to finite differences, mix at ${layer}`,
      () => {
        const net = tinyNet();
        const vars = net.trainableVariables;
        const { grads } = tf.variableGrads(() => mixedLoss(net, layer), vars);
        const eps = 1e-3;
        for (const v of vars) {
          const analytic = grads[v.name].dataSync();
          const base = v.dataSync().slice();
          // Check a few coordinates of every variable, below k too.
          for (const i of [0, base.length - 1]) {
            const probe = (delta: number) => {
              const moved = base.slice();
              moved[i] += delta;
              v.assign(tf.tensor(moved, v.shape));
              return mixedLoss(net, layer).dataSync()[0];
            };
            const numeric = (probe(eps) - probe(-eps)) / (2 * eps);
            v.assign(tf.tensor(base, v.shape));
            expect(analytic[i]).toBeCloseTo(numeric, 3);
          }
        }
      });
  }

  it('sends gradient into the layers below the mix point', () => {
    const net = tinyNet();
    const { grads } = tf.variableGrads(() => mixedLoss(net, 2),
      net.trainableVariables);
    const firstKernel = grads[net.trainableVariables[0].name];
    expect(tf.abs(firstKernel).sum().dataSync()[0]).toBeGreaterThan(1e-4);
  });

  it('rejects wrong rank, wrong shape, mix points outside S and batch mismatch', () => {
    const net = tinyNet();
    expect(() => net.forward(tf.zeros([3])))
        .toThrow(/x must have rank 2 \[B, 3\], but got rank 1/);
    expect(() => net.forward(tf.zeros([2, 4])))
        .toThrow(/shape \[B, 3\], but got \[2,4\]/);
    const perm = tf.tensor1d([1, 0], 'int32');
    expect(() => net.forward(tf.zeros([2, 3]), { mix: { layer: 3, lam: 0.5, perm } }))
        .toThrow(/mix point must be an integer in \[0, 2\], but got 3/);
    expect(() => net.forward(tf.zeros([3, 3]), { mix: { layer: 1, lam: 0.5, perm } }))
        .toThrow(/disagree on batch size \(3 vs 2\)/);
    expect(() => new MixableNetwork({ inputShape: [3], stages: [] }))
        .toThrow(/stages must be a non-empty list/);
    expect(() => new MixableNetwork({ inputShape: [0], stages: [] }))
        .toThrow(/inputShape must be positive integers or null, but got \[0\]/);
  });
});

describe('MixableNetwork with a varying size', () => {
  it('takes batches of any width where the shape says null', () => {
    const net = new MixableNetwork({ inputShape: [2, null, 1], stages: [
      sequentialStage('conv', [tfl.layers.conv2d({ filters: 3,
        kernelSize: 1 })]),
      sequentialStage('head', [tfl.layers.conv2d({ filters: 2,
        kernelSize: [2, 1] })]),
    ] });
    for (const width of [5, 9]) {
      const perm = tf.tensor1d([1, 0], 'int32');
      const out = net.forward(tf.randomNormal([2, 2, width, 1]),
        { mix: { layer: 1, lam: 0.4, perm } });
      expect(out.shape).toEqual([2, 1, width, 2]);
    }
    expect(() => net.forward(tf.zeros([2, 3, 5, 1])))
        .toThrow(/shape \[B, 2, null, 1\], but got \[2,3,5,1\]/);
  });
});

describe('saveLayersModel', () => {
  let server: http.Server;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-export-'));
    server = http.createServer((req, res) => {
      const file = path.join(dir, path.basename(req.url ?? ''));
      if (!fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the tfjs format that plain tf.loadLayersModel runs', async () => {
    const net = tinyNet(5);
    await saveLayersModel(net.model, dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tfl.loadLayersModel(`${base}/model.json`);
    const x = tf.tensor2d(X);
    const want = net.forward(x).arraySync() as number[][];
    const got = (loaded.predict(x) as tf.Tensor).arraySync() as number[][];
    got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i], 6));
  });
});
