import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';

/** Optimiser settings; SGD follows PyTorch's conventions. */
export interface OptimizerArgs {
  /** @default 'sgd' */
  name?: 'sgd' | 'adam';
  /** Initial learning rate. @default 0.1 */
  lr?: number;
  /** SGD momentum. @default 0.9 */
  momentum?: number;
  /** Nesterov momentum for SGD, as the official Manifold Mixup code. @default true */
  nesterov?: boolean;
  /** @default 0.9 */
  beta1?: number;
  /** @default 0.999 */
  beta2?: number;
  /** @default 1e-8 (PyTorch's default, not tfjs's 1e-7) */
  epsilon?: number;
  /** L2 penalty added to each gradient (PyTorch's weight_decay). @default 0 */
  weightDecay?: number;
}

/** An optimiser whose learning rate a schedule can change. */
export interface ScheduledOptimizer {
  readonly optimizer: tf.Optimizer;
  readonly args: Readonly<Required<OptimizerArgs>>;
  setLearningRate(lr: number): void;
  /** Releases the optimiser's state, all of it. */
  dispose(): void;
  /** Adds weight decay to `grads` and applies them. Disposes `grads`. */
  apply(grads: tf.NamedTensorMap, variables: readonly tf.Variable[]): void;
}

export const DEFAULT_OPTIMIZER_ARGS: Readonly<Required<OptimizerArgs>> =
  Object.freeze({
    name: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, beta1: 0.9,
    beta2: 0.999, epsilon: 1e-8, weightDecay: 0,
  });

function checkPositive(name: string, value: number, allowZero: boolean): void {
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) {
    throw new RangeError(
      `createOptimizer: ${name} must be ${allowZero ? '>= 0' : '> 0'}, ` +
      `but got ${value}.`);
  }
}

/**
 * Creates SGD (with momentum, optionally Nesterov) or Adam, with PyTorch's
 * coupled weight decay: grad += weightDecay * w before the update.
 */
export function createOptimizer(args: OptimizerArgs = {}): ScheduledOptimizer {
  const resolved = { ...DEFAULT_OPTIMIZER_ARGS, ...args };
  if (resolved.name !== 'sgd' && resolved.name !== 'adam') {
    throw new RangeError(
      `createOptimizer: name must be 'sgd' or 'adam', but got ` +
      `'${resolved.name}'.`);
  }
  checkPositive('lr', resolved.lr, false);
  checkPositive('momentum', resolved.momentum, true);
  checkPositive('weightDecay', resolved.weightDecay, true);
  checkPositive('epsilon', resolved.epsilon, false);
  const optimizer = resolved.name === 'adam' ?
      tf.train.adam(resolved.lr, resolved.beta1, resolved.beta2,
          resolved.epsilon) :
      resolved.momentum > 0 ?
      tf.train.momentum(resolved.lr, resolved.momentum, resolved.nesterov) :
      tf.train.sgd(resolved.lr);
  return {
    optimizer,
    args: Object.freeze(resolved),
    setLearningRate(lr: number): void {
      checkPositive('lr', lr, false);
      // NOTE: tfjs optimisers answer instanceof for any optimiser class
      // (Symbol.hasInstance), so the kind is told by its methods.
      const sgd = optimizer as Partial<tf.SGDOptimizer>;
      if (typeof sgd.setLearningRate === 'function') {
        // SGD and momentum keep -lr in a scalar that only the setter renews.
        sgd.setLearningRate(lr);
      } else {
        // NOTE: Adam has no setter; it reads this protected field each step.
        (optimizer as unknown as { learningRate: number }).learningRate = lr;
      }
    },
    dispose(): void {
      optimizer.dispose();
      // NOTE: MomentumOptimizer.dispose forgets SGD's -lr scalar.
      if (resolved.name === 'sgd' && resolved.momentum > 0) {
        tf.dispose((optimizer as unknown as { c: tf.Scalar }).c);
      }
    },
    apply(grads, variables): void {
      const decay = resolved.weightDecay;
      const decayed = decay === 0 ? grads : tf.tidy(() => {
        const out: tf.NamedTensorMap = {};
        for (const v of variables) {
          const g = grads[v.name];
          if (g !== undefined) out[v.name] = g.add(v.mul(decay));
        }
        return out;
      });
      optimizer.applyGradients(decayed as Record<string, tf.Variable>);
      tf.dispose(grads);
      if (decayed !== grads) tf.dispose(decayed);
    },
  };
}
