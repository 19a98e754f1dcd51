// The forward pass of a line recogniser on batches of any width.
import * as tf from '@tensorflow/tfjs-core';
import { mixHidden, type MixableNetwork, type MixSpec } from '@mixup/core';

export interface ForwardLinesArgs {
  mix?: MixSpec | null;
  /** @default false */
  training?: boolean;
}

/**
 * Runs the network's stages on a batch of line images, mixing at one mix
 * point if asked: the same loop as MixableNetwork.forward, without its
 * fixed-width check, so that every batch can have its own width.
 *
 * @param x Line images, shape [B, H, W, 1], float32, ink 1 on 0.
 * @returns The last stage's output, e.g. logits [B, W / 4, V].
 */
export function forwardLines(
    network: MixableNetwork, x: tf.Tensor4D,
    args: ForwardLinesArgs = {}): tf.Tensor {
  // TODO: use network.forward once MixableNetwork accepts variable (null)
  // dims in inputShape; this copy of its loop must follow any change there.
  const [h, , c] = network.inputShape;
  if (x.rank !== 4 || x.shape[1] !== h || x.shape[3] !== c) {
    throw new Error(
      `forwardLines: x must have shape [B, ${h}, W, ${c}], but got ` +
      `[${x.shape}].`);
  }
  const mix = args.mix ?? null;
  if (mix !== null && (mix.layer < 0 || mix.layer > network.maxMixPoint)) {
    throw new RangeError(
      `forwardLines: mix point must be in [0, ${network.maxMixPoint}], but ` +
      `got ${mix.layer}.`);
  }
  const kwargs = { training: args.training ?? false };
  return tf.tidy(() => {
    const lam = mix === null ? 0 : mix.lam instanceof Float32Array ?
      tf.tensor1d(mix.lam) : mix.lam;
    const perm = mix === null ? null : mix.perm instanceof Int32Array ?
      tf.tensor1d(mix.perm, 'int32') : mix.perm;
    let hidden: tf.Tensor = mix?.layer === 0 ? mixHidden(x, lam, perm!) : x;
    network.stages.forEach((stage, i) => {
      hidden = stage.apply(hidden, kwargs) as tf.Tensor;
      if (mix?.layer === i + 1) hidden = mixHidden(hidden, lam, perm!);
    });
    return hidden;
  });
}
