/**
 * Thin wrappers that run the wasm backend's own (stock) kernels on
 * TensorInfos inside another kernel, so that composed kernels reuse the
 * backend's XNNPACK and SIMD paths instead of scalar JavaScript.
 */
import * as tf from '@tensorflow/tfjs-core';
import type {
  DataType,
  KernelConfig,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Stock kernel configs saved before we replaced them, by kernel name. */
const STOCK = new Map<string, KernelConfig>();

/** Remembers the stock config of a kernel that is about to be replaced. */
export function saveStock(config: KernelConfig): void {
  if (!STOCK.has(config.kernelName)) STOCK.set(config.kernelName, config);
}

/** The saved stock config of a kernel, if it was replaced. */
export function savedStock(name: string): KernelConfig | undefined {
  return STOCK.get(name);
}

/** The stock wasm kernel `name`, whether or not ours replaced it. */
export function stockKernel(name: string): KernelConfig {
  const config = STOCK.get(name) ?? tf.getKernel(name, 'wasm');
  if (config == null) {
    throw new Error(`wasm-kernels: stock wasm kernel '${name}' is missing.`);
  }
  return config;
}

/** Runs a stock wasm kernel and returns its single output. */
export function runStock(
  name: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const out = stockKernel(name).kernelFunc({ inputs, backend, attrs });
  return (Array.isArray(out) ? out[0] : out) as TensorInfo;
}

/** Frees intermediates made inside a kernel (never the kernel's inputs). */
export function disposeAll(backend: BackendWasm, infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A TensorInfo that reads the same data under another shape (no copy). */
export function view(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Swaps the last two axes: [..., M, N] -> [..., N, M]. */
export function transposeLast2(
  backend: BackendWasm,
  x: TensorInfo,
): TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return runStock('Transpose', backend, { x }, { perm });
}

/** Non-transposed rank-2 or rank-3 matMul on the stock XNNPACK path. */
export function matMul(
  backend: BackendWasm,
  a: TensorInfo,
  b: TensorInfo,
): TensorInfo {
  return runStock('BatchMatMul', backend, { a, b }, {
    transposeA: false,
    transposeB: false,
  });
}

/** A zero-filled output of the given shape. */
export function zeros(
  backend: BackendWasm,
  shape: number[],
  dtype: DataType = 'float32',
): TensorInfo {
  const out = backend.makeOutput(shape, dtype);
  backend.typedArrayFromHeap(out).fill(0);
  return out;
}

/** A heap view of a float32 TensorInfo; re-take it after any allocation. */
export function f32(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}
