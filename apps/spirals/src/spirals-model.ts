import * as tfl from '@tensorflow/tfjs-layers';

import { MixableNetwork, sequentialStage, type Rng } from '@mixup/core';

export interface SpiralNetArgs {
  /** Width of the hidden layers. @default 64 */
  width?: number;
  /** Width of the bottleneck, the mix point. @default 2 */
  bottleneck?: number;
  /** Dropout rate after each wide layer; 0 for none. @default 0 */
  dropoutRate?: number;
}

/**
 * The seed's MLP: 2 -> width -> width -> bottleneck -> width -> width -> 2,
 * with the bottleneck (linear, so that its plane is the hidden space) as
 * mix point 1. Weights are drawn from `rng`.
 */
export function createSpiralNet(rng: Rng, args: SpiralNetArgs = {}):
    MixableNetwork {
  const { width = 64, bottleneck = 2, dropoutRate = 0 } = args;
  const dense = (units: number, activation: 'relu' | 'linear') =>
    tfl.layers.dense({
      units, activation,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: rng.seed() }),
    });
  const wide = () => dropoutRate > 0 ?
      [dense(width, 'relu'), tfl.layers.dropout({ rate: dropoutRate })] :
      [dense(width, 'relu')];
  return new MixableNetwork({
    inputShape: [2],
    name: 'spiral_mlp',
    stages: [
      sequentialStage('encoder',
        [...wide(), ...wide(), dense(bottleneck, 'linear')]),
      sequentialStage('head', [...wide(), ...wide(), dense(2, 'linear')]),
    ],
  });
}
