import { describe, expect, it } from 'vitest';
import { buildGraph, normalizeAdjacency, rowNormalize } from './preprocess.js';

describe('buildGraph', () => {
  it('merges both directions and duplicates, adds one self loop each', () => {
    // 0-1 twice and in both directions, 1-2, and a self loop already on 2.
    const g = buildGraph(4, Int32Array.from([0, 1, 1, 0, 0, 1, 1, 2, 2, 2]));
    expect(g.order).toBe(4);
    expect(g.size).toBe(2 + 4);
    expect(g.hasEdge('0', '1')).toBe(true);
    expect(g.hasEdge('3', '3')).toBe(true);
    expect(g.type).toBe('undirected');
  });

  it('rejects ids out of range', () => {
    expect(() => buildGraph(2, Int32Array.from([0, 2])))
      .toThrow(/node ids must be in \[0, 2\), but got 0 -> 2/);
  });
});

describe('normalizeAdjacency', () => {
  it('gives 1 / sqrt(d_i d_j) with self loops counted once', () => {
    // Path 0-1-2: degrees with self loops 2, 3, 2.
    const g = buildGraph(3, Int32Array.from([0, 1, 1, 2]));
    const { edgeIndex, edgeWeight } = normalizeAdjacency(g);
    const e = edgeWeight.length;
    expect(e).toBe(7);
    const entry = new Map<string, number>();
    for (let k = 0; k < e; k++) {
      entry.set(`${edgeIndex[k]},${edgeIndex[e + k]}`, edgeWeight[k]);
    }
    expect(entry.get('0,0')).toBeCloseTo(1 / 2, 6);
    expect(entry.get('1,1')).toBeCloseTo(1 / 3, 6);
    expect(entry.get('0,1')).toBeCloseTo(1 / Math.sqrt(6), 6);
    expect(entry.get('1,0')).toBeCloseTo(1 / Math.sqrt(6), 6);
    expect(entry.has('0,2')).toBe(false);
    // Sorted by target, then source.
    const keys = Array.from({ length: e }, (_, k) =>
      edgeIndex[e + k] * 10 + edgeIndex[k]);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('has the largest eigenvalue 1 (D^-1/2 (A+I) D^-1/2 sqrt(d) = sqrt(d))',
      () => {
        const g = buildGraph(5,
            Int32Array.from([0, 1, 0, 2, 0, 3, 3, 4, 1, 2]));
        const { edgeIndex, edgeWeight } = normalizeAdjacency(g);
        const e = edgeWeight.length;
        const deg = [4, 3, 3, 3, 2];
        const out = new Array(5).fill(0);
        for (let k = 0; k < e; k++) {
          out[edgeIndex[e + k]] += edgeWeight[k] * Math.sqrt(deg[edgeIndex[k]]);
        }
        out.forEach((v, i) => expect(v).toBeCloseTo(Math.sqrt(deg[i]), 5));
      });
});

describe('rowNormalize', () => {
  it('makes rows sum to one and leaves empty rows empty', () => {
    const m = rowNormalize({
      numRows: 3, numCols: 3,
      rowPtr: Int32Array.from([0, 2, 2, 3]),
      colIndex: Int32Array.from([0, 2, 1]),
      values: Float32Array.from([1, 3, 0.5]),
    });
    expect(Array.from(m.values)).toEqual([0.25, 0.75, 1]);
    expect(Array.from(m.rowPtr)).toEqual([0, 2, 2, 3]);
  });
});
