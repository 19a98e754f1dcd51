/**
 * Wide-ResNet-28-k (Zagoruyko and Komodakis, arXiv 1605.07146) as the
 * Manifold Mixup code trains it, split into stages at the mix points.
 * Manifold Mixup, arXiv 1806.05236 (Verma et al., ICML 2019).
 */
import { MixableNetwork, type Rng } from '@mixup/core';

import {
  blockGroup, chain, classifierHead, conv, run,
} from './preact-block.js';
import { checkImageNetArgs } from './preact-resnet.js';

export interface WideResNetArgs {
  /** 6n + 4; 28 gives 4 blocks per group. @default 28 */
  depth?: number;
  /** The widening factor k: groups use 16k, 32k, 64k channels. @default 10 */
  widen?: number;
  /** Channels of the stem. @default 16 */
  width?: number;
  /** One example, [H, W, C]. @default [32, 32, 3] */
  inputShape?: readonly [number, number, number];
  /** K. @default 10 */
  numClasses?: number;
  /** Dropout between each block's convolutions, as in WRN. @default 0 */
  dropoutRate?: number;
}

export const DEFAULT_WIDE_RESNET_ARGS: Readonly<Required<WideResNetArgs>> =
  Object.freeze({
    depth: 28, widen: 10, width: 16, inputShape: [32, 32, 3] as const,
    numClasses: 10, dropoutRate: 0,
  });

/**
 * Builds a WRN-d-k: a 3x3 stem with `width` channels, three groups of
 * (d - 4) / 6 pre-activation blocks at widths width*k, 2*width*k,
 * 4*width*k with strides 1, 2, 2, then BN-ReLU, pooling and a dense layer.
 *
 * Mix points: 0 the input, 1 after the first group, 2 after the second.
 *
 * Shapes: [B, H, W, C] -> logits [B, K].
 */
export function createWideResNet(rng: Rng,
    args: WideResNetArgs = {}): MixableNetwork {
  const { depth, widen, width, inputShape, numClasses, dropoutRate } =
      { ...DEFAULT_WIDE_RESNET_ARGS, ...args };
  if (!Number.isInteger(depth) || depth < 10 || (depth - 4) % 6 !== 0) {
    throw new RangeError(
      `createWideResNet: depth must be 6n + 4 with n >= 1, but got ${depth}.`);
  }
  if (!Number.isInteger(widen) || widen < 1) {
    throw new RangeError(
      `createWideResNet: widen must be an integer >= 1, but got ${widen}.`);
  }
  checkImageNetArgs('createWideResNet', width, inputShape, numClasses,
      dropoutRate);
  const n = (depth - 4) / 6;
  const stem = conv(rng, width, 3, 1);
  const widths = [width * widen, 2 * width * widen, 4 * width * widen];
  const groups = widths.map((channels, i) => blockGroup(rng, n,
    i === 0 ? width : widths[i - 1], channels, i === 0 ? 1 : 2,
    dropoutRate));
  const first = chain(groups[0]);
  const head = classifierHead(rng, numClasses, 0);
  return new MixableNetwork({
    inputShape, name: `wide_resnet${depth}_${widen}`,
    stages: [
      { name: 'group1',
        apply: (h, kw) => first(run(stem, h, kw), kw) },
      { name: 'group2', apply: chain(groups[1]) },
      { name: 'group3', apply: chain([...groups[2], head]) },
    ],
  });
}
