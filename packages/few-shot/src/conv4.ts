/**
 * Conv-4, the usual few-shot backbone, as a network with mix points.
 * For S2M2 (Mangla et al., WACV 2020), arXiv 1907.12087.
 */
import * as tfl from '@tensorflow/tfjs-layers';

import { MixableNetwork, sequentialStage, type Rng } from '@mixup/core';

export interface Conv4Args {
  /** Shape of one image, [H, W, C]. @default [28, 28, 1] */
  inputShape?: readonly [number, number, number];
  /** Filters of every block. @default 64 */
  filters?: number;
  /** Convolution blocks. @default 4 */
  blocks?: number;
}

function convBlock(name: string, filters: number, rng: Rng,
    flatten: boolean): tfl.layers.Layer[] {
  const layers: tfl.layers.Layer[] = [
    tfl.layers.conv2d({
      name: `${name}_conv`, filters, kernelSize: 3, padding: 'same',
      useBias: false,
      kernelInitializer: tfl.initializers.heNormal({ seed: rng.seed() }),
    }),
    tfl.layers.batchNormalization({ name: `${name}_bn`, momentum: 0.9,
      epsilon: 1e-5 }),
    tfl.layers.reLU({ name: `${name}_relu` }),
    tfl.layers.maxPooling2d({ name: `${name}_pool`, poolSize: 2,
      strides: 2 }),
  ];
  if (flatten) layers.push(tfl.layers.flatten({ name: `${name}_flat` }));
  return layers;
}

/**
 * Builds Conv-4: `blocks` blocks of conv3x3 (no bias) + batch norm + ReLU
 * + 2x2 max-pool, one stage per block. Mix point 0 is the input, k in
 * 1..blocks-1 the output of block k. The last stage ends with a flatten,
 * so `forward` returns the feature, [B, D]; on 28x28 inputs the map is
 * 1x1 after four pools and D = filters.
 *
 * @param rng Seeds every initialiser.
 */
export function createConv4(rng: Rng, args: Conv4Args = {}): MixableNetwork {
  const inputShape = args.inputShape ?? [28, 28, 1];
  const filters = args.filters ?? 64;
  const blocks = args.blocks ?? 4;
  if (!Number.isInteger(filters) || filters < 1) {
    throw new RangeError(
      `createConv4: filters must be an integer >= 1, but got ${filters}.`);
  }
  if (!Number.isInteger(blocks) || blocks < 1 ||
      2 ** blocks > Math.min(inputShape[0], inputShape[1])) {
    throw new RangeError(
      `createConv4: blocks must be an integer >= 1 that the input ` +
      `[${inputShape}] can pool 2x that often, but got ${blocks}.`);
  }
  const stages = Array.from({ length: blocks }, (_, i) =>
    sequentialStage(`block${i + 1}`,
      convBlock(`block${i + 1}`, filters, rng, i === blocks - 1)));
  return new MixableNetwork({ inputShape, stages, name: 'conv4' });
}

/** The feature width of a Conv-4 on `inputShape`. */
export function conv4FeatureSize(network: MixableNetwork): number {
  const shape = network.model.outputs[0].shape;
  return shape[shape.length - 1] as number;
}
