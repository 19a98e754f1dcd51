/** A learning-rate schedule: the rate to use during a 0-based epoch. */
export type Schedule = (epoch: number) => number;

function checkRate(fn: string, lr: number): void {
  if (!(lr > 0) || !Number.isFinite(lr)) {
    throw new RangeError(`${fn}: lr must be > 0, but got ${lr}.`);
  }
}

/** A constant rate. */
export function constantSchedule(lr: number): Schedule {
  checkRate('constantSchedule', lr);
  return () => lr;
}

/**
 * Multiplies the rate by `gamma` at each milestone epoch, as the official
 * Manifold Mixup code does (lr 0.1, x0.1 at epochs 1000 and 1500 of 2000).
 *
 * @param milestones 0-based epochs at which the decay takes effect, ascending.
 */
export function stepSchedule(
    lr: number, milestones: readonly number[], gamma = 0.1): Schedule {
  checkRate('stepSchedule', lr);
  for (let i = 0; i < milestones.length; i++) {
    const m = milestones[i];
    if (!Number.isInteger(m) || m < 0 || (i > 0 && m <= milestones[i - 1])) {
      throw new RangeError(
        `stepSchedule: milestones must be ascending integers >= 0, but got ` +
        `[${milestones}].`);
    }
  }
  if (!(gamma > 0)) {
    throw new RangeError(`stepSchedule: gamma must be > 0, but got ${gamma}.`);
  }
  const steps = [...milestones];
  return (epoch) => lr * Math.pow(gamma, steps.filter((m) => epoch >= m).length);
}

/**
 * Cosine annealing from `lr` at epoch 0 to `minLr` at the last epoch.
 *
 * @param epochs Total number of epochs, >= 1.
 */
export function cosineSchedule(lr: number, epochs: number, minLr = 0): Schedule {
  checkRate('cosineSchedule', lr);
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new RangeError(
      `cosineSchedule: epochs must be an integer >= 1, but got ${epochs}.`);
  }
  if (!(minLr >= 0 && minLr < lr)) {
    throw new RangeError(
      `cosineSchedule: minLr must be in [0, lr), but got ${minLr}.`);
  }
  const span = Math.max(1, epochs - 1);
  return (epoch) => {
    const t = Math.min(epoch, span) / span;
    // A floor keeps the rate valid for optimisers that require lr > 0.
    return Math.max(minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * t)),
        lr * 1e-6);
  };
}
