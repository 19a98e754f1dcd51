// A fixed CTC workload for speed benchmarks, the same as the PyTorch
// peer's case 'ctc-t64-b32-v80': loss and gradient for T=64, B=32, V=80.
import * as tf from '@tensorflow/tfjs-core';

import '../util/register-ops.js';

import { ctcLoss, type CtcImplementation } from './ctc-loss.js';

/** One benchmark case: `step()` runs once per timed call. */
export interface CtcBenchCase {
  readonly name: string;
  readonly unit: 'calls/s';
  /** Loss and gradient of one batch; blocks until the values are ready. */
  step(): void;
  dispose(): void;
}

/**
 * Builds the 'ctc-t64-b32-v80' case: random logits [64, 32, 80], labels of
 * length 20 drawn from 1..79 (blank 0), every input length 64, a
 * log-softmax, the 'mean' reduction with zeroInfinity, and the gradient.
 *
 * @param seed Seed of the logits and labels; @default 0
 * @param implementation Where the recursions run; @default 'auto'
 */
export function ctcBenchCase(
    seed = 0, implementation: CtcImplementation = 'auto'): CtcBenchCase {
  const [t, b, v, length] = [64, 32, 80, 20];
  const logits = tf.randomNormal([t, b, v], 0, 1, 'float32', seed);
  let state = seed >>> 0;
  const nextId = () => {
    // A small linear congruential draw; the ids need no statistical care.
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return 1 + (state % (v - 1));
  };
  const labels = Array.from({ length: b }, () =>
    Array.from({ length }, nextId));
  const inputLengths = new Array<number>(b).fill(t);
  const loss = (x: tf.Tensor) => ctcLoss(
      tf.logSoftmax(x, 2), labels, inputLengths,
      { reduction: 'mean', zeroInfinity: true, implementation });
  return {
    name: 'ctc-t64-b32-v80',
    unit: 'calls/s',
    step() {
      tf.tidy(() => tf.grad(loss)(logits).dataSync());
    },
    dispose() {
      logits.dispose();
    },
  };
}
