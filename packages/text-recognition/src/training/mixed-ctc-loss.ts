/**
 * The CTC training loss of a possibly mixed batch. Label sequences cannot
 * be averaged, so the loss is: lam * CTC(out, yA) + (1 - lam) * CTC(out, yB)
 * (Moysset and Messina, ICDAR 2019, arXiv 1903.04246).
 */
import * as tf from '@tensorflow/tfjs-core';
import { pairLoss, type MixDraw } from '@mixup/core';

import '../util/register-ops.js';

import { ctcLoss } from '../ctc/ctc-loss.js';
import type { LineBatch } from '../data/line-batch.js';

interface CtcTargets {
  labels: readonly (readonly number[])[];
  inputLengths: readonly number[];
}

/**
 * Per-line CTC losses divided by label length (at least 1), [B]: the
 * terms of PyTorch's 'mean' reduction. Impossible lines count 0.
 */
function perLineCtc(logits: tf.Tensor, targets: CtcTargets): tf.Tensor {
  const lengths = Float32Array.from(
      targets.labels, (l) => Math.max(l.length, 1));
  return ctcLoss(tf.logSoftmax(logits, 2), targets.labels,
      targets.inputLengths,
      { timeMajor: false, reduction: 'none', zeroInfinity: true })
      .div(tf.tensor1d(lengths));
}

/**
 * The mixed input length of each pair: the larger of the two lines'
 * frame counts. A mixed image holds both lines' ink, so its extent is
 * the union of theirs; the shorter line's loss then also covers frames
 * that show only its partner, which it must read as blank.
 */
export function mixedInputLengths(
    inputLengths: readonly number[], perm: ArrayLike<number>): number[] {
  return inputLengths.map((n, i) => Math.max(n, inputLengths[perm[i]]));
}

/**
 * CTC loss of the network's logits for a batch: the plain 'mean' CTC loss
 * when `mix` is null, else the pair loss of the two label sequences with
 * the mixed input lengths.
 *
 * @param logits Network output, shape [B, T, V] (batch-major), float32.
 * @param batch The batch, with each line's labels and frame count.
 * @param mix The batch's mix draw (lambda, permutation), or null.
 * @returns A scalar loss.
 */
export function mixedCtcLoss(
    logits: tf.Tensor, batch: LineBatch, mix: MixDraw | null): tf.Scalar {
  return tf.tidy(() => {
    if (mix === null) {
      return perLineCtc(logits, batch).mean() as tf.Scalar;
    }
    const inputLengths = mixedInputLengths(batch.inputLengths, mix.perm);
    const targetsA = { labels: batch.labels, inputLengths };
    const targetsB = {
      labels: Array.from(mix.perm, (j) => batch.labels[j]), inputLengths,
    };
    const lam = typeof mix.lam === 'number' ? mix.lam : tf.tensor1d(mix.lam);
    return pairLoss(perLineCtc, logits, targetsA, targetsB, lam)
        .mean() as tf.Scalar;
  });
}
