/** Test helper: a small synthetic Omniglot with rotated classes. */
import type {
  OmniglotClass, OmniglotData, Rotation,
} from '@mixup/datasets/omniglot';

import type { Rng } from '@mixup/core';

const DRAWERS = 20;

/**
 * `characters` random glyphs of side `size`, each drawn 20 times with a
 * little noise, and classes for each glyph at the given rotations.
 */
export function syntheticOmniglot(rng: Rng, size: number, characters: number,
    rotations: readonly Rotation[][]): { data: OmniglotData;
      classes: OmniglotClass[] } {
  const pixels = size * size;
  const background = new Uint8Array(characters * DRAWERS * pixels);
  for (let c = 0; c < characters; c++) {
    const glyph = Uint8Array.from({ length: pixels },
      () => (rng.next() < 0.3 ? 255 : 0));
    for (let d = 0; d < DRAWERS; d++) {
      for (let p = 0; p < pixels; p++) {
        const flip = rng.next() < 0.05;
        background[(c * DRAWERS + d) * pixels + p] =
          flip ? 255 - glyph[p] : glyph[p];
      }
    }
  }
  const classes: OmniglotClass[] = [];
  for (let c = 0; c < characters; c++) {
    for (const rotation of rotations[c % rotations.length]) {
      classes.push({ alphabet: 'Synthetic', character: c + 1, rotation,
        npzSet: 'background', npzIndex: c });
    }
  }
  const data: OmniglotData = {
    size, background, evaluation: new Uint8Array(0), alphabets: [],
    splits: { train: classes, val: [], test: [], trainval: classes },
    loadSeconds: 0,
  };
  return { data, classes };
}
