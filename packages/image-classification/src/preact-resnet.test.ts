import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { createPreActResNet } from './preact-resnet.js';
import { useWasm } from './test-backend.js';

await useWasm();

const SHAPE = [12, 12, 1] as const;

function make(depth: 18 | 34 = 18, dropoutRate = 0) {
  return createPreActResNet(new Rng(3),
    { depth, width: 2, inputShape: SHAPE, numClasses: 5, dropoutRate });
}

describe('createPreActResNet', () => {
  const net = make();
  const x = tf.randomNormal([4, ...SHAPE], 0, 1, 'float32', 7);

  it('maps [B, H, W, C] to logits [B, K]', () => {
    const logits = net.forward(x);
    expect(logits.shape).toEqual([4, 5]);
    logits.dispose();
  });

  it('has mix points 0..3 at the stage boundaries', () => {
    expect(net.maxMixPoint).toBe(3);
    const shapes = [0, 1, 2, 3].map((k) => {
      const h = net.hiddenAt(x, k);
      const shape = h.shape;
      // Mix point 0 is the input tensor itself.
      if (h !== x) h.dispose();
      return shape;
    });
    expect(shapes).toEqual([
      [4, 12, 12, 1], [4, 12, 12, 2], [4, 6, 6, 4], [4, 3, 3, 8],
    ]);
  });

  it('mixes at every point and keeps the output shape', () => {
    const perm = new Int32Array([1, 0, 3, 2]);
    for (let layer = 0; layer <= 3; layer++) {
      const plain = net.forward(x, { training: true });
      const mixed = net.forward(x, { mix: { layer, lam: 0.3, perm },
        training: true });
      expect(mixed.shape).toEqual([4, 5]);
      const diff = plain.sub(mixed).abs().max().dataSync()[0];
      expect(diff).toBeGreaterThan(1e-6);
      tf.dispose([plain, mixed]);
    }
  });

  it('gives the same output with lam = 1 as without mixing', () => {
    const perm = new Int32Array([1, 0, 3, 2]);
    const plain = net.forward(x);
    const mixed = net.forward(x, { mix: { layer: 2, lam: 1, perm } });
    expect(plain.sub(mixed).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([plain, mixed]);
  });

  it('builds 18 and 34 layers deep: 2-2-2-2 and 3-4-6-3 blocks', () => {
    const convs = (depth: 18 | 34) => make(depth).model.layers
        .filter((l) => l.getClassName() === 'Conv2D' &&
          (l.getConfig().kernelSize as number[])[0] === 3).length;
    // A stem plus two 3x3 convolutions per block.
    expect(convs(18)).toBe(1 + 2 * 8);
    expect(convs(34)).toBe(1 + 2 * 16);
  });

  it('draws the same weights from the same seed', () => {
    const a = make().model.getWeights()[0].dataSync();
    const b = make().model.getWeights()[0].dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('inserts dropout before the classifier only when asked', () => {
    const count = (rate: number) => make(18, rate).model.layers
        .filter((l) => l.getClassName() === 'Dropout').length;
    expect(count(0)).toBe(0);
    expect(count(0.5)).toBe(1);
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    tf.dispose(net.forward(x, { mix: { layer: 1, lam: 0.5,
      perm: new Int32Array([3, 2, 1, 0]) }, training: true }));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad depth and a bad width', () => {
    expect(() => createPreActResNet(new Rng(1), { depth: 50 as 18 }))
        .toThrow(/depth must be 18 or 34/);
    expect(() => createPreActResNet(new Rng(1), { width: 0 }))
        .toThrow(/width must be an integer >= 1/);
  });

  it('ends at the pooled 8w feature with pooledFeatures', () => {
    const features = createPreActResNet(new Rng(3), { width: 2,
      inputShape: SHAPE, pooledFeatures: true });
    const out = features.forward(x);
    expect(out.shape).toEqual([4, 16]);
    // After ReLU and averaging, every feature is >= 0.
    expect(out.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(features.maxMixPoint).toBe(3);
    out.dispose();
    features.dispose();
  });
});
