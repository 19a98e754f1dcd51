/**
 * Conv2DBackpropFilter (the filter gradient of conv2d), missing from the
 * stock wasm backend: im2col of x in batch chunks, then one XNNPACK matMul
 * per chunk, dW = sum over chunks of cols^T dy.
 */
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

import {
  disposeAll,
  f32,
  matMul,
  transposeLast2,
  view,
} from './backend-ops.js';
import { convInfoFor, heapF32, offsetF32 } from './conv-util.js';
import type { ConvInfo } from './conv-util.js';
import { im2col } from './im2col.js';

/** im2col chunk size in floats (4 MiB): small enough to stay in cache. */
// TODO: pick the chunk from K and Co; at Wide-ResNet widths (K = 9 x 160)
// 1 Mi floats is 2 images and the product runs at half the conv's rate.
const CHUNK_FLOATS = 1 << 20;
let chunkFloats = CHUNK_FLOATS;

/** Shrinks the im2col chunk so that tests reach the chunked path. */
export function setChunkFloatsForTests(floats = CHUNK_FLOATS): void {
  chunkFloats = floats;
}

interface Args {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: NamedAttrMap;
}

/** True when x itself is the im2col matrix (1x1, stride 1, no pad). */
function isPointwise(info: ConvInfo): boolean {
  const p = info.padInfo;
  return info.filterHeight === 1 && info.filterWidth === 1 &&
    info.strideHeight === 1 && info.strideWidth === 1 &&
    p.top === 0 && p.left === 0 && p.bottom === 0 && p.right === 0;
}

/** Copies images [b0, b0 + nb) of dy out as [nb * Ho * Wo, Co]. */
function dyRows(
  backend: BackendWasm,
  dy: TensorInfo,
  b0: number,
  nb: number,
): TensorInfo {
  const [, ho, wo, co] = dy.shape;
  const image = ho * wo * co;
  // NOTE: a plain memmove; the stock Slice kernel is ~10x slower here.
  const rows = backend.makeOutput([nb * ho * wo, co], 'float32');
  const src = offsetF32(backend, dy) + b0 * image;
  heapF32(backend).copyWithin(offsetF32(backend, rows), src,
    src + nb * image);
  return rows;
}

/**
 * One chunk's share of dW, cols^T dy, shape [K, Co]. NOTE: cols is
 * transposed while it is still in cache, so that the operand XNNPACK packs
 * on every call is the narrow dy chunk; measured faster than dy^T cols.
 */
function chunkProduct(
  backend: BackendWasm,
  cols: TensorInfo,
  dyc: TensorInfo,
): TensorInfo {
  const colsT = transposeLast2(backend, cols);
  const out = matMul(backend, colsT, dyc);
  disposeAll(backend, [colsT]);
  return out;
}

function conv2DBackpropFilter({ inputs, backend, attrs }: Args): TensorInfo {
  const { x, dy } = inputs;
  const filterShape = attrs.filterShape as number[];
  const info = convInfoFor('Conv2DBackpropFilter', x.shape, filterShape, attrs);
  const k = filterShape[0] * filterShape[1] * filterShape[2];
  const co = filterShape[3];
  const pixels = info.outHeight * info.outWidth;
  const perChunk = isPointwise(info)
    ? info.batchSize
    : Math.max(1, Math.floor(chunkFloats / (pixels * k)));
  const chunked = perChunk < info.batchSize;

  let acc: TensorInfo | null = null;
  for (let b0 = 0; b0 < info.batchSize; b0 += perChunk) {
    const nb = Math.min(perChunk, info.batchSize - b0);
    const cols = isPointwise(info)
      ? view(x, [info.batchSize * pixels, k])
      : im2col(backend, x, info, b0, nb);
    const dyc = chunked
      ? dyRows(backend, dy, b0, nb)
      : view(dy, [info.batchSize * pixels, co]);
    const part = chunkProduct(backend, cols, dyc);
    disposeAll(backend, isPointwise(info) ? [] : [cols]);
    disposeAll(backend, chunked ? [dyc] : []);
    if (acc == null) {
      acc = part;
    } else {
      const sum = f32(backend, acc);
      const add = f32(backend, part);
      for (let i = 0; i < sum.length; i++) sum[i] += add[i];
      disposeAll(backend, [part]);
    }
  }
  acc!.shape = filterShape.slice(); // [K, Co] -> [fh, fw, C, Co]
  return acc!;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
