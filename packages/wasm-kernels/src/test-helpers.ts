/**
 * Helpers for this package's tests: seeded data, running one computation
 * on a chosen backend and comparing results. Not exported from the index.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; the union package would.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Uniform values in [-1, 1) from a seeded 32-bit LCG, deterministic. */
export function seededData(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

/** Runs `fn` on `backend` and returns its output values, leak-free. */
export async function valuesOn(
  backend: 'cpu' | 'wasm',
  fn: () => tf.Tensor,
): Promise<Float32Array> {
  await tf.setBackend(backend);
  await tf.ready();
  const out = tf.tidy(fn);
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return Float32Array.from(values);
}

/** max |a - ref| / max |ref| (0 when both are all zero). */
export function relativeError(a: Float32Array, ref: Float32Array): number {
  if (a.length !== ref.length) {
    throw new Error(`relativeError: lengths ${a.length} vs ${ref.length}.`);
  }
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Number of live buffers in the wasm backend's heap table. */
export function wasmDataIds(): number {
  return (tf.findBackend('wasm') as BackendWasm).numDataIds();
}
