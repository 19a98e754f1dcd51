/**
 * Deliberately simple scalar-loop versions of the two training kernels that
 * the stock wasm backend lacks (Conv2DBackpropFilter, UnsortedSegmentSum):
 * the "first correct kernel" baseline that stock-versus-ours benchmarks
 * need, since stock wasm cannot train a conv net at all. Not for training.
 */
import * as tf from '@tensorflow/tfjs-core';
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-wasm';

import { convInfoFor } from './conv-util.js';

interface FilterArgs {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: NamedAttrMap;
}

interface SegmentArgs {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: BackendWasm;
  attrs: NamedAttrMap;
}

/** dW[kh, kw, c, o] = sum over b, oh, ow of x[b, ih, iw, c] dy[b, oh, ow, o]
 * (ih, iw the input pixel that tap (kh, kw) of output (oh, ow) reads). */
function naiveFilter({ inputs, backend, attrs }: FilterArgs): TensorInfo {
  const { x, dy } = inputs;
  const filterShape = attrs.filterShape as number[];
  const g = convInfoFor('Conv2DBackpropFilter', x.shape, filterShape, attrs);
  const [, h, w, ci] = x.shape;
  const [fh, fw, , co] = filterShape;
  const out = backend.makeOutput(filterShape, 'float32');
  // NOTE: views are taken after makeOutput, which may grow the heap.
  const dw = backend.typedArrayFromHeap(out) as Float32Array;
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy) as Float32Array;
  dw.fill(0);
  for (let b = 0; b < g.batchSize; b++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      for (let ow = 0; ow < g.outWidth; ow++) {
        const dyBase = ((b * g.outHeight + oh) * g.outWidth + ow) * co;
        for (let kh = 0; kh < fh; kh++) {
          const ih = oh * g.strideHeight - g.padInfo.top +
            kh * g.dilationHeight;
          if (ih < 0 || ih >= h) continue;
          for (let kw = 0; kw < fw; kw++) {
            const iw = ow * g.strideWidth - g.padInfo.left +
              kw * g.dilationWidth;
            if (iw < 0 || iw >= w) continue;
            const xBase = ((b * h + ih) * w + iw) * ci;
            const wBase = (kh * fw + kw) * ci * co;
            for (let c = 0; c < ci; c++) {
              const xv = xs[xBase + c];
              const wRow = wBase + c * co;
              for (let o = 0; o < co; o++) dw[wRow + o] += xv * dys[dyBase + o];
            }
          }
        }
      }
    }
  }
  return out;
}

/** out[s, ...] = sum of x[i, ...] over the i with segmentIds[i] = s. */
function naiveSegmentSum({ inputs, backend, attrs }: SegmentArgs): TensorInfo {
  const { x, segmentIds } = inputs;
  const numSegments = attrs.numSegments as number;
  const inner = x.shape.slice(1).reduce((a, d) => a * d, 1);
  const out = backend.makeOutput([numSegments, ...x.shape.slice(1)],
    x.dtype);
  const sums = backend.typedArrayFromHeap(out) as Float32Array | Int32Array;
  const xs = backend.typedArrayFromHeap(x) as Float32Array | Int32Array;
  const ids = backend.typedArrayFromHeap(segmentIds) as Int32Array;
  sums.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    // Out-of-range ids are dropped, as TensorFlow does.
    if (s < 0 || s >= numSegments) continue;
    for (let j = 0; j < inner; j++) sums[s * inner + j] += xs[i * inner + j];
  }
  return out;
}

const NAIVE_CONFIGS: Readonly<Record<string, KernelConfig>> = {
  Conv2DBackpropFilter: {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: naiveFilter as unknown as KernelFunc,
  },
  UnsortedSegmentSum: {
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: naiveSegmentSum as unknown as KernelFunc,
  },
};

function registerNaive(fn: string, name: string): string {
  const current = tf.getKernel(name, 'wasm');
  if (current === NAIVE_CONFIGS[name]) return name;
  if (current != null) {
    throw new Error(
      `${fn}: the wasm backend must lack '${name}', but one is registered ` +
        '(call restoreStockKernels() first).',
    );
  }
  tf.registerKernel(NAIVE_CONFIGS[name]);
  return name;
}

/**
 * Registers a scalar-loop Conv2DBackpropFilter on 'wasm' (NHWC, any
 * stride, padding and dilation). The backend must have none: call
 * `restoreStockKernels()` first, and `removeNaiveKernels()` before
 * `registerWasmKernels()` again. Idempotent.
 *
 * @returns The kernel name.
 */
export function registerNaiveConv2DBackpropFilter(): string {
  return registerNaive('registerNaiveConv2DBackpropFilter',
    'Conv2DBackpropFilter');
}

/**
 * Registers a scalar-loop UnsortedSegmentSum on 'wasm' (float32 or int32
 * x, segment ids of rank 1), the gradient of `gather`; same rules as
 * `registerNaiveConv2DBackpropFilter`.
 *
 * @returns The kernel name.
 */
export function registerNaiveUnsortedSegmentSum(): string {
  return registerNaive('registerNaiveUnsortedSegmentSum',
    'UnsortedSegmentSum');
}

/**
 * Unregisters whichever naive kernels are registered.
 *
 * @returns The names of the kernels removed.
 */
export function removeNaiveKernels(): string[] {
  const removed: string[] = [];
  for (const [name, config] of Object.entries(NAIVE_CONFIGS)) {
    if (tf.getKernel(name, 'wasm') === config) {
      tf.unregisterKernel(name, 'wasm');
      removed.push(name);
    }
  }
  return removed;
}
