import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';

import {
  registerWasmKernels,
  restoreStockKernels,
  WASM_KERNEL_NAMES,
} from './index.js';
import './test-helpers.js';

function wasmKernel(name: string): tf.KernelConfig | undefined {
  return tf.getKernel(name, 'wasm');
}

describe('registerWasmKernels', () => {
  afterAll(() => {
    registerWasmKernels();
  });

  it('serves kernels registered before the wasm backend started', async () => {
    // The import above registered them; the backend starts only now, so the
    // forwarded stock setupFunc must bind the C functions we call.
    expect(tf.engine().registry.wasm).toBeUndefined();
    await tf.setBackend('wasm');
    await tf.ready();
    const y = tf.matMul(tf.ones([3, 2]), tf.ones([3, 4]), true, false);
    expect(Array.from(y.dataSync())).toEqual(Array(8).fill(3));
    const dw = tf.engine().runKernel('Conv2DBackpropFilter',
      { x: tf.ones([1, 3, 3, 1]), dy: tf.ones([1, 3, 3, 1]) },
      { strides: 1, pad: 'same', filterShape: [3, 3, 1, 1] } as never,
    ) as tf.Tensor;
    expect(Array.from(dw.dataSync())).toEqual([4, 6, 4, 6, 9, 6, 4, 6, 4]);
    tf.dispose([y, dw]);
  });

  it('runs on import and returns the kernel names', () => {
    expect(wasmKernel('Conv2DBackpropFilter')).toBeDefined();
    expect(registerWasmKernels()).toEqual([...WASM_KERNEL_NAMES]);
    expect(WASM_KERNEL_NAMES).toContain('UnsortedSegmentSum');
  });

  it('is idempotent', () => {
    const before = WASM_KERNEL_NAMES.map(wasmKernel);
    registerWasmKernels();
    registerWasmKernels();
    expect(WASM_KERNEL_NAMES.map(wasmKernel)).toEqual(before);
  });

  it('lets restoreStockKernels put the stock kernels back', async () => {
    await tf.setBackend('wasm');
    await tf.ready();
    const ours = wasmKernel('BatchMatMul');
    expect(restoreStockKernels()).toEqual([...WASM_KERNEL_NAMES]);
    const stock = wasmKernel('BatchMatMul');
    expect(stock).toBeDefined();
    expect(stock).not.toBe(ours);
    expect(wasmKernel('Conv2DBackpropFilter')).toBeUndefined();
    const y = tf.matMul(tf.ones([2, 3]), tf.ones([4, 3]), false, true);
    expect(Array.from(y.dataSync())).toEqual(Array(8).fill(3));
    tf.dispose(y);
    registerWasmKernels();
    expect(wasmKernel('BatchMatMul')).not.toBe(stock);
    expect(restoreStockKernels()).toEqual([...WASM_KERNEL_NAMES]);
    expect(wasmKernel('BatchMatMul')).toBe(stock);
  });

});
