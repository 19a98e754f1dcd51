import { describe, expect, it } from 'vitest';

import {
  augmentOf, defaultMilestones, methodOf, resolveClassifyArgs,
} from './classify-args.js';

describe('resolveClassifyArgs', () => {
  it("fills in the paper's defaults, scaled to 28 px", () => {
    const a = resolveClassifyArgs({}, 28);
    expect(a.network).toBe('preact18');
    expect(a.width).toBe(64);
    expect(a.lr).toBe(0.1);
    expect(a.weightDecay).toBe(1e-4);
    expect(a.padding).toBe(4);
    expect(a.cutoutSize).toBe(14);
    expect(a.milestones).toEqual([100, 150]);
    expect(resolveClassifyArgs({ network: 'wrn28' }, 32).width).toBe(16);
  });

  it('picks alpha 1 for input mixup and 2 for manifold mixup', () => {
    expect(resolveClassifyArgs({ method: 'input' }, 32).alpha).toBe(1);
    expect(resolveClassifyArgs({ method: 'manifold' }, 32).alpha).toBe(2);
  });

  it('rejects bad values, naming the field', () => {
    expect(() => resolveClassifyArgs({ epochs: 0 }, 28)).toThrow(/epochs/);
    expect(() => resolveClassifyArgs({ network: 'vgg' as 'wrn28' }, 28))
        .toThrow(/network must be one of/);
    expect(() => resolveClassifyArgs({ limit: -1 }, 28)).toThrow(/limit/);
    expect(() => resolveClassifyArgs({ evalEvery: 0 }, 28))
        .toThrow(/evalEvery must be an integer >= 1, but got 0/);
    expect(() => resolveClassifyArgs({ lr: 0 }, 28)).toThrow(/lr must be/);
  });
});

describe('defaultMilestones', () => {
  it('drops the rate at half and three quarters, never at epoch 0', () => {
    expect(defaultMilestones(8)).toEqual([4, 6]);
    expect(defaultMilestones(2)).toEqual([1]);
    expect(defaultMilestones(1)).toEqual([]);
  });
});

describe('methodOf and augmentOf', () => {
  const of = (method: 'erm' | 'dropout' | 'cutout' | 'input' | 'manifold') =>
    resolveClassifyArgs({ method }, 28);

  it('maps the five methods onto the core methods', () => {
    expect(methodOf(of('manifold')).mixPoints).toEqual([0, 1, 2]);
    expect(methodOf(of('manifold')).alpha).toBe(2);
    expect(methodOf(of('input')).mixPoints).toEqual([0]);
    expect(methodOf(of('dropout')).dropoutRate).toBe(0.5);
    expect(methodOf(of('cutout')).name).toBe('erm');
    expect(methodOf(of('erm')).mixPoints).toEqual([]);
  });

  it('uses cutout only for the cutout method', () => {
    expect(augmentOf(of('cutout')).cutoutSize).toBe(14);
    expect(augmentOf(of('erm')).cutoutSize).toBe(0);
    expect(augmentOf(of('manifold')).padding).toBe(4);
  });
});
