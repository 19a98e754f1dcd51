// Case preact18-w16-28px: PreActResNet18 training steps on a fixed random
// batch, as the peer's case_preact: SGD lr 0.1, Nesterov momentum 0.9,
// weight decay 1e-4, soft-target cross-entropy; manifold mixes at k in
// {0, 1, 2} with lambda ~ Beta(2, 2) and a random permutation.
import * as tf from '@tensorflow/tfjs-core';

import {
  createMethod, createOptimizer, findDropoutLayers, mixedCrossEntropy, Rng,
  trainStep,
} from '@mixup/core';
import type { Batch, StepContext } from '@mixup/core';
import { createPreActResNet } from '@mixup/image-classification';

import type { BuiltCase, CaseOptions } from './cases.js';

const IMAGE: readonly [number, number, number] = [28, 28, 1];
const CLASSES = 10;

/** A fixed random batch: x ~ N(0, 1) [B, 28, 28, 1], one-hot y [B, 10]. */
function randomBatch(rng: Rng, batch: number): Batch {
  return tf.tidy(() => {
    const x = tf.randomNormal([batch, ...IMAGE], 0, 1, 'float32', rng.seed());
    const labels = Int32Array.from({ length: batch },
      () => rng.int(CLASSES));
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).toFloat();
    return { x, y };
  });
}

/**
 * Builds the network, the optimiser and the batch once; ERM and manifold
 * share them, so that interleaved steps see the same weights and sizes.
 */
export function buildPreact(o: CaseOptions): BuiltCase {
  const rng = new Rng(o.seed);
  const network = createPreActResNet(rng, {
    depth: 18, width: o.width, inputShape: IMAGE, numClasses: CLASSES,
  });
  const optimizer = createOptimizer({
    name: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4,
  });
  const batch = randomBatch(rng, o.batch);
  const context = (name: 'erm' | 'manifold'): StepContext => ({
    network, optimizer, rng, loss: mixedCrossEntropy,
    // The core's defaults are the peer's: S = {0, 1, 2}, alpha = 2.
    method: createMethod(name),
    dropoutLayers: findDropoutLayers(network),
  });
  const steps: BuiltCase['steps'] = {};
  for (const key of o.keys) {
    if (key === 'erm' || key === 'manifold') {
      const ctx = context(key);
      steps[key] = () => {
        trainStep(ctx, batch);
      };
    }
  }
  return {
    steps, items: o.batch,
    dispose: () => {
      tf.dispose([batch.x, batch.y]);
      optimizer.optimizer.dispose();
      network.dispose();
    },
  };
}
