/**
 * im2col on the wasm heap: each output pixel's receptive field becomes one
 * row, laid out (kh, kw, c) like a flattened [fh, fw, C, Co] filter.
 * Channel runs move with memmove (copyWithin), so the cost is memory
 * bandwidth, not a scalar loop.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

import { heapF32, offsetF32 } from './conv-util.js';
import type { ConvInfo } from './conv-util.js';

/** Copies n floats; below 16 a plain loop beats copyWithin's call cost. */
function copy(heap: Float32Array, dst: number, src: number, n: number) {
  if (n >= 16) {
    heap.copyWithin(dst, src, src + n);
    return;
  }
  for (let i = 0; i < n; i++) heap[dst + i] = heap[src + i];
}

/**
 * Fills one im2col row: the receptive field of output pixel (oh, ow) of
 * the image that starts at heap index `img`.
 */
function fillRow(
  heap: Float32Array,
  img: number,
  row: number,
  oh: number,
  ow: number,
  info: ConvInfo,
): void {
  const { inHeight, inWidth, inChannels: c } = info;
  const { filterHeight: fh, filterWidth: fw } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const w0 = ow * info.strideWidth - info.padInfo.left;
  const wholeRun = dw === 1 && w0 >= 0 && w0 + fw <= inWidth;
  let k = row;
  for (let kh = 0; kh < fh; kh++) {
    const ih = oh * info.strideHeight - info.padInfo.top + kh * dh;
    if (ih < 0 || ih >= inHeight) {
      heap.fill(0, k, k + fw * c);
      k += fw * c;
      continue;
    }
    const line = img + ih * inWidth * c;
    if (wholeRun) {
      copy(heap, k, line + w0 * c, fw * c);
      k += fw * c;
      continue;
    }
    for (let kw = 0; kw < fw; kw++, k += c) {
      const iw = w0 + kw * dw;
      if (iw < 0 || iw >= inWidth) heap.fill(0, k, k + c);
      else copy(heap, k, line + iw * c, c);
    }
  }
}

/**
 * Builds the im2col matrix of images [b0, b0 + nb) of x.
 *
 * @param x Forward input, shape [B, H, W, C], float32.
 * @param info Forward conv geometry (NHWC).
 * @returns Shape [nb * Ho * Wo, fh * fw * C], float32.
 */
export function im2col(
  backend: BackendWasm,
  x: TensorInfo,
  info: ConvInfo,
  b0: number,
  nb: number,
): TensorInfo {
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const { outHeight, outWidth } = info;
  const cols = backend.makeOutput([nb * outHeight * outWidth, k], 'float32');
  const heap = heapF32(backend);
  const imgSize = info.inHeight * info.inWidth * info.inChannels;
  let row = offsetF32(backend, cols);
  for (let b = b0; b < b0 + nb; b++) {
    const img = offsetF32(backend, x) + b * imgSize;
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++, row += k) {
        fillRow(heap, img, row, oh, ow, info);
      }
    }
  }
  return cols;
}
