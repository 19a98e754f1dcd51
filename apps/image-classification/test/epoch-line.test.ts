import { describe, expect, it } from 'vitest';

import { epochLine } from '../src/run-one.js';

describe('epochLine', () => {
  it('prints the test figures of an evaluated epoch', () => {
    const line = epochLine({ epoch: 2, loss: 0.5, lr: 0.1, seconds: 3,
      test_error: 0.25, test_nll: 0.7, test_ece: 0.05 }, 10);
    expect(line).toBe('epoch 002/010  loss 0.5000  test_err 0.2500  ' +
      'test_nll 0.7000  test_ece 0.0500  lr 1.0e-01  3.0s');
  });

  it('prints only the loss between two evaluations (--eval-every)', () => {
    const line = epochLine({ epoch: 3, loss: 0.5, lr: 0.1, seconds: 3 }, 10);
    expect(line).toBe('epoch 003/010  loss 0.5000  lr 1.0e-01  3.0s');
  });
});
