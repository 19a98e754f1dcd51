/**
 * The S2M2 model: a backbone whose last stage is the feature, a class head
 * and a 4-way rotation head. S2M2, arXiv 1907.12087.
 */
import type * as tf from '@tensorflow/tfjs-core';

import type { MixableNetwork, Rng } from '@mixup/core';
import { createPreActResNet } from '@mixup/image-classification';

import { conv4FeatureSize, createConv4 } from './conv4.js';
import { createHead, type Head, type HeadKind } from './heads.js';
import { ROTATIONS } from './rotation-batch.js';

/** Conv-4, or PreActResNet-18 ending at its pooled feature. */
export const BACKBONES = ['conv4', 'preact18'] as const;
export type BackboneKind = (typeof BACKBONES)[number];

export interface FewShotModelArgs {
  /** Base classes K of the class head. */
  numClasses: number;
  /** @default 'conv4' */
  backbone?: BackboneKind;
  /**
   * Conv-4 filters per block, or the ResNet's base width w (stages w..8w,
   * feature D = 8w). @default 64
   */
  filters?: number;
  /** @default 'cosine' */
  head?: HeadKind;
  /** Cosine logit scale. @default 10 */
  scale?: number;
  /** Side of the square input images. @default 28 */
  imageSize?: number;
}

export interface FewShotModel {
  backbone: MixableNetwork;
  classHead: Head;
  /** Linear 4-way head on the same features. */
  rotationHead: Head;
  /** Feature width D. */
  featureSize: number;
}

/**
 * Builds the backbone with its two heads, every initialiser seeded by
 * `rng`. Mix points: 0 the input and 1 to 3 after the first three blocks
 * (Conv-4) or stages (PreActResNet-18). S2M2_R's published figures use
 * WRN-28-10; ours use these two.
 */
export function createFewShotModel(rng: Rng,
    args: FewShotModelArgs): FewShotModel {
  const size = args.imageSize ?? 28;
  const kind = args.backbone ?? 'conv4';
  const inputShape = [size, size, 1] as const;
  const filters = args.filters ?? 64;
  let backbone: MixableNetwork;
  switch (kind) {
    case 'conv4':
      backbone = createConv4(rng, { inputShape, filters });
      break;
    case 'preact18':
      backbone = createPreActResNet(rng, { depth: 18, width: filters,
        inputShape, pooledFeatures: true });
      break;
    default:
      throw new RangeError(
        `createFewShotModel: backbone must be one of ` +
        `${BACKBONES.join(', ')}, but got ${JSON.stringify(kind)}.`);
  }
  const featureSize = conv4FeatureSize(backbone);
  const classHead = createHead(rng, featureSize, args.numClasses,
    { kind: args.head ?? 'cosine', scale: args.scale ?? 10, name: 'class' });
  const rotationHead = createHead(rng, featureSize, ROTATIONS,
    { kind: 'linear', name: 'rotation' });
  return { backbone, classHead, rotationHead, featureSize };
}

/** Every weight of the model (trainable or not), in a stable order. */
export function modelWeights(model: FewShotModel): tf.Variable[] {
  return [
    ...model.backbone.model.weights.map((w) => w.read() as tf.Variable),
    ...model.classHead.variables, ...model.rotationHead.variables,
  ];
}

/** Releases the backbone and both heads. */
export function disposeFewShotModel(model: FewShotModel): void {
  model.backbone.dispose();
  model.classHead.dispose();
  model.rotationHead.dispose();
}
