import { describe, expect, it } from 'vitest';

import { classSingularValues } from './class-singular-values.js';

describe('classSingularValues', () => {
  it('matches the singular values of a known matrix', () => {
    // Class 0 rows: diag(3, 2, 1) in some row order -> singular values 3, 2, 1.
    // Class 1 rows: rank one, (1, 1, 0) twice -> sqrt(2) * sqrt(2) = 2, 0, 0.
    const hidden = Float32Array.from([
      0, 2, 0, 1, 1, 0, 3, 0, 0, 1, 1, 0, 0, 0, 1]);
    const spectra = classSingularValues(hidden, 3, [0, 1, 0, 1, 0], 2);
    expect(spectra[0].singularValues.map((v) => +v.toFixed(6)))
        .toEqual([3, 2, 1]);
    expect(spectra[0].largest).toBeCloseTo(3, 6);
    expect(spectra[0].restSum).toBeCloseTo(3, 6);
    expect(spectra[1].largest).toBeCloseTo(2, 6);
    expect(spectra[1].restSum).toBeCloseTo(0, 3);
    expect(spectra[1].count).toBe(2);
  });

  it('agrees with a rotated matrix: singular values are rotation-free', () => {
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const rows = [[4, 0], [0, 1], [2, 0]];
    const rotated = rows.flatMap(([a, b]) => [c * a - s * b, s * a + c * b]);
    const spectra = classSingularValues(Float32Array.from(rotated), 2,
      [0, 0, 0], 1);
    expect(spectra[0].largest).toBeCloseTo(Math.sqrt(20), 4);
    expect(spectra[0].restSum).toBeCloseTo(1, 4);
  });

  it('rejects bad shapes and labels', () => {
    expect(() => classSingularValues(new Float32Array(5), 2, [0, 0], 1))
        .toThrow(/must be a multiple of dim/);
    expect(() => classSingularValues(new Float32Array(4), 2, [0], 1))
        .toThrow(/disagree on the number of rows \(2 vs 1\)/);
    expect(() => classSingularValues(new Float32Array(4), 2, [0, 3], 2))
        .toThrow(/labels\[1\] is 3/);
  });
});
