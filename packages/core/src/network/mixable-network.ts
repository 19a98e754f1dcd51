import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';
import * as tfl from '@tensorflow/tfjs-layers';

import { mixHidden, type Lambda } from '../mixup/mix-hidden.js';

/** A concrete or a symbolic tensor: stages run on both. */
export type StageTensor = tf.Tensor | tfl.SymbolicTensor;

/** Keyword arguments passed to every layer of a stage. */
export interface StageKwargs {
  training?: boolean;
}

/**
 * One segment of a network between two mix points. `apply` must be built
 * from tfjs-layers layers only (`layer.apply(h, kwargs)`), so that the same
 * function builds the exportable graph on symbolic tensors and computes on
 * concrete ones.
 */
export interface Stage {
  readonly name: string;
  apply(h: StageTensor, kwargs: StageKwargs): StageTensor;
}

/** A mix as the forward pass takes it: tensors or their plain arrays. */
export interface MixSpec {
  /** Mix point k: 0 mixes the input, k mixes the output of stage k - 1. */
  layer: number;
  lam: number | Float32Array | tf.Tensor1D;
  perm: Int32Array | tf.Tensor1D;
}

export interface ForwardArgs {
  mix?: MixSpec | null;
  /** Training mode for dropout and batch normalisation. @default false */
  training?: boolean;
}

export interface MixableNetworkArgs {
  /**
   * Shape of one example, without the batch, e.g. [28, 28, 1] or [2];
   * null for a size that varies between batches, e.g. [32, null, 1] for
   * text lines of any width.
   */
  inputShape: readonly (number | null)[];
  /** The stages in order; mix point k sits before stage k. */
  stages: readonly Stage[];
  /** @default 'mixable' */
  name?: string;
}

/**
 * A model given as an ordered list of stages with numbered mix points
 * between them: point 0 is the input, point k the output of stage k - 1,
 * up to the input of the last stage (mixing the final output is not
 * allowed). The stages' layers also form a standard tfjs LayersModel,
 * `model`, which shares their weights and exports in the tfjs format.
 */
export class MixableNetwork {
  readonly inputShape: readonly (number | null)[];
  readonly stages: readonly Stage[];
  readonly model: tfl.LayersModel;

  constructor(args: MixableNetworkArgs) {
    const { inputShape, stages } = args;
    if (!Array.isArray(inputShape) || inputShape.length === 0 ||
        !inputShape.every((d) => d === null || (Number.isInteger(d) && d > 0))) {
      throw new RangeError(
        `MixableNetwork: inputShape must be positive integers or null, but got ` +
        `[${inputShape}].`);
    }
    if (!Array.isArray(stages) || stages.length === 0) {
      throw new RangeError(
        'MixableNetwork: stages must be a non-empty list, but got none.');
    }
    this.inputShape = [...inputShape];
    this.stages = [...stages];
    const input = tfl.input({ shape: [...inputShape] });
    let h: StageTensor = input;
    for (const stage of stages) h = stage.apply(h, {});
    this.model = tfl.model({
      inputs: input, outputs: h as tfl.SymbolicTensor,
      name: args.name ?? 'mixable',
    });
  }

  /** The largest valid mix point (the input of the last stage). */
  get maxMixPoint(): number {
    return this.stages.length - 1;
  }

