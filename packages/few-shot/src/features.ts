/** Frozen backbone features of a whole image table. */
import * as tf from '@tensorflow/tfjs-core';

import type { MixableNetwork } from '@mixup/core';

import { imageBatch } from './base-set.js';

/**
 * Runs the backbone in inference mode over images, in chunks.
 *
 * @param images Pixels [N, S, S] uint8, ink 255.
 * @param size The side S.
 * @param chunk Images per forward pass. @default 500
 * @returns Features [N, D] as a Float32Array, and D.
 */
export function extractFeatures(backbone: MixableNetwork,
    images: Uint8Array, size: number, chunk = 500):
    { features: Float32Array; featureSize: number } {
  const n = images.length / (size * size);
  if (!Number.isInteger(n)) {
    throw new RangeError(`extractFeatures: images must hold whole ` +
      `${size}x${size} images, but got ${images.length} bytes.`);
  }
  let features = new Float32Array(0);
  let featureSize = 0;
  for (let from = 0; from < n; from += chunk) {
    const indices = Int32Array.from({ length: Math.min(chunk, n - from) },
      (_, i) => from + i);
    const out = tf.tidy(() =>
      backbone.forward(imageBatch({ size, images }, indices)));
    if (featureSize === 0) {
      featureSize = out.shape[1]!;
      features = new Float32Array(n * featureSize);
    }
    features.set(out.dataSync(), from * featureSize);
    out.dispose();
  }
  return { features, featureSize };
}
