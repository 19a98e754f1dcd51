import { describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import {
  augmentBatch, augmentInto, channelStats, drawAugment, resolveAugmentArgs,
  scaleToInput, type AugmentDraw,
} from './augment.js';

const SHAPE = { height: 4, width: 4, channels: 1 };
// Pixel value = 10 * row + column, so every position is recognisable.
const IMAGE = Uint8Array.from({ length: 16 }, (_, i) =>
  10 * Math.floor(i / 4) + (i % 4));
const UNIT = { mean: [0], std: [1 / 255] };

function apply(draw: Partial<AugmentDraw>, padding = 1,
    cutoutSize = 0): number[] {
  const out = new Float32Array(16);
  augmentInto(IMAGE, 0, out, 0, SHAPE, UNIT,
    { dy: padding, dx: padding, flip: false, cutY: -1, cutX: -1, ...draw },
    resolveAugmentArgs({ padding, flip: true, cutoutSize }));
  return Array.from(out, (v) => Math.round(v));
}

describe('channelStats', () => {
  it('gives each channel its mean and std on [0, 1]', () => {
    const images = Uint8Array.from([0, 255, 255, 255, 0, 255, 255, 255]);
    const { mean, std } = channelStats(images, { ...SHAPE, channels: 2 });
    expect(mean[0]).toBeCloseTo(0.5, 6);
    expect(mean[1]).toBeCloseTo(1, 6);
    expect(std[0]).toBeCloseTo(0.5, 6);
    expect(std[1]).toBeLessThan(1e-5);
  });

  it('rejects a length that is not a multiple of C', () => {
    expect(() => channelStats(new Uint8Array(5), { ...SHAPE, channels: 2 }))
        .toThrow(/multiple of C = 2/);
  });
});

describe('augmentInto', () => {
  it('is the identity at the centre crop without flip', () => {
    expect(apply({})).toEqual(Array.from(IMAGE));
  });

  it('shifts the image and fills the border with zeros', () => {
    // Offset (2, 2) of padding 1: the crop starts one pixel down, right.
    const out = apply({ dy: 2, dx: 2 });
    expect(out.slice(0, 4)).toEqual([11, 12, 13, 0]);
    expect(out.slice(12)).toEqual([0, 0, 0, 0]);
    const up = apply({ dy: 0, dx: 1 });
    expect(up.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(up.slice(4, 8)).toEqual([0, 1, 2, 3]);
  });

  it('flips left-right', () => {
    expect(apply({ flip: true }).slice(4, 8)).toEqual([13, 12, 11, 10]);
  });

  it('zeroes a cutout square, clipped at the border', () => {
    const inside = apply({ cutY: 2, cutX: 2 }, 1, 2);
    expect(inside.filter((v) => v === 0).length).toBe(4 + 1);
    expect(inside[5]).toBe(0);
    expect(inside[10]).toBe(0);
    const zeros = (out: number[]) =>
      out.flatMap((v, i) => (v === 0 ? [i] : []));
    // Pixel 0 is black in IMAGE; the square at (3, 3) keeps 2 x 2 inside.
    expect(zeros(apply({ cutY: 3, cutX: 3 }, 1, 2)))
        .toEqual([0, 10, 11, 14, 15]);
    expect(zeros(apply({ cutY: 0, cutX: 3 }, 1, 2))).toEqual([0, 2, 3]);
  });

  it('normalises with the channel statistics', () => {
    const out = new Float32Array(16);
    augmentInto(IMAGE, 0, out, 0, SHAPE, { mean: [0.1], std: [0.2] },
      { dy: 0, dx: 0, flip: false, cutY: -1, cutX: -1 },
      resolveAugmentArgs({ padding: 0 }));
    expect(out[5]).toBeCloseTo((11 / 255 - 0.1) / 0.2, 5);
  });
});

describe('drawAugment', () => {
  const args = resolveAugmentArgs({ padding: 3, flip: true, cutoutSize: 2 });

  it('draws offsets in [0, 2 * padding], flips about half the time', () => {
    const rng = new Rng(11);
    const draws = Array.from({ length: 4000 },
      () => drawAugment(rng, SHAPE, args));
    const dys = draws.map((d) => d.dy);
    expect(Math.min(...dys)).toBe(0);
    expect(Math.max(...dys)).toBe(6);
    const flips = draws.filter((d) => d.flip).length / draws.length;
    expect(flips).toBeGreaterThan(0.46);
    expect(flips).toBeLessThan(0.54);
    expect(Math.max(...draws.map((d) => d.cutX))).toBe(3);
  });

  it('never flips or crops when both are off', () => {
    const rng = new Rng(2);
    const off = resolveAugmentArgs({ padding: 0, flip: false });
    const d = drawAugment(rng, SHAPE, off);
    expect(d).toEqual({ dy: 0, dx: 0, flip: false, cutY: -1, cutX: -1 });
  });

  it('is determined by the seed', () => {
    const a = drawAugment(new Rng(5), SHAPE, args);
    const b = drawAugment(new Rng(5), SHAPE, args);
    expect(a).toEqual(b);
  });
});

describe('augmentBatch', () => {
  const images = new Uint8Array(3 * 16);
  images.set(IMAGE, 16);

  it('only normalises when rng is null', () => {
    const out = augmentBatch(images, [1, 0], SHAPE, UNIT, null,
      { padding: 2, cutoutSize: 2 });
    expect(Array.from(out.slice(0, 16), Math.round)).toEqual(Array.from(IMAGE));
    expect(Array.from(out.slice(16))).toEqual(new Array(16).fill(0));
  });

  it('repeats under the same seed and varies across seeds', () => {
    const run = (seed: number) => Array.from(augmentBatch(images,
      [1, 1, 1, 1], SHAPE, UNIT, new Rng(seed), { padding: 1 }));
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('rejects a negative padding', () => {
    expect(() => augmentBatch(images, [0], SHAPE, UNIT, null,
      { padding: -1 })).toThrow(/padding must be an integer >= 0/);
  });
});

describe('scaleToInput', () => {
  it("scales CIFAR's pixel sizes to 28 px", () => {
    expect(scaleToInput(4, 28)).toBe(4);
    expect(scaleToInput(16, 28)).toBe(14);
  });
});
