/**
 * A small CRNN for text lines with numbered mix points between its blocks.
 * Manifold Mixup for CTC line recognition, after Moysset and Messina,
 * ICDAR 2019, arXiv 1903.04246 (https://arxiv.org/abs/1903.04246).
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { MixableNetwork, sequentialStage, type Rng } from '@mixup/core';

export interface CrnnArgs {
  /** Line image height H in pixels, a multiple of 8. @default 32 */
  height?: number;
  /** V: the characters plus the blank (Charset.vocabularySize). */
  vocabularySize: number;
  /** Filters of the three convolutional blocks. @default [16, 32, 64] */
  channels?: readonly number[];
  /** Width of the 1-D convolutional sequence model. @default 128 */
  hidden?: number;
}

export const DEFAULT_CRNN_ARGS = Object.freeze({
  height: 32, channels: [16, 32, 64] as readonly number[], hidden: 128,
});

/** Horizontal downsampling: one output frame per this many columns. */
export const CRNN_FRAME_WIDTH = 4;

function convBlock(
    name: string, filters: number, strides: [number, number],
    rng: Rng): tfl.layers.Layer[] {
  // NOTE: strided convolutions instead of conv + max-pool, and no batch
  // normalisation: on the wasm backend the pooling and normalisation
  // gradients cost more than the convolutions themselves.
  const he = () => tfl.initializers.heNormal({ seed: rng.seed() });
  return [
    tfl.layers.conv2d({
      filters, kernelSize: 3, strides, padding: 'same', activation: 'relu',
      kernelInitializer: he(), name: `${name}_conv`,
    }),
  ];
}

function sequenceStage(
    height: number, channels: number, hidden: number, vocab: number,
    rng: Rng): tfl.layers.Layer[] {
  const rows = height / 8;
  const glorot = () => tfl.initializers.glorotUniform({ seed: rng.seed() });
  return [
    // [B, H/8, T, C] -> [B, T, H/8, C] -> [B, T, H/8 * C]
    tfl.layers.permute({ dims: [2, 1, 3], name: 'collapse_permute' }),
    tfl.layers.reshape({ targetShape: [-1, rows * channels],
      name: 'collapse_reshape' }),
    tfl.layers.dense({ units: hidden, activation: 'relu',
      kernelInitializer: glorot(), name: 'seq_in' }),
    tfl.layers.conv1d({ filters: hidden, kernelSize: 5, padding: 'same',
      activation: 'relu', kernelInitializer: glorot(), name: 'seq_conv1' }),
    tfl.layers.conv1d({ filters: hidden, kernelSize: 5, padding: 'same',
      activation: 'relu', kernelInitializer: glorot(), name: 'seq_conv2' }),
    tfl.layers.dense({ units: vocab, kernelInitializer: glorot(),
      name: 'logits' }),
  ];
}

/**
 * Builds the CRNN as a MixableNetwork of four stages: three convolutional
 * blocks (a 3x3 convolution with ReLU, strided 2x2, 2x2 and 2x1) and a
 * sequence stage (height collapsed into features, a dense layer, two 1-D
 * convolutions over time, per-frame logits over V). Mix points: 0 the
 * input, 1 to 3 the outputs of blocks 1 to 3.
 *
 * Shapes: input [B, H, W, 1] (ink 1 on 0), any W from batch to batch (a
 * multiple of 4 keeps every column); output logits [B, ceil(W / 4), V];
 * apply a log-softmax for CTC. The exported LayersModel keeps W free too.
 *
 * @param rng Seeds the weight initialisers.
 */
export function createCrnn(args: CrnnArgs, rng: Rng): MixableNetwork {
  const height = args.height ?? DEFAULT_CRNN_ARGS.height;
  const channels = args.channels ?? DEFAULT_CRNN_ARGS.channels;
  const hidden = args.hidden ?? DEFAULT_CRNN_ARGS.hidden;
  if (!Number.isInteger(height) || height < 8 || height % 8 !== 0) {
    throw new RangeError(
      `createCrnn: height must be a positive multiple of 8, but got ` +
      `${height}.`);
  }
  if (!Number.isInteger(args.vocabularySize) || args.vocabularySize < 2) {
    throw new RangeError(
      `createCrnn: vocabularySize must be an integer >= 2, but got ` +
      `${args.vocabularySize}.`);
  }
  if (channels.length !== 3 || !channels.every((c) => c >= 1)) {
    throw new RangeError(
      `createCrnn: channels must be 3 positive integers, but got ` +
      `[${channels}].`);
  }
  const strides: [number, number][] = [[2, 2], [2, 2], [2, 1]];
  const stages = channels.map((c, i) => sequentialStage(`block${i + 1}`,
      convBlock(`block${i + 1}`, c, strides[i], rng)));
  stages.push(sequentialStage('sequence', sequenceStage(
      height, channels[2], hidden, args.vocabularySize, rng)));
  return new MixableNetwork({
    inputShape: [height, null, 1], stages, name: 'crnn',
  });
}
