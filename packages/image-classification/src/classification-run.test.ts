import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { resolveClassifyArgs } from './classify-args.js';
import { createNetwork, runClassification } from './classification-run.js';
import { useWasm } from './test-backend.js';

await useWasm();

/** Two classes told apart by brightness: an easy, tiny task. */
function brightness(count: number, seed: number) {
  const rng = new Rng(seed);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 2);
  const images = new Uint8Array(count * 64);
  for (let i = 0; i < images.length; i++) {
    const bright = labels[Math.floor(i / 64)] === 1;
    images[i] = Math.floor((bright ? 128 : 0) + rng.next() * 127);
  }
  return { images, labels, count, height: 8, width: 8, channels: 1 };
}

describe('runClassification', () => {
  const args = resolveClassifyArgs({ method: 'manifold', width: 2,
    epochs: 2, batchSize: 16, lr: 0.05, numClasses: 2, fgsmEpsilon: 0.01,
    seed: 4 }, 8);
  const train = brightness(64, 1);
  const test = brightness(32, 2);

  it('learns an easy task and reports best and last epochs', async () => {
    const before = tf.memory().numTensors;
    const erm = resolveClassifyArgs({ width: 2, epochs: 4, batchSize: 16,
      lr: 0.05, numClasses: 2, fgsmEpsilon: 0.01, seed: 4 }, 8);
    const r = await runClassification(erm, train, test);
    expect(r.fit.history).toHaveLength(4);
    expect(r.last.epoch).toBe(4);
    expect(r.last.test_error).toBeLessThan(0.3);
    expect(r.best.test_error).toBeLessThanOrEqual(r.last.test_error);
    expect(r.fgsmAccuracy).not.toBeNull();
    r.network.dispose();
    // TODO: the core's fit leaks one scalar per run (tfjs's momentum
    // optimizer keeps -lr in a tensor its dispose() misses; reported to
    // the core); this bound goes back to `before` once that is fixed.
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1);
  });

  it('repeats exactly under the same seed', async () => {
    const a = await runClassification(args, train, test);
    const b = await runClassification(args, train, test);
    expect(b.last).toEqual(a.last);
    expect(b.fgsmAccuracy).toBe(a.fgsmAccuracy);
    a.network.dispose();
    b.network.dispose();
  });
});

describe('createNetwork', () => {
  it('builds each network by name with the dropout of its method', () => {
    const rng = new Rng(1);
    const drop = createNetwork(resolveClassifyArgs({ method: 'dropout',
      width: 2 }, 8), [8, 8, 1], rng);
    expect(drop.model.layers.some((l) => l.getClassName() === 'Dropout'))
        .toBe(true);
    const wrn = createNetwork(resolveClassifyArgs({ network: 'wrn28',
      width: 2, widen: 1 }, 8), [8, 8, 1], rng);
    expect(wrn.maxMixPoint).toBe(2);
    const p34 = createNetwork(resolveClassifyArgs({ network: 'preact34',
      width: 2 }, 8), [8, 8, 1], rng);
    expect(p34.maxMixPoint).toBe(3);
    [drop, wrn, p34].forEach((n) => n.dispose());
  });
});