  /** Trainable variables, in a stable order. */
  get trainableVariables(): tf.Variable[] {
    return this.model.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  /**
   * Runs the network, optionally mixing the batch at one mix point.
   *
   * @param x Input batch, shape [B, ...inputShape], float32.
   * @returns The last stage's output, e.g. logits [B, K].
   */
  forward(x: tf.Tensor, args: ForwardArgs = {}): tf.Tensor {
    this.checkInput(x);
    const mix = args.mix ?? null;
    if (mix !== null) this.checkMix(mix, x.shape[0]);
    const kwargs = { training: args.training ?? false };
    return tf.tidy(() => {
      const mixAt = mix === null ? -1 : mix.layer;
      const lam = mix === null ? 0 : toLambda(mix.lam);
      const perm = mix === null ? null : toPerm(mix.perm);
      let h = mixAt === 0 ? mixHidden(x, lam, perm!) : x;
      for (let i = 0; i < this.stages.length; i++) {
        h = this.stages[i].apply(h, kwargs) as tf.Tensor;
        if (mixAt === i + 1) h = mixHidden(h, lam, perm!);
      }
      return h;
    });
  }

  /**
   * The activations at mix point k (0 is the input itself), in inference
   * mode: for the flattening analysis and for plots of hidden spaces.
   */
  hiddenAt(x: tf.Tensor, layer: number): tf.Tensor {
    this.checkInput(x);
    this.checkLayer('MixableNetwork.hiddenAt', layer);
    return tf.tidy(() => {
      let h = x;
      for (let i = 0; i < layer; i++) {
        h = this.stages[i].apply(h, { training: false }) as tf.Tensor;
      }
      return h;
    });
  }

  /**
   * Runs the stages after mix point k on activations taken there, in
   * inference mode: e.g. the classifier head over a grid of the hidden
   * space.
   *
   * @param hidden Activations at mix point `layer`, shape [B, ...].
   */
  forwardFrom(hidden: tf.Tensor, layer: number): tf.Tensor {
    this.checkLayer('MixableNetwork.forwardFrom', layer);
    return tf.tidy(() => {
      let h = hidden;
      for (let i = layer; i < this.stages.length; i++) {
        h = this.stages[i].apply(h, { training: false }) as tf.Tensor;
      }
      return h;
    });
  }

  /** Releases the network's weights. */
  dispose(): void {
    this.model.dispose();
  }

  private checkInput(x: tf.Tensor): void {
    const rank = this.inputShape.length + 1;
    if (x.rank !== rank) {
      throw new Error(
        `MixableNetwork.forward: x must have rank ${rank} ` +
        `[B, ${shapeText(this.inputShape)}], but got rank ${x.rank} ` +
          `[${x.shape}].`);
    }
    for (let i = 0; i < this.inputShape.length; i++) {
      const want = this.inputShape[i];
      if (want !== null && x.shape[i + 1] !== want) {
        throw new Error(
          `MixableNetwork.forward: x must have shape ` +
          `[B, ${shapeText(this.inputShape)}], but got [${x.shape}].`);
      }
    }
  }

  private checkLayer(fn: string, layer: number): void {
    if (!Number.isInteger(layer) || layer < 0 || layer > this.maxMixPoint) {
      throw new RangeError(
        `${fn}: mix point must be an integer in [0, ${this.maxMixPoint}], ` +
        `but got ${layer}.`);
    }
  }

  private checkMix(mix: MixSpec, batch: number): void {
    this.checkLayer('MixableNetwork.forward', mix.layer);
    const permLength = mix.perm instanceof tf.Tensor ?
        mix.perm.shape[0] : mix.perm.length;
    if (permLength !== batch) {
      throw new Error(
        `MixableNetwork.forward: x and mix.perm disagree on batch size ` +
        `(${batch} vs ${permLength}).`);
    }
  }
}

function shapeText(shape: readonly (number | null)[]): string {
  return shape.map((d) => d ?? 'null').join(', ');
}

function toLambda(lam: number | Float32Array | tf.Tensor1D): Lambda {
  return lam instanceof Float32Array ? tf.tensor1d(lam) : lam;
}

function toPerm(perm: Int32Array | tf.Tensor1D): tf.Tensor1D {
  return perm instanceof Int32Array ? tf.tensor1d(perm, 'int32') : perm;
}

/** A stage that applies a list of layers in order. */
export function sequentialStage(
    name: string, layers: readonly tfl.layers.Layer[]): Stage {
  return {
    name,
    apply(h: StageTensor, kwargs: StageKwargs): StageTensor {
      let out = h;
      for (const layer of layers) {
        out = layer.apply(out as tf.Tensor, kwargs) as StageTensor;
      }
      return out;
    },
  };
}
