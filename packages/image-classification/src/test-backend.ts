import { initBackend } from '@mixup/core';

/** Starts the wasm backend (with this project's gradient kernels). */
export async function useWasm(): Promise<void> {
  const info = await initBackend({ backend: 'wasm' });
  if (!info.extraKernels.includes('Conv2DBackpropFilter')) {
    throw new Error('useWasm: Conv2DBackpropFilter is not registered.');
  }
}
