import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { useWasm } from './test-backend.js';
import { createWideResNet } from './wide-resnet.js';

await useWasm();

describe('createWideResNet', () => {
  const net = createWideResNet(new Rng(5), { depth: 28, widen: 1,
    width: 2, inputShape: [8, 8, 3], numClasses: 10, dropoutRate: 0.3 });
  const x = tf.randomNormal([3, 8, 8, 3], 0, 1, 'float32', 1);

  it('maps [B, H, W, C] to logits [B, K]', () => {
    const logits = net.forward(x);
    expect(logits.shape).toEqual([3, 10]);
    logits.dispose();
  });

  it('has mix points 0..2 after the first two groups', () => {
    expect(net.maxMixPoint).toBe(2);
    const shapes = [0, 1, 2].map((k) => {
      const h = net.hiddenAt(x, k);
      const shape = h.shape;
      // Mix point 0 is the input tensor itself.
      if (h !== x) h.dispose();
      return shape;
    });
    expect(shapes).toEqual([[3, 8, 8, 3], [3, 8, 8, 2], [3, 4, 4, 4]]);
  });

  it('has 4 blocks per group at depth 28, with dropout in each', () => {
    const layers = net.model.layers;
    const convs3 = layers.filter((l) => l.getClassName() === 'Conv2D' &&
      (l.getConfig().kernelSize as number[])[0] === 3).length;
    expect(convs3).toBe(1 + 2 * 12);
    expect(layers.filter((l) => l.getClassName() === 'Dropout').length)
        .toBe(12);
  });

  it('mixes at each point', () => {
    const perm = new Int32Array([2, 0, 1]);
    for (let layer = 0; layer <= 2; layer++) {
      const out = net.forward(x, { mix: { layer, lam: 0.4, perm } });
      expect(out.shape).toEqual([3, 10]);
      out.dispose();
    }
  });

  it('rejects a depth that is not 6n + 4', () => {
    expect(() => createWideResNet(new Rng(1), { depth: 27 }))
        .toThrow(/6n \+ 4/);
  });
});
