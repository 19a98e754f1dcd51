// Times the CTC loss and its gradient, for comparison with the PyTorch peer:
//   npx tsx packages/text-recognition/bench/ctc.ts [--backend wasm|cpu]
//       [--implementation auto|ops|js]
//   /usr/bin/python3 ../shared/peers/pytorch_peer.py --case ctc-t64-b32-v80 \
//       --threads 2
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

import { ctcBenchCase, type CtcImplementation } from '../src/index.js';

const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const backend = option('--backend', 'wasm');
const implementation = option('--implementation', 'auto') as
  CtcImplementation;
await tf.setBackend(backend);
await tf.ready();
const bench = ctcBenchCase(0, implementation);
const [warmup, steps] = [3, 20];
for (let i = 0; i < warmup; i++) bench.step();
const start = performance.now();
for (let i = 0; i < steps; i++) bench.step();
const seconds = (performance.now() - start) / 1000 / steps;
bench.dispose();
console.log(JSON.stringify({
  case: bench.name, unit: bench.unit, value: 1 / seconds, backend,
  implementation,
  tfjs: tf.version_core,
}));
