import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

import type { MixDraw } from '../mixup/draw-mix.js';
import { drawMix } from '../mixup/draw-mix.js';
import { mixTargets, type Lambda } from '../mixup/mix-hidden.js';
import type { Method } from '../mixup/methods.js';
import {
  binaryCrossEntropyOnSoftmax, softCrossEntropy,
} from '../losses/soft-cross-entropy.js';
import type { MixableNetwork } from '../network/mixable-network.js';
import type { Rng } from '../random/rng.js';
import type { ScheduledOptimizer } from './optimizer.js';
import type { Batch } from './train-data.js';

/** A batch's mix as tensors, as the loss sees it. */
export interface MixTensors {
  layer: number;
  lam: Lambda;
  perm: tf.Tensor1D;
}

/**
 * The training loss of one batch's output. `mix` is null when the batch
 * was not mixed; otherwise the output belongs to the mixed batch and the
 * loss must mix the targets (or the losses) with the same lam and perm.
 */
export type TrainLoss =
  (output: tf.Tensor, batch: Batch, mix: MixTensors | null) => tf.Scalar;

/**
 * Soft cross-entropy against the mixed targets: for cross-entropy this
 * equals the lambda-weighted average of the two targets' losses.
 */
export const mixedCrossEntropy: TrainLoss = (output, batch, mix) => {
  const targets = mix === null ? batch.y :
      mixTargets(batch.y as tf.Tensor2D, mix.lam, mix.perm);
  return softCrossEntropy(output, targets) as tf.Scalar;
};

/**
 * Binary cross-entropy on the softmax against the mixed targets, the loss
 * the official Manifold Mixup code trains with.
 */
export const mixedBinaryCrossEntropy: TrainLoss = (output, batch, mix) => {
  const targets = mix === null ? batch.y :
      mixTargets(batch.y as tf.Tensor2D, mix.lam, mix.perm);
  return binaryCrossEntropyOnSoftmax(output, targets) as tf.Scalar;
};

/** Everything one step needs; built once per `fit`. */
export interface StepContext {
  network: MixableNetwork;
  optimizer: ScheduledOptimizer;
  method: Method;
  rng: Rng;
  loss: TrainLoss;
  /** Dropout layers, reseeded from `rng` before every step. */
  dropoutLayers: ReadonlyArray<{ seed?: number }>;
}

/** The model's dropout layers, so that each step draws fresh masks. */
export function findDropoutLayers(
    network: MixableNetwork): Array<{ seed?: number }> {
  // NOTE: tfjs's Dropout draws its mask from a fixed `seed` if one is set,
  // the same mask every call, or from Math.random otherwise; setting a new
  // seed from the run's generator before each step gives fresh masks that
  // the run's seed still decides.
  return network.model.layers.filter(
    (layer) => layer.getClassName().endsWith('Dropout')) as
    unknown as Array<{ seed?: number }>;
}

function toMixTensors(draw: MixDraw): MixTensors {
  return {
    layer: draw.layer,
    lam: typeof draw.lam === 'number' ? draw.lam : tf.tensor1d(draw.lam),
    perm: tf.tensor1d(draw.perm, 'int32'),
  };
}

/**
 * One optimisation step on one batch: draw the mix (k, lambda, perm),
 * run the mixed forward pass, take gradients of the loss with respect to
 * every trainable variable (below k too) and apply them.
 *
 * @returns The batch loss.
 */
export function trainStep(ctx: StepContext, batch: Batch): number {
  const { network, method, rng } = ctx;
  const draw = drawMix(rng, method, batch.x.shape[0]);
  const noiseSeed = method.inputNoiseStd > 0 ? rng.seed() : 0;
  for (const layer of ctx.dropoutLayers) layer.seed = rng.seed();
  const variables = network.trainableVariables;
  const { value, grads } = tf.tidy(() => {
    const mix = draw === null ? null : toMixTensors(draw);
    return tf.variableGrads(() => {
      let x = batch.x;
      if (method.inputNoiseStd > 0) {
        x = x.add(tf.randomNormal(x.shape, 0, method.inputNoiseStd,
            'float32', noiseSeed));
      }
      const output = network.forward(x, { mix, training: true });
      return ctx.loss(output, batch, mix);
    }, variables);
  });
  ctx.optimizer.apply(grads, variables);
  const loss = value.dataSync()[0];
  value.dispose();
  return loss;
}
