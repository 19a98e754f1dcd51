import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';

import { initBackend } from './init-backend.js';

afterEach(() => {
  delete process.env.MIXUP_BACKEND;
});

describe('initBackend', () => {
  it('falls back past the native backends and says why', async () => {
    const lines: string[] = [];
    const info = await initBackend(
      { logger: { info: (m) => lines.push(m), warn: () => {} } });
    expect(['node-gpu', 'node', 'wasm']).toContain(info.name);
    expect(lines).toEqual([info.line]);
    if (info.name === 'wasm') {
      expect(info.line).toMatch(
        /^backend: wasm \(node-gpu: not installed; node: not installed\)$/);
      expect(tf.getBackend()).toBe('wasm');
      // Stock tfjs-backend-wasm 4.22 cannot train a conv net without it.
      expect(info.extraKernels).toContain('Conv2DBackpropFilter');
    }
  });

  it('obeys a forced backend and MIXUP_BACKEND', async () => {
    expect((await initBackend({ backend: 'cpu' })).line)
        .toBe('backend: cpu (forced)');
    expect(tf.getBackend()).toBe('cpu');
    process.env.MIXUP_BACKEND = 'wasm';
    expect((await initBackend()).name).toBe('wasm');
  });

  it('rejects an unknown backend name by its source', async () => {
    await expect(initBackend({ backend: 'webgl' })).rejects.toThrow(
      "initBackend: backend must be one of node-gpu, node, wasm, cpu, but got 'webgl'.");
    process.env.MIXUP_BACKEND = 'gpu';
    await expect(initBackend()).rejects.toThrow(/MIXUP_BACKEND must be one of/);
  });
});
