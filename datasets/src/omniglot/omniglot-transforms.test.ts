import { describe, expect, it } from 'vitest';
import { createAreaResizer } from './area-resize.js';
import { rotateSquare } from './rotate.js';

describe('createAreaResizer', () => {
  it('averages blocks exactly for an integer factor', () => {
    const src = Uint8Array.of(
        0, 4, 8, 8,
        4, 0, 8, 8,
        100, 100, 1, 2,
        100, 100, 3, 4);
    expect([...createAreaResizer(4, 4, 2, 2)(src)])
        .toEqual([2, 8, 100, 3]); // 2.5 rounds half up to 3
  });

  it('keeps a flat image flat at 105 -> 28', () => {
    const out = createAreaResizer(105, 105, 28, 28)(
        new Uint8Array(105 * 105).fill(255));
    expect(out.length).toBe(784);
    expect(out.every((v) => v === 255)).toBe(true);
  });

  it('splits a fractional pixel by its overlap', () => {
    // 3 -> 2: output 0 covers pixel 0 and half of pixel 1.
    const out = createAreaResizer(1, 3, 1, 2)(Uint8Array.of(90, 30, 0));
    expect([...out]).toEqual([70, 10]);
  });

  it('is deterministic and keeps the ink sum about constant', () => {
    const src = Uint8Array.from({ length: 105 * 105 },
        (_, i) => ((i * 7919) % 13 === 0 ? 255 : 0));
    const resize = createAreaResizer(105, 105, 28, 28);
    const a = resize(src);
    expect(Buffer.from(a).equals(Buffer.from(resize(src)))).toBe(true);
    const sum = (x: Uint8Array) => x.reduce((s, v) => s + v, 0);
    const scale = (105 / 28) ** 2;
    expect(Math.abs(sum(a) * scale - sum(src)) / sum(src)).toBeLessThan(0.02);
  });

  it('rejects a zero size', () => {
    expect(() => createAreaResizer(1, 1, 0, 1)).toThrow(/integers >= 1/);
  });
});

describe('rotateSquare', () => {
  const img = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9);

  it('rotates counter-clockwise by 90, 180 and 270 degrees', () => {
    expect([...rotateSquare(img, 3, 90)]).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
    expect([...rotateSquare(img, 3, 180)]).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect([...rotateSquare(img, 3, 270)]).toEqual([7, 4, 1, 8, 5, 2, 9, 6, 3]);
    expect([...rotateSquare(img, 3, 0)]).toEqual([...img]);
  });

  it('composes: four quarter turns are the identity', () => {
    let x: Uint8Array = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
    const start = [...x];
    for (let i = 0; i < 4; i++) x = rotateSquare(x, 4, 90);
    expect([...x]).toEqual(start);
  });

  it('rejects other angles and a wrong length', () => {
    expect(() => rotateSquare(img, 3, 45 as 90)).toThrow(/0, 90, 180 or 270/);
    expect(() => rotateSquare(img, 4, 90)).toThrow(/16 pixels, but got 9/);
  });
});
