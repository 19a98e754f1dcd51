/**
 * Shared geometry for the conv gradient kernels: attribute parsing, NHWC
 * checks and heap helpers that copy channel runs with memmove.
 */
import { backend_util } from '@tensorflow/tfjs-core';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type ConvInfo = backend_util.Conv2DInfo;

/**
 * Computes the forward conv geometry for a gradient kernel.
 *
 * @param kernel Kernel name, for error messages.
 * @param xShape Forward input shape [B, H, W, C].
 * @param filterShape Forward filter shape [fh, fw, C, Co].
 * @param attrs Kernel attrs: strides, pad, dataFormat, dimRoundingMode and
 *     an optional dilations (tfjs itself never passes one).
 */
export function convInfoFor(
  kernel: string,
  xShape: number[],
  filterShape: number[],
  attrs: NamedAttrMap,
): ConvInfo {
  const format = attrs.dataFormat ?? 'NHWC';
  if (format !== 'NHWC' && format !== 'channelsLast') {
    throw new Error(
      `${kernel}: only dataFormat 'NHWC' is supported on wasm, but got ` +
        `'${String(format)}'.`,
    );
  }
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides as number | [number, number],
    (attrs.dilations ?? 1) as number | [number, number],
    attrs.pad as backend_util.ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    false,
    'channelsLast',
  );
}

/** The whole wasm heap as float32, and a TensorInfo's offset into it. */
export function heapF32(backend: BackendWasm): Float32Array {
  const module = backend.wasm as unknown as { HEAPU8: Uint8Array };
  return new Float32Array(module.HEAPU8.buffer);
}

/** Index of a TensorInfo's first element in `heapF32`. */
export function offsetF32(backend: BackendWasm, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId)!.memoryOffset / 4;
}
