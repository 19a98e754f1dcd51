/**
 * Lists the kernels that the forward and backward passes of the project's
 * networks run, and which of them the wasm backend lacks.
 * Run: npx tsx packages/wasm-kernels/bench/find-kernels.ts [--stock]
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';

import { registerWasmKernels } from '../src/index.js';

type Net = { name: string; build: () => () => tf.Scalar };

function imageNet(width: number, bnMomentum = 0.9): () => tf.Scalar {
  const input = tfl.input({ shape: [16, 16, 3] });
  let h = tfl.layers
    .conv2d({ filters: width, kernelSize: 3, padding: 'same' })
    .apply(input) as tfl.SymbolicTensor;
  for (const stride of [1, 2]) {
    const pre = tfl.layers.batchNormalization({ momentum: bnMomentum });
    let r = tfl.layers.activation({ activation: 'relu' })
      .apply(pre.apply(h)) as tfl.SymbolicTensor;
    const short = tfl.layers
      .conv2d({ filters: width, kernelSize: 1, strides: stride })
      .apply(r) as tfl.SymbolicTensor;
    r = tfl.layers
      .conv2d({ filters: width, kernelSize: 3, strides: stride,
        padding: 'same', useBias: false })
      .apply(r) as tfl.SymbolicTensor;
    r = tfl.layers.dropout({ rate: 0.3 }).apply(r) as tfl.SymbolicTensor;
    h = tfl.layers.add().apply([r, short]) as tfl.SymbolicTensor;
  }
  h = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.averagePooling2d({ poolSize: 2 })
    .apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.globalAveragePooling2d({}).apply(h) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 10 }).apply(h) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: out });
  const x = tf.randomNormal([4, 16, 16, 3]);
  const y = tf.oneHot(tf.tensor1d([1, 2, 3, 4], 'int32'), 10);
  const perm = tf.tensor1d([3, 2, 1, 0], 'int32');
  return () => {
    const logits = model.apply(x, { training: true }) as tf.Tensor;
    const mixed = tf.add(tf.mul(0.3, logits), tf.mul(0.7, tf.gather(logits, perm)));
    return tf.losses.softmaxCrossEntropy(y, mixed) as tf.Scalar;
  };
}

function gcn(): () => tf.Scalar {
  const n = 20;
  const x = tf.randomNormal([n, 8]);
  const src = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 19, 18], 'int32');
  const dst = tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 0, 3, 9], 'int32');
  const w1 = tf.variable(tf.randomNormal([8, 16]));
  const w2 = tf.variable(tf.randomNormal([16, 3]));
  const adj = tf.randomUniform([n, n]);
  const labels = tf.oneHot(
    tf.tensor1d([...Array(n).keys()].map((i) => i % 3), 'int32'), 3);
  return () => {
    let h = tf.matMul(x, w1);
    const msg = tf.gather(h, src);
    h = tf.relu(tf.add(h, tf.unsortedSegmentSum(msg, dst, n)));
    h = tf.matMul(adj, tf.matMul(h, w2));
    return tf.losses.softmaxCrossEntropy(labels, tf.logSoftmax(h)) as tf.Scalar;
  };
}

function crnn(cell: 'lstm' | 'gru'): () => tf.Scalar {
  const input = tfl.input({ shape: [16, 32, 1] });
  let h = tfl.layers.zeroPadding2d({ padding: 1 })
    .apply(input) as tfl.SymbolicTensor;
  h = tfl.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' })
    .apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.maxPooling2d({ poolSize: [2, 2] })
    .apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.permute({ dims: [2, 1, 3] }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.reshape({ targetShape: [16, 64] })
    .apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.conv1d({ filters: 16, kernelSize: 3, padding: 'same' })
    .apply(h) as tfl.SymbolicTensor;
  const rnn = cell === 'lstm'
    ? tfl.layers.lstm({ units: 8, returnSequences: true })
    : tfl.layers.gru({ units: 8, returnSequences: true });
  h = tfl.layers.bidirectional({ layer: rnn as never })
    .apply(h) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 5 }).apply(h) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: out });
  const x = tf.randomNormal([2, 16, 32, 1]);
  return () => {
    const logits = model.apply(x, { training: true }) as tf.Tensor;
    const lp = tf.logSoftmax(logits);
    const padded = tf.mirrorPad(lp, [[0, 0], [1, 1], [0, 0]], 'reflect');
    const tiled = tf.tile(tf.slice(padded, [0, 0, 0], [2, 4, 5]), [1, 2, 1]);
    const m = tf.logSumExp(tf.concat([tiled, tf.reverse(tiled, 1)], 2), 2);
    return tf.neg(tf.mean(tf.cumsum(m, 1)));
  };
}

const NETS: Net[] = [
  { name: 'preact-resnet', build: () => imageNet(8) },
  { name: 'wide-resnet', build: () => imageNet(16, 0.99) },
  { name: 'gcn', build: gcn },
  { name: 'crnn-lstm', build: () => crnn('lstm') },
  { name: 'crnn-gru', build: () => crnn('gru') },
];

async function kernelsRun(net: Net): Promise<Set<string>> {
  const loss = net.build();
  const names = new Set<string>();
  const info = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(loss);
    tf.dispose([value, ...Object.values(grads)]);
  });
  // Names ending in __op are customGrad scopes, not kernels.
  for (const k of info.kernels) {
    if (!k.name.endsWith('__op')) names.add(k.name);
  }
  return names;
}

async function main(): Promise<void> {
  const ours = process.argv.includes('--stock') ? [] : registerWasmKernels();
  const wasm = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
  console.log(`registered: ${ours.join(' ') || 'none (stock)'}`);
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const net of NETS) {
      try {
        const names = [...(await kernelsRun(net))].sort();
        const missing = names.filter((n) => !wasm.has(n));
        console.log(`${backend} ${net.name}: ${names.join(' ')}`);
        console.log(`${backend} ${net.name} missing on wasm: ${missing.join(' ')}`);
      } catch (e) {
        console.log(`${backend} ${net.name} FAILED: ${(e as Error).message}`);
      }
    }
  }
}

await main();
