/**
 * Conv2DBackpropInput (the input gradient of conv2d, and conv2dTranspose)
 * as one forward XNNPACK Conv2D: the stride-spread, padded dy convolved with
 * the spatially flipped filter whose in/out channels are swapped. The stock
 * wasm kernel is a scalar loop, about 10x slower.
 */
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

import { disposeAll, runStock, zeros } from './backend-ops.js';
import { convInfoFor, heapF32, offsetF32 } from './conv-util.js';
import type { ConvInfo } from './conv-util.js';

interface Args {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: NamedAttrMap;
}

/** [fh, fw, Ci, Co] -> [fh, fw, Co, Ci], flipped along fh and fw. */
export function flipFilter(
  backend: BackendWasm,
  filter: TensorInfo,
): TensorInfo {
  const swapped = runStock('Transpose', backend, { x: filter }, {
    perm: [0, 1, 3, 2],
  });
  const flipped = runStock('Reverse', backend, { x: swapped }, {
    dims: [0, 1],
  });
  disposeAll(backend, [swapped]);
  return flipped;
}

/**
 * Places dy[b, i, j, :] at row top + i*sh, column left + j*sw of a zero
 * buffer [B, H + eh - 1, W + ew - 1, Co]; a 'valid' stride-1 conv of it
 * gives dx. Rows or columns that fall outside are dropped: they only met
 * padding in the forward pass.
 */
function spreadDy(
  backend: BackendWasm,
  dy: TensorInfo,
  info: ConvInfo,
  top: number,
  left: number,
): TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels: co } = info;
  const hp = info.inHeight + info.effectiveFilterHeight - 1;
  const wp = info.inWidth + info.effectiveFilterWidth - 1;
  const out = zeros(backend, [batchSize, hp, wp, co]);
  const heap = heapF32(backend);
  const src0 = offsetF32(backend, dy);
  const dst0 = offsetF32(backend, out);
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < outHeight; i++) {
      const r = top + i * info.strideHeight;
      if (r < 0 || r >= hp) continue;
      for (let j = 0; j < outWidth; j++) {
        const c = left + j * info.strideWidth;
        if (c < 0 || c >= wp) continue;
        const src = src0 + ((b * outHeight + i) * outWidth + j) * co;
        const dst = dst0 + ((b * hp + r) * wp + c) * co;
        heap.copyWithin(dst, src, src + co);
      }
    }
  }
  return out;
}

function conv2DBackpropInput({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, filter } = inputs;
  const info = convInfoFor(
    'Conv2DBackpropInput',
    attrs.inputShape as number[],
    filter.shape,
    attrs,
  );
  const eh = info.effectiveFilterHeight;
  const ew = info.effectiveFilterWidth;
  const top = eh - 1 - info.padInfo.top;
  const left = ew - 1 - info.padInfo.left;
  const bottom = info.inHeight + eh - 1 - top -
    ((info.outHeight - 1) * info.strideHeight + 1);
  const right = info.inWidth + ew - 1 - left -
    ((info.outWidth - 1) * info.strideWidth + 1);
  const direct = info.strideHeight === 1 && info.strideWidth === 1 &&
    Math.min(top, left, bottom, right) >= 0;

  const flipped = flipFilter(backend, filter);
  // TODO: split stride-s cases into s*s stride-1 convs (polyphase); the
  // zero-spread dy does s*s times the needed work, 4x for stride 2.
  const x = direct ? dy : spreadDy(backend, dy, info, top, left);
  const pad = direct
    ? [[0, 0], [top, bottom], [left, right], [0, 0]]
    : 'valid';
  const dx = runStock('Conv2D', backend, { x, filter: flipped }, {
    strides: 1,
    pad,
    dataFormat: 'NHWC',
    dilations: [info.dilationHeight, info.dilationWidth],
  });
  disposeAll(backend, direct ? [flipped] : [flipped, x]);
  return dx;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
