/**
 * The fully connected network of Manifold Mixup's flattening experiment
 * (arXiv 1806.05236, section 3 and Table 2): an MLP with a narrow hidden
 * layer whose per-class representations are analysed.
 */
import * as tfl from '@tensorflow/tfjs-layers';

import { MixableNetwork, sequentialStage, type Rng } from '@mixup/core';

export interface BottleneckMlpArgs {
  /** One example, e.g. [28, 28, 1]; flattened first. */
  inputShape: readonly number[];
  /** Width of the wide hidden layers. @default 512 */
  hidden?: number;
  /** Width of the bottleneck, mix point 2. @default 12 */
  bottleneck?: number;
  /** K. @default 10 */
  numClasses?: number;
}

/** The bottleneck's mix point. */
export const MLP_BOTTLENECK = 2;

/**
 * Builds flatten -> hidden -> hidden -> bottleneck -> hidden -> K, ReLU
 * after every wide layer. Mix points: 0 the input, 1 after the first
 * hidden layer, 2 the bottleneck.
 *
 * NOTE: the bottleneck is linear: with ReLU, a 12-unit layer trained at
 * lr 0.1 loses most of its units to dead ReLUs under ERM, and the
 * spectra then measure dead units rather than flattening.
 *
 * Shapes: [B, ...inputShape] -> logits [B, K]; hiddenAt(x, 2) is
 * [B, bottleneck].
 */
export function createBottleneckMlp(rng: Rng,
    args: BottleneckMlpArgs): MixableNetwork {
  const { inputShape, hidden = 512, bottleneck = 12, numClasses = 10 } = args;
  for (const [name, value] of [['hidden', hidden],
    ['bottleneck', bottleneck], ['numClasses', numClasses]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `createBottleneckMlp: ${name} must be an integer >= 1, but got ` +
        `${value}.`);
    }
  }
  const dense = (units: number, activation: 'relu' | 'linear') =>
    tfl.layers.dense({ units, activation,
      kernelInitializer: tfl.initializers.heNormal({ seed: rng.seed() }) });
  return new MixableNetwork({
    inputShape, name: 'bottleneck_mlp',
    stages: [
      sequentialStage('fc1', [tfl.layers.flatten(), dense(hidden, 'relu')]),
      sequentialStage('fc2',
        [dense(hidden, 'relu'), dense(bottleneck, 'linear')]),
      sequentialStage('head',
        [dense(hidden, 'relu'), dense(numClasses, 'linear')]),
    ],
  });
}
