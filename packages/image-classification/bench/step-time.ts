/**
 * Step time of one training step of an image network on random data:
 * wall and process CPU seconds per step, ERM versus Manifold Mixup.
 * Usage: npx tsx packages/image-classification/bench/step-time.ts
 *   [--network preact18] [--width 16] [--batch 128] [--steps 5]
 *   [--backend wasm]
 */
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs-core';

import {
  createMethod, createOptimizer, findDropoutLayers,
  initBackend, mixedCrossEntropy, Rng, trainStep,
} from '@mixup/core';

import { createNetwork, resolveClassifyArgs } from '../src/index.js';

const { values } = parseArgs({ options: {
  network: { type: 'string', default: 'preact18' },
  width: { type: 'string', default: '16' },
  batch: { type: 'string', default: '128' },
  steps: { type: 'string', default: '5' },
  backend: { type: 'string', default: 'wasm' },
} });
const info = await initBackend({ backend: values.backend });
const batch = Number(values.batch);
const args = resolveClassifyArgs({ network: values.network as 'preact18',
  width: Number(values.width), epochs: 1 }, 28);
const rng = new Rng(1);
const network = createNetwork(args, [28, 28, 1], rng);
const x = tf.randomNormal([batch, 28, 28, 1], 0, 1, 'float32', 1);
const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2), 10)
    .toFloat();
console.log(`${info.line}; ${values.network} width ${values.width}, ` +
  `batch ${batch}, ${network.model.countParams()} parameters`);
for (const name of ['erm', 'manifold']) {
  const method = createMethod(name);
  const ctx = { network, method, rng, loss: mixedCrossEntropy,
    optimizer: createOptimizer({ lr: 0.01, weightDecay: 1e-4 }),
    dropoutLayers: findDropoutLayers(network) };
  trainStep(ctx, { x, y });
  const steps = Number(values.steps);
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) trainStep(ctx, { x, y });
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - wall0) / 1000 / steps;
  const cpuS = (cpu.user + cpu.system) / 1e6 / steps;
  console.log(`${name.padEnd(8)} ${wall.toFixed(3)} s/step wall  ` +
    `${cpuS.toFixed(3)} s/step cpu`);
}
const evalStart = performance.now();
const cpuE = process.cpuUsage();
tf.tidy(() => network.forward(x).dataSync());
const cpuEval = process.cpuUsage(cpuE);
console.log(`forward  ${((performance.now() - evalStart) / 1000).toFixed(3)}` +
  ` s/batch wall  ${((cpuEval.user + cpuEval.system) / 1e6).toFixed(3)} ` +
  's/batch cpu');
