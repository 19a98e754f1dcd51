/**
 * Micro-benchmark: stock wasm kernels against this package's, per kernel.
 * Run: npx tsx packages/wasm-kernels/bench/kernels.ts [--quick]
 * Prints one row per case: stock ms, ours ms, speed-up and GFLOP/s.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';

import {
  registerWasmKernels,
  restoreStockKernels,
} from '../src/index.js';

interface Case {
  name: string;
  flops: number;
  make: () => tf.Tensor[];
  run: (inputs: tf.Tensor[]) => tf.Tensor;
}

const QUICK = process.argv.includes('--quick');
const MIN_MS = QUICK ? 200 : 1500;

function conv(b: number, h: number, ci: number, co: number, k: number,
  stride: number): Omit<Case, 'name' | 'run'> & { shapes: number[][] } {
  const ho = Math.ceil(h / stride);
  return {
    flops: 2 * b * ho * ho * k * k * ci * co,
    shapes: [[b, h, h, ci], [k, k, ci, co], [b, ho, ho, co]],
    make: () => [],
  };
}

function convCases(label: string, b: number, h: number, ci: number,
  co: number, k: number, stride: number): Case[] {
  const g = conv(b, h, ci, co, k, stride);
  const make = () => g.shapes.map((s) => tf.randomNormal(s));
  return [
    { name: `Conv2D ${label}`, flops: g.flops, make,
      run: ([x, w]) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride,
        'same') },
    { name: `Conv2DBackpropInput ${label}`, flops: g.flops, make,
      run: ([, w, dy]) => tf.conv2dTranspose(dy as tf.Tensor4D,
        w as tf.Tensor4D, g.shapes[0] as [number, number, number, number],
        stride, 'same') },
    { name: `Conv2DBackpropFilter ${label}`, flops: g.flops, make,
      run: ([x, , dy]) => tf.engine().runKernel('Conv2DBackpropFilter',
        { x, dy }, { strides: stride, pad: 'same', dataFormat: 'NHWC',
          filterShape: g.shapes[1] } as never) as tf.Tensor },
  ];
}

const MM = 2 * 128 * 784 * 512;
const CASES: Case[] = [
  { name: 'BatchMatMul 128x784 . 784x512', flops: MM,
    make: () => [tf.randomNormal([128, 784]), tf.randomNormal([784, 512])],
    run: ([a, b]) => tf.matMul(a, b) },
  { name: 'BatchMatMul transposeB (dense dX)', flops: MM,
    make: () => [tf.randomNormal([128, 784]), tf.randomNormal([512, 784])],
    run: ([a, b]) => tf.matMul(a, b, false, true) },
  { name: 'BatchMatMul transposeA (dense dW)', flops: MM,
    make: () => [tf.randomNormal([784, 128]), tf.randomNormal([784, 512])],
    run: ([a, b]) => tf.matMul(a, b, true, false) },
  { name: 'BatchMatMul 32x256 . 1024x256^T (LSTM)', flops: 2 * 32 * 256 * 1024,
    make: () => [tf.randomNormal([32, 256]), tf.randomNormal([1024, 256])],
    run: ([a, b]) => tf.matMul(a, b, false, true) },
  ...convCases('64x28x28x32->64 3x3 s1', 64, 28, 32, 64, 3, 1),
  ...convCases('64x28x28x32->64 3x3 s2', 64, 28, 32, 64, 3, 2),
  ...convCases('32x16x16x160->160 3x3 s1 (WRN)', 32, 16, 160, 160, 3, 1),
  ...convCases('64x32x32x3->16 3x3 s1 (stem)', 64, 32, 3, 16, 3, 1),
  { name: 'UnsortedSegmentSum 128x8192 (gather grad)', flops: 128 * 8192,
    make: () => [tf.randomNormal([128, 8192]),
      tf.tensor1d([...Array(128).keys()].reverse(), 'int32')],
    run: ([x, ids]) => tf.unsortedSegmentSum(x, ids as tf.Tensor1D, 128) },
  { name: 'MaxPoolGrad 64x28x28x64 2x2', flops: 64 * 28 * 28 * 64,
    make: () => [tf.randomNormal([64, 28, 28, 64]),
      tf.randomNormal([64, 14, 14, 64])],
    run: ([x, dy]) => tf.tidy(() => {
      const y = tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid');
      return tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y },
        { filterSize: 2, strides: 2, pad: 'valid' } as never) as tf.Tensor;
    }) },
  { name: 'AvgPoolGrad 64x28x28x64 2x2', flops: 64 * 28 * 28 * 64,
    make: () => [tf.randomNormal([64, 28, 28, 64]),
      tf.randomNormal([64, 14, 14, 64])],
    run: ([x, dy]) => tf.engine().runKernel('AvgPoolGrad',
      { dy, input: x }, { filterSize: 2, strides: 2, pad: 'valid' } as never,
    ) as tf.Tensor },
];

/** One call, synchronised by a read. */
function runOnce(c: Case, inputs: tf.Tensor[]): void {
  // NOTE: returning the values from tf.tidy would make tidy walk every
  // element looking for tensors, which costs more than many kernels.
  tf.tidy(() => {
    c.run(inputs).dataSync();
  });
}

/** Mean ms per call, or null when the kernel is missing. */
function time(c: Case, inputs: tf.Tensor[]): number | null {
  try {
    runOnce(c, inputs);
  } catch (e) {
    if (/not registered/.test((e as Error).message)) return null;
    throw e;
  }
  let reps = 0;
  const t0 = performance.now();
  while (reps < 2 || performance.now() - t0 < MIN_MS) {
    runOnce(c, inputs);
    reps++;
  }
  return (performance.now() - t0) / reps;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

await tf.setBackend('wasm');
await tf.ready();
console.log(row(['kernel', 'stock ms', 'ours ms', 'speed-up',
  'stock GFLOP/s', 'ours GFLOP/s']));
console.log(row(['---', '---:', '---:', '---:', '---:', '---:']));
for (const c of CASES) {
  const inputs = c.make();
  restoreStockKernels();
  const stock = time(c, inputs);
  registerWasmKernels();
  const ours = time(c, inputs);
  tf.dispose(inputs);
  const gf = (ms: number | null) =>
    ms == null ? '-' : (c.flops / ms / 1e6).toFixed(1);
  console.log(row([c.name, stock == null ? 'missing' : stock.toFixed(1),
    ours!.toFixed(1),
    stock == null ? '-' : `${(stock / ours!).toFixed(1)}x`, gf(stock),
    gf(ours)]));
}
