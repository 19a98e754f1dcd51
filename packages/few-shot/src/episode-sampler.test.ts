import { describe, expect, it } from 'vitest';

import { Rng } from '@mixup/core';

import { createEpisodeSampler } from './episode-sampler.js';

// 30 classes of 20 items, laid out as Omniglot's tables are.
const labels = Int32Array.from({ length: 600 }, (_, i) => Math.floor(i / 20));

describe('createEpisodeSampler', () => {
  it('draws nWay * kShot support and nWay * nQuery query items', () => {
    const sampler = createEpisodeSampler(labels, { nWay: 20, kShot: 5 });
    const e = sampler.sample(new Rng(3));
    expect(e.classes.length).toBe(20);
    expect(e.support.length).toBe(100);
    expect(e.query.length).toBe(300);
    expect(e.supportLabels.length).toBe(100);
    expect(e.queryLabels.length).toBe(300);
  });

  it('draws distinct classes and labels items by their class', () => {
    const sampler = createEpisodeSampler(labels, { nWay: 5, kShot: 1 });
    const rng = new Rng(4);
    for (let t = 0; t < 200; t++) {
      const e = sampler.sample(rng);
      expect(new Set(e.classes).size).toBe(5);
      e.support.forEach((item, i) =>
        expect(labels[item]).toBe(e.classes[e.supportLabels[i]]));
      e.query.forEach((item, i) =>
        expect(labels[item]).toBe(e.classes[e.queryLabels[i]]));
    }
  });

  it('never puts an item in both support and query', () => {
    const sampler = createEpisodeSampler(labels, { nWay: 20, kShot: 5 });
    const rng = new Rng(5);
    for (let t = 0; t < 100; t++) {
      const e = sampler.sample(rng);
      const items = [...e.support, ...e.query];
      expect(new Set(items).size).toBe(items.length);
    }
  });

  it('is deterministic under a seed and varies across seeds', () => {
    const sampler = createEpisodeSampler(labels, { nWay: 5, kShot: 5 });
    const a = sampler.sample(new Rng(7));
    const b = sampler.sample(new Rng(7));
    const c = sampler.sample(new Rng(8));
    expect(Array.from(a.support)).toEqual(Array.from(b.support));
    expect(Array.from(a.query)).toEqual(Array.from(b.query));
    expect(Array.from(a.query)).not.toEqual(Array.from(c.query));
  });

  it('covers all classes over many episodes', () => {
    const sampler = createEpisodeSampler(labels, { nWay: 5, kShot: 1 });
    const rng = new Rng(9);
    const seen = new Set<number>();
    for (let t = 0; t < 100; t++) sampler.sample(rng).classes.forEach((k) =>
      seen.add(k));
    expect(seen.size).toBe(30);
  });

  it('rejects settings the classes cannot fill', () => {
    expect(() => createEpisodeSampler(labels, { nWay: 31, kShot: 1 }))
      .toThrow(/31-way needs 31 classes/);
    expect(() => createEpisodeSampler(labels, { nWay: 5, kShot: 6 }))
      .toThrow(/>= 21 items/);
    expect(() => createEpisodeSampler(labels, { nWay: 5, kShot: 0 }))
      .toThrow(/kShot must be an integer >= 1/);
  });
});
