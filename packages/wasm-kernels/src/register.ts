/**
 * Registers this package's kernels on the 'wasm' backend, replacing stock
 * ones where they exist (their configs are kept so that benchmarks can put
 * them back with `restoreStockKernels`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';

import { saveStock, savedStock } from './backend-ops.js';
import { batchMatMulConfig, fusedMatMulConfig } from './batch-mat-mul.js';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';

const CONFIGS: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  fusedMatMulConfig,
  unsortedSegmentSumConfig,
];

/** Names of the wasm kernels this package provides. */
export const WASM_KERNEL_NAMES: readonly string[] = Object.freeze(
  CONFIGS.map((c) => c.kernelName),
);

/** The config objects we registered, by kernel name. */
const REGISTERED = new Map<string, KernelConfig>();

function registerOne(config: KernelConfig): void {
  const name = config.kernelName;
  const current = tf.getKernel(name, 'wasm');
  if (current != null && current === REGISTERED.get(name)) return;
  if (current != null) {
    saveStock(current);
    tf.unregisterKernel(name, 'wasm');
  }
  // NOTE: the stock setupFunc binds the C function that our kernel may call
  // through the stock kernelFunc, so it must still run at backend start-up.
  const ours = { ...config, setupFunc: savedStock(name)?.setupFunc };
  tf.registerKernel(ours);
  REGISTERED.set(name, ours);
}

/**
 * Registers the fast and the missing wasm kernels (Conv2DBackpropFilter,
 * Conv2DBackpropInput, transposed BatchMatMul / _FusedMatMul,
 * UnsortedSegmentSum). Safe to call more than once, before or after
 * `tf.setBackend('wasm')`.
 *
 * @returns The names of the kernels that ours now serve.
 */
export function registerWasmKernels(): string[] {
  for (const config of CONFIGS) registerOne(config);
  return [...WASM_KERNEL_NAMES];
}

/**
 * Puts the stock wasm kernels back (and removes the ones the stock backend
 * lacks), for stock-versus-ours benchmarks.
 *
 * @returns The names of the kernels that were switched back.
 */
export function restoreStockKernels(): string[] {
  const restored: string[] = [];
  for (const [name, ours] of REGISTERED) {
    if (tf.getKernel(name, 'wasm') === ours) {
      tf.unregisterKernel(name, 'wasm');
      const stock = savedStock(name);
      if (stock != null) tf.registerKernel(stock);
      restored.push(name);
    }
    REGISTERED.delete(name);
  }
  return restored;
}
