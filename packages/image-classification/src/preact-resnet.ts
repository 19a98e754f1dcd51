/**
 * PreActResNet-18 and -34 as the Manifold Mixup code trains them, split
 * into stages at the mix points. Manifold Mixup, arXiv 1806.05236
 * (Verma et al., ICML 2019); pre-activation ResNets, arXiv 1603.05027.
 */
import { MixableNetwork, type Rng, type Stage } from '@mixup/core';

import {
  blockGroup, chain, classifierHead, conv, pooledFeatureHead, run,
  type Block,
} from './preact-block.js';

/** Blocks per stage for each depth. */
export const PREACT_DEPTHS: Readonly<Record<18 | 34, readonly number[]>> =
  Object.freeze({ 18: [2, 2, 2, 2], 34: [3, 4, 6, 3] });

export interface PreActResNetArgs {
  /** 18 or 34. @default 18 */
  depth?: 18 | 34;
  /** Channels of the stem and the first stage; stages use w, 2w, 4w, 8w.
   * @default 64 (the paper's) */
  width?: number;
  /** One example, [H, W, C]. @default [32, 32, 3] */
  inputShape?: readonly [number, number, number];
  /** K. @default 10 */
  numClasses?: number;
  /** Dropout before the classifier; 0 = none. @default 0 */
  dropoutRate?: number;
  /**
   * End at the pooled feature [B, 8w] (BN-ReLU and global average
   * pooling, no dense layer), e.g. as a few-shot backbone; numClasses is
   * then unused. @default false
   */
  pooledFeatures?: boolean;
}

export const DEFAULT_PREACT_RESNET_ARGS: Readonly<Required<PreActResNetArgs>> =
  Object.freeze({
    depth: 18, width: 64, inputShape: [32, 32, 3] as const, numClasses: 10,
    dropoutRate: 0, pooledFeatures: false,
  });

/** Checks the arguments shared by the image networks. */
export function checkImageNetArgs(fn: string, width: number,
    inputShape: readonly number[], numClasses: number,
    dropoutRate: number): void {
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`${fn}: width must be an integer >= 1, but got ${width}.`);
  }
  if (inputShape.length !== 3 ||
      !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new RangeError(
      `${fn}: inputShape must be [H, W, C] of positive integers, but got ` +
      `[${inputShape}].`);
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new RangeError(
      `${fn}: numClasses must be an integer >= 2, but got ${numClasses}.`);
  }
  if (!(dropoutRate >= 0 && dropoutRate < 1)) {
    throw new RangeError(
      `${fn}: dropoutRate must be in [0, 1), but got ${dropoutRate}.`);
  }
}

function stage(name: string, block: Block): Stage {
  return { name, apply: block };
}

/**
 * Builds a PreActResNet: a 3x3 stem convolution, four stages of
 * pre-activation blocks at widths w, 2w, 4w, 8w with strides 1, 2, 2, 2,
 * then BN-ReLU, global average pooling and a dense layer (none with
 * `pooledFeatures`). Every weight is drawn from `rng`.
 *
 * Mix points: 0 the input, 1 after the first stage, 2 after the second,
 * 3 after the third (the paper mixes in {0, 1, 2}).
 *
 * Shapes: [B, H, W, C] -> logits [B, K] (features [B, 8w]); the hidden state at mix point
 * k >= 1 is [B, H / 2^(k-1), W / 2^(k-1), w * 2^(k-1)] (rounded up).
 */
export function createPreActResNet(rng: Rng,
    args: PreActResNetArgs = {}): MixableNetwork {
  const { depth, width, inputShape, numClasses, dropoutRate, pooledFeatures } =
      { ...DEFAULT_PREACT_RESNET_ARGS, ...args };
  if (depth !== 18 && depth !== 34) {
    throw new RangeError(
      `createPreActResNet: depth must be 18 or 34, but got ${depth}.`);
  }
  checkImageNetArgs('createPreActResNet', width, inputShape,
      pooledFeatures ? 2 : numClasses, dropoutRate);
  const counts = PREACT_DEPTHS[depth];
  const stem = conv(rng, width, 3, 1);
  const groups = counts.map((count, i) => blockGroup(rng, count,
    i === 0 ? width : width * 2 ** (i - 1), width * 2 ** i,
    i === 0 ? 1 : 2, 0));
  const head = pooledFeatures ? pooledFeatureHead() :
      classifierHead(rng, numClasses, dropoutRate);
  const first = chain(groups[0]);
  return new MixableNetwork({
    inputShape, name: `preact_resnet${depth}`,
    stages: [
      stage('stage1', (h, kw) =>
        first(run(stem, h, kw), kw)),
      stage('stage2', chain(groups[1])),
      stage('stage3', chain(groups[2])),
      stage('stage4', chain([...groups[3], head])),
    ],
  });
}
