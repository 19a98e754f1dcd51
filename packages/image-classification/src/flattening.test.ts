import { describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { FLATTENING_METHODS, runFlattening } from './flattening.js';
import { useWasm } from './test-backend.js';

await useWasm();

/** Ten classes of 6 x 6 images, each class brighter in its own pixels. */
function tenClasses(count: number, seed: number) {
  const rng = new Rng(seed);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const images = new Uint8Array(count * 36);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 36; p++) {
      const on = p % 10 === labels[i];
      images[i * 36 + p] = Math.floor((on ? 150 : 0) + rng.next() * 100);
    }
  }
  return { images, labels, count, height: 6, width: 6, channels: 1 };
}

describe('runFlattening', () => {
  const train = tenClasses(100, 1);
  const test = tenClasses(50, 2);

  it('gives each method one spectrum per class at the bottleneck',
    async () => {
      for (const method of FLATTENING_METHODS) {
        const r = await runFlattening(method, train, test,
          { epochs: 1, batchSize: 20, hidden: 8, bottleneck: 3 });
        expect(r.method).toBe(method);
        expect(r.spectra).toHaveLength(10);
        expect(r.spectra[0].singularValues).toHaveLength(3);
        expect(r.spectra.reduce((s, c) => s + c.count, 0)).toBe(100);
        const rest = r.spectra.reduce((s, c) => s + c.restSum, 0) / 10;
        expect(r.restSum).toBeCloseTo(rest, 9);
        expect(r.largest).toBeGreaterThan(0);
        expect(r.testError).toBeGreaterThanOrEqual(0);
      }
    });
});
