/**
 * The S2M2 model: a backbone whose last stage is the feature, a class head
 * and a 4-way rotation head. S2M2, arXiv 1907.12087.
 */
import type * as tf from '@tensorflow/tfjs-core';

import type { MixableNetwork, Rng } from '@mixup/core';

import { conv4FeatureSize, createConv4 } from './conv4.js';
import { createHead, type Head, type HeadKind } from './heads.js';
import { ROTATIONS } from './rotation-batch.js';

export interface FewShotModelArgs {
  /** Base classes K of the class head. */
  numClasses: number;
  /** Conv-4 filters per block. @default 64 */
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

// TODO: a ResNet / WRN backbone with numbered mix points; S2M2_R's
// published figures use WRN-28-10, so ours compare only on Conv-4.

/** Builds Conv-4 with its two heads, every initialiser seeded by `rng`. */
export function createFewShotModel(rng: Rng,
    args: FewShotModelArgs): FewShotModel {
  const size = args.imageSize ?? 28;
  const backbone = createConv4(rng, { inputShape: [size, size, 1],
    filters: args.filters ?? 64 });
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
