/**
 * UnsortedSegmentSum, missing from the stock wasm backend. It is the
 * gradient of gather (GatherV2), so mixup's batch permutation and every
 * graph network's message passing need it. One pass over x on the heap.
 */
import { util } from '@tensorflow/tfjs-core';
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
  TypedArray,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

import { zeros } from './backend-ops.js';

interface Args {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: BackendWasm;
  attrs: NamedAttrMap;
}

/** Adds row i of x into row ids[i] of out; ids out of range are dropped. */
function accumulate(
  out: TypedArray,
  xs: TypedArray,
  ids: TypedArray,
  inner: number,
  numSegments: number,
): void {
  for (let i = 0; i < ids.length; i++) {
    const seg = ids[i];
    if (seg < 0 || seg >= numSegments) continue;
    const dst = seg * inner;
    const src = i * inner;
    for (let j = 0; j < inner; j++) out[dst + j] += xs[src + j];
  }
}

function unsortedSegmentSum({ inputs, backend, attrs }: Args): TensorInfo {
  const { x, segmentIds } = inputs;
  const numSegments = attrs.numSegments as number;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new TypeError(
      `UnsortedSegmentSum: x must be float32 or int32, but got ${x.dtype}.`,
    );
  }
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = util.sizeFromShape(innerShape);
  const out = zeros(backend, [numSegments, ...innerShape], x.dtype);
  accumulate(
    backend.typedArrayFromHeap(out),
    backend.typedArrayFromHeap(x),
    backend.typedArrayFromHeap(segmentIds),
    inner,
    numSegments,
  );
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
