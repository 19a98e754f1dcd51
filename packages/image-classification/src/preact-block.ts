/**
 * Pre-activation residual blocks (He et al., "Identity Mappings in Deep
 * Residual Networks", arXiv 1603.05027), the building block of the
 * networks Manifold Mixup trains (arXiv 1806.05236).
 */
import * as tfl from '@tensorflow/tfjs-layers';

import type { Rng, StageKwargs, StageTensor } from '@mixup/core';

/** Batch normalisation with PyTorch's defaults (momentum 0.1, eps 1e-5). */
export function batchNorm(): tfl.layers.Layer {
  // NOTE: tfjs counts momentum the other way round from PyTorch: 0.9 here
  // is PyTorch's 0.1, the official code's setting.
  return tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
}

/** A bias-free square convolution, He-normal initialised from `rng`. */
export function conv(rng: Rng, filters: number, kernelSize: number,
    strides = 1): tfl.layers.Layer {
  return tfl.layers.conv2d({
    filters, kernelSize, strides, padding: 'same', useBias: false,
    kernelInitializer: tfl.initializers.heNormal({ seed: rng.seed() }),
  });
}

/** Applies a layer to a concrete or a symbolic tensor. */
export function run(layer: tfl.layers.Layer, h: StageTensor | StageTensor[],
    kwargs: StageKwargs): StageTensor {
  return layer.apply(h as never, kwargs) as StageTensor;
}

/** One of a network's blocks, callable on concrete and symbolic tensors. */
export type Block = (h: StageTensor, kwargs: StageKwargs) => StageTensor;

export interface PreActBlockArgs {
  /** Channels of the block's input. */
  inChannels: number;
  /** Channels of its output. */
  channels: number;
  /** Stride of the first convolution (and of the shortcut). */
  strides: number;
  /** Dropout between the two convolutions, as in WRN; 0 = none. */
  dropoutRate: number;
}

/**
 * BN-ReLU-conv3x3-BN-ReLU-conv3x3 plus a shortcut. When the stride or the
 * width changes the shortcut is a 1x1 convolution of the pre-activated
 * input; otherwise it is the input itself.
 *
 * Shapes: [B, H, W, inChannels] -> [B, H / strides, W / strides, channels].
 */
export function preActBlock(rng: Rng, args: PreActBlockArgs): Block {
  const { inChannels, channels, strides, dropoutRate } = args;
  const bn1 = batchNorm();
  const relu1 = tfl.layers.reLU();
  const conv1 = conv(rng, channels, 3, strides);
  const bn2 = batchNorm();
  const relu2 = tfl.layers.reLU();
  const drop = dropoutRate > 0 ?
      tfl.layers.dropout({ rate: dropoutRate }) : null;
  const conv2 = conv(rng, channels, 3, 1);
  const projection = strides !== 1 || inChannels !== channels ?
      conv(rng, channels, 1, strides) : null;
  const add = tfl.layers.add();
  return (h, kwargs) => {
    const pre = run(relu1, run(bn1, h, kwargs), kwargs);
    const shortcut = projection === null ? h : run(projection, pre, kwargs);
    let out = run(conv1, pre, kwargs);
    out = run(relu2, run(bn2, out, kwargs), kwargs);
    if (drop !== null) out = run(drop, out, kwargs);
    out = run(conv2, out, kwargs);
    return run(add, [out, shortcut], kwargs);
  };
}

/**
 * A group of `count` blocks at one width; the first may downsample.
 *
 * @returns The blocks and the group's output channels.
 */
export function blockGroup(rng: Rng, count: number, inChannels: number,
    channels: number, strides: number, dropoutRate: number): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < count; i++) {
    blocks.push(preActBlock(rng, {
      inChannels: i === 0 ? inChannels : channels, channels,
      strides: i === 0 ? strides : 1, dropoutRate,
    }));
  }
  return blocks;
}

/**
 * The classifier head of a pre-activation network: BN-ReLU, global
 * average pooling, optional dropout, and a dense layer to K logits.
 *
 * Shapes: [B, H, W, C] -> [B, K].
 */
export function classifierHead(rng: Rng, numClasses: number,
    dropoutRate: number): Block {
  const features = pooledFeatureHead();
  const drop = dropoutRate > 0 ?
      tfl.layers.dropout({ rate: dropoutRate }) : null;
  const dense = tfl.layers.dense({
    units: numClasses,
    kernelInitializer: tfl.initializers.glorotUniform({ seed: rng.seed() }),
  });
  return (h, kwargs) => {
    let out = features(h, kwargs);
    if (drop !== null) out = run(drop, out, kwargs);
    return run(dense, out, kwargs);
  };
}

/** The last BN-ReLU and global average pooling: [B, H, W, C] -> [B, C]. */
export function pooledFeatureHead(): Block {
  const bn = batchNorm();
  const relu = tfl.layers.reLU();
  const pool = tfl.layers.globalAveragePooling2d({});
  return (h, kwargs) =>
    run(pool, run(relu, run(bn, h, kwargs), kwargs), kwargs);
}

/** A stage made of blocks applied in order. */
export function chain(blocks: readonly Block[]): Block {
  return (h, kwargs) => blocks.reduce((out, block) => block(out, kwargs), h);
}
