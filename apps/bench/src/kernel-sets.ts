// The kernel sets a benchmark compares, switched within one process.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

import {
  registerNaiveConv2DBackpropFilter, registerNaiveUnsortedSegmentSum,
  registerWasmKernels, removeNaiveKernels, restoreStockKernels,
} from '@mixup/wasm-kernels';

export const KERNEL_SET_NAMES = ['ours', 'stock', 'cpu'] as const;
export type KernelSetName = typeof KERNEL_SET_NAMES[number];

/** The label printed in result lines, by set. */
export const KERNEL_SET_LABELS: Readonly<Record<KernelSetName, string>> =
  Object.freeze({
    ours: 'wasm+ours',
    // NOTE: stock wasm lacks both kernels, so it cannot train a conv net
    // (filter gradient) nor mix hidden states (gather gradient) at all.
    stock: 'wasm+stock(naive-filter,segsum)',
    cpu: 'cpu',
  });

/** One line per set that says what it is, for the start of a run. */
export const KERNEL_SET_NOTES: Readonly<Record<KernelSetName, string>> =
  Object.freeze({
    ours: 'wasm+ours: tfjs-backend-wasm 4.22.0 with @mixup/wasm-kernels',
    stock: 'wasm+stock(naive-filter,segsum): the stock wasm kernels, plus ' +
      'scalar-loop Conv2DBackpropFilter and UnsortedSegmentSum, which ' +
      'stock lacks',
    cpu: 'cpu: tfjs-backend-cpu 4.22.0 (plain JavaScript)',
  });

/** True for the slow sets that take the --stock-steps defaults. */
export function isSlowSet(name: KernelSetName): boolean {
  return name !== 'ours';
}

/** Switches the backend to one kernel set (and its registry, on wasm). */
export async function activateKernelSet(name: KernelSetName): Promise<void> {
  await setBackend(name === 'cpu' ? 'cpu' : 'wasm');
  if (name !== 'cpu') switchWasmKernels(name);
}

/**
 * Switches the wasm kernel registry between ours and stock, synchronously
 * and cheaply, so that runs can alternate sets step by step on the same
 * model and heap.
 */
export function switchWasmKernels(name: 'ours' | 'stock'): void {
  if (name === 'ours') {
    // The naive configs must go first, or registerWasmKernels would keep
    // them as the "stock" ones to restore later.
    removeNaiveKernels();
    registerWasmKernels();
  } else {
    restoreStockKernels();
    registerNaiveConv2DBackpropFilter();
    registerNaiveUnsortedSegmentSum();
  }
}

async function setBackend(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) {
    throw new Error(`bench: tfjs could not start the '${name}' backend.`);
  }
  await tf.ready();
}

/** What the switch check measured for one set. */
export interface SwitchCheck {
  /** Mean ms of a transposed matMul, [512, 128]^T . [512, 256]. */
  ms: number;
  /** The BatchMatMul kernel config that served it. */
  kernel: tf.KernelConfig | undefined;
}

/**
 * Times a transposed matMul (ours transposes first; stock takes a path
 * 10-35x slower) so that a run can show the switch took effect.
 */
export function checkSwitch(reps = 5): SwitchCheck {
  const [a, b] = [tf.randomNormal([512, 128], 0, 1, 'float32', 1),
    tf.randomNormal([512, 256], 0, 1, 'float32', 2)];
  const once = () => tf.tidy(() => {
    tf.matMul(a, b, true, false).dataSync();
  });
  once();
  const start = performance.now();
  for (let i = 0; i < reps; i++) once();
  const ms = (performance.now() - start) / reps;
  tf.dispose([a, b]);
  return { ms, kernel: tf.getKernel('BatchMatMul', tf.getBackend()) };
}
