import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@mixup/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureMatrix, propagationMatrix } from './from-dataset.js';
import { createGcnWeights, gcnLogits, gcnMeanProbs } from './gcn.js';
import type { GraphData } from './graph-data.js';
import { receptiveField } from './receptive-field.js';
import { SparseOperand } from './sparse-matmul.js';
import { randomCsr, randomGraphEdges, useCpu } from './test-support.js';
import { GraphMixTrainer } from './trainer.js';

beforeAll(useCpu);

const N = 60;

/** Two communities whose features and edges follow the class. */
function syntheticGraph(): GraphData {
  const rng = new Rng(11);
  const labels = Int32Array.from({ length: N }, (_, i) => i % 2);
  const set = new Set<string>();
  for (let i = 0; i < N; i++) set.add(`${i},${i}`);
  for (let k = 0; k < 150; k++) {
    const u = rng.int(N);
    // Nine edges in ten stay inside the class.
    const v = rng.next() < 0.9 ? 2 * rng.int(N / 2) + (u % 2) : rng.int(N);
    set.add(`${u},${v}`);
    set.add(`${v},${u}`);
  }
  const list = [...set].map((s) => s.split(',').map(Number));
  const deg = new Float64Array(N);
  for (const [, v] of list) deg[v]++;
  const idx = Int32Array.from([...list.map((p) => p[0]),
    ...list.map((p) => p[1])]);
  const w = Float32Array.from(list, ([u, v]) => 1 / Math.sqrt(deg[u] * deg[v]));
  const f = 20;
  const rowPtr = new Int32Array(N + 1);
  const cols: number[] = [];
  for (let i = 0; i < N; i++) {
    const picks = new Set<number>();
    for (let k = 0; k < 4; k++) {
      picks.add(rng.next() < 0.7 ? labels[i] * 10 + rng.int(10) : rng.int(f));
    }
    cols.push(...[...picks].sort((a, b) => a - b));
    rowPtr[i + 1] = cols.length;
  }
  const values = new Float32Array(cols.length);
  for (let i = 0; i < N; i++) {
    values.fill(1 / (rowPtr[i + 1] - rowPtr[i]), rowPtr[i], rowPtr[i + 1]);
  }
  return {
    x: featureMatrix({ numRows: N, numCols: f, rowPtr,
      colIndex: Int32Array.from(cols), values }),
    adj: propagationMatrix(N, idx, w),
    labels, numClasses: 2,
    trainIndex: Int32Array.from({ length: 10 }, (_, i) => i),
    valIndex: Int32Array.from({ length: 20 }, (_, i) => 10 + i),
    testIndex: Int32Array.from({ length: 30 }, (_, i) => 30 + i),
  };
}

describe('propagationMatrix', () => {
  it('recognises D^-1/2 (A + I) D^-1/2 as a pattern with scales', () => {
    const { edgeIndex, edgeWeight } = randomGraphEdges(new Rng(1), 8, 10);
    const m = propagationMatrix(8, edgeIndex, edgeWeight);
    expect(m.isPattern).toBe(true);
    const dense = m.toDense();
    const e = edgeWeight.length;
    for (let k = 0; k < e; k++) {
      expect(dense[edgeIndex[e + k] * 8 + edgeIndex[k]])
        .toBeCloseTo(edgeWeight[k], 6);
    }
    const skewed = edgeWeight.map((v, k) => (k === 3 ? v * 2 : v));
    expect(propagationMatrix(8, edgeIndex, skewed).isPattern).toBe(false);
  });
});

describe('gcnLogits on a receptive field', () => {
  it('equals the full-graph GCN at the seeds', () => {
    const rng = new Rng(2);
    const { edgeIndex, edgeWeight } = randomGraphEdges(rng, 30, 40);
    const adj = propagationMatrix(30, edgeIndex, edgeWeight);
    const x = randomCsr(rng, 30, 12, 0.3, true);
    const w = createGcnWeights(rng, 12, 5, 3);
    const ids = Int32Array.from([7, 3, 7, 21]);
    const field = receptiveField(adj, ids);
    const xs = new SparseOperand(x.subMatrix(field.hop2));
    const got = tf.gather(gcnLogits(xs, field, w),
        tf.tensor1d(field.index, 'int32'));
    const a = tf.tensor2d(adj.toDense(), [30, 30]);
    const full = tf.tidy(() => a.matMul(a.matMul(tf.tensor2d(x.toDense(),
      [30, 12]).matMul(w.w1)).relu().matMul(w.w2)));
    const want = tf.gather(full, tf.tensor1d(ids, 'int32'));
    const diff = tf.tidy(() => got.sub(want).abs().max().dataSync()[0]);
    expect(diff).toBeLessThan(1e-5);
    const mean = gcnMeanProbs(xs, 1, field, w);
    const single = tf.softmax(gcnLogits(xs, field, w));
    expect(tf.tidy(() => mean.sub(single).abs().max().dataSync()[0]))
      .toBeLessThan(1e-6);
    tf.dispose([got, a, full, want, mean, single, w.w1, w.w2]);
    xs.dispose();
    field.dispose();
  });
});

describe('GraphMixTrainer', () => {
  it('lowers the GCN loss and beats chance on a two-class graph', () => {
    const trainer = new GraphMixTrainer(syntheticGraph(),
      { method: 'gcn', seed: 3, epochs: 60 });
    const first = trainer.trainEpoch(0).loss;
    let last = first;
    for (let t = 1; t < 60; t++) last = trainer.trainEpoch(t).loss;
    expect(last).toBeLessThan(first);
    expect(trainer.evaluate().testAcc).toBeGreaterThan(0.6);
    trainer.dispose();
  });

  it('gives sharpened targets whose rows sum to 1', () => {
    const trainer = new GraphMixTrainer(syntheticGraph(), { seed: 4 });
    const targets = trainer.predictTargets(Int32Array.from([40, 41, 40]));
    const rows = targets.arraySync();
    expect(targets.shape).toEqual([3, 2]);
    rows.forEach((r) => expect(r[0] + r[1]).toBeCloseTo(1, 5));
    targets.dispose();
    trainer.dispose();
  });

  it('runs both step kinds without leaking tensors, deterministically', () => {
    const run = () => {
      const trainer = new GraphMixTrainer(syntheticGraph(), { seed: 5 });
      const kinds = new Set<string>();
      let count = 0;
      const losses: number[] = [];
      for (let t = 0; t < 20; t++) {
        const s = trainer.trainEpoch(t);
        trainer.evaluate();
        kinds.add(s.step);
        losses.push(s.loss);
        if (t === 9) count = tf.memory().numTensors;
      }
      expect(tf.memory().numTensors).toBe(count);
      trainer.dispose();
      return { kinds, losses };
    };
    const a = run();
    expect([...a.kinds].sort()).toEqual(['fcn', 'gcn']);
    expect(run().losses).toEqual(a.losses);
  });
});
