import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { registerWasmKernels } from './register.js';
import { relativeError, seededData, wasmDataIds } from './test-helpers.js';

const SHAPES: Record<string, number[]> = {
  w1: [3, 3, 3, 8],
  w2: [3, 3, 8, 8],
  w3: [1, 1, 8, 8],
  gamma: [8],
  beta: [8],
  dense: [2 * 2 * 8, 5],
  bias: [5],
};

/** Batchnorm in training mode over [B, H, W] with batch statistics. */
function batchNorm(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor) {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return tf.batchNorm(x, mean, variance, beta, gamma, 1e-3);
}

/** A small pre-activation conv net with mixup on its logits. */
function loss(v: Record<string, tf.Variable>, x: tf.Tensor4D,
  y: tf.Tensor2D): tf.Scalar {
  let h: tf.Tensor4D = tf.conv2d(x, v.w1 as tf.Tensor4D, 1, 'same');
  const r = tf.relu(batchNorm(h, v.gamma, v.beta)) as tf.Tensor4D;
  const branch = tf.conv2d(r, v.w2 as tf.Tensor4D, 2, 'valid');
  const short = tf.conv2d(r, v.w3 as tf.Tensor4D, 2, 'valid');
  h = tf.add(branch, tf.slice(short, [0, 0, 0, 0], branch.shape));
  h = tf.maxPool(tf.relu(h), 2, 1, 'same');
  h = tf.avgPool(h, 2, 2, 'valid');
  const flat = tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D;
  const logits = tf.add(tf.matMul(flat, v.dense), v.bias);
  const perm = tf.tensor1d([2, 0, 1], 'int32');
  const mixed = tf.add(tf.mul(0.3, logits),
    tf.mul(0.7, tf.gather(logits, perm)));
  return tf.losses.softmaxCrossEntropy(y, mixed) as tf.Scalar;
}

/** Every variable's gradient on `backend`, by name. */
async function gradsOn(backend: string): Promise<Record<string, Float32Array>> {
  await tf.setBackend(backend);
  const vars: Record<string, tf.Variable> = {};
  let seed = 31;
  for (const [name, shape] of Object.entries(SHAPES)) {
    const size = tf.util.sizeFromShape(shape);
    const init = tf.tensor(seededData(size, seed++), shape);
    vars[name] = tf.variable(init);
    init.dispose();
  }
  const x = tf.tensor4d(seededData(3 * 10 * 10 * 3, 40), [3, 10, 10, 3]);
  const y = tf.tidy(() =>
    tf.oneHot(tf.tensor1d([0, 3, 4], 'int32'), 5)) as tf.Tensor2D;
  const { value, grads } = tf.variableGrads(
    () => loss(vars, x, y), Object.values(vars));
  const out: Record<string, Float32Array> = {};
  for (const [name, v] of Object.entries(vars)) {
    out[name] = Float32Array.from(grads[v.name].dataSync());
  }
  tf.dispose([value, x, y, ...Object.values(grads), ...Object.values(vars)]);
  return out;
}

describe('a conv net with batchnorm, pooling and dense on wasm', () => {
  beforeAll(async () => {
    registerWasmKernels();
    await tf.ready();
  });

  it('gets the same gradients as on cpu', async () => {
    const ref = await gradsOn('cpu');
    const ours = await gradsOn('wasm');
    for (const name of Object.keys(SHAPES)) {
      expect(relativeError(ours[name], ref[name]), name).toBeLessThan(1e-4);
    }
  });

  it('leaks no tensors or heap buffers over repeated steps', async () => {
    await gradsOn('wasm');
    const tensors = tf.memory().numTensors;
    const buffers = wasmDataIds();
    for (let i = 0; i < 2; i++) await gradsOn('wasm');
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(buffers);
  });
});
