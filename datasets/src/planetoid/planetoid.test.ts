import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, realDataFile } from '../common/test-support.js';
import { loadPlanetoid } from './load-planetoid.js';
import { readPlanetoidText } from './read-planetoid-text.js';
import type { PlanetoidDataset } from './types.js';

const coraPickle = realDataFile('planetoid/ind.cora.graph');
const coraText = realDataFile('planetoid-text-gmnn/cora/net.txt');
const citeseer = realDataFile('planetoid-text-gmnn/citeseer/net.txt');
const pubmed = realDataFile('planetoid-text-gmnn/pubmed/feature.txt.gz');
const dataDir = process.env['MIXUP_DATA_DIR'] ?? '';

function rowOf(d: PlanetoidDataset, i: number): string {
  const { rowPtr, colIndex, values } = d.x;
  const items: string[] = [];
  for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
    items.push(`${colIndex[k]}:${values[k].toFixed(6)}`);
  }
  return items.join(' ');
}

describe.skipIf(coraPickle.missing !== null || coraText.missing !== null)(
    `loadPlanetoid on Cora (${coraPickle.missing ?? coraText.missing ?? ''})`,
    () => {
      const fromPickle = loadPlanetoid({ dataDir, name: 'cora',
        format: 'pickle' });
      const fromText = loadPlanetoid({ dataDir, name: 'cora', format: 'text' });

      it('gives the standard split sizes and shapes', () => {
        for (const d of [fromPickle, fromText]) {
          expect([d.trainIndex.length, d.valIndex.length, d.testIndex.length])
            .toEqual([140, 500, 1000]);
          expect([d.numNodes, d.numFeatures, d.numClasses])
            .toEqual([2708, 1433, 7]);
          // 5278 undirected edges, both directions, plus 2708 self loops.
          expect(d.edgeWeight.length).toBe(2 * 5278 + 2708);
        }
      });

      it('agrees between the pickles and the plain text', () => {
        expect(Array.from(fromText.testIndex))
          .toEqual(Array.from(fromPickle.testIndex));
        expect(Array.from(fromText.edgeIndex))
          .toEqual(Array.from(fromPickle.edgeIndex));
        for (const idx of [fromPickle.trainIndex, fromPickle.valIndex,
          fromPickle.testIndex]) {
          for (const i of idx) {
            expect(fromText.labels[i]).toBe(fromPickle.labels[i]);
          }
        }
        for (let i = 0; i < 2708; i += 7) {
          expect(rowOf(fromText, i)).toBe(rowOf(fromPickle, i));
        }
      });

      it('row-normalises the features', () => {
        const { rowPtr, values } = fromText.x;
        for (let i = 0; i < 2708; i += 13) {
          let sum = 0;
          for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) sum += values[k];
          expect(sum).toBeCloseTo(1, 5);
        }
      });

      it('normalises symmetrically', () => {
        const { edgeIndex, edgeWeight, graph } = fromText;
        const e = edgeWeight.length;
        for (let k = 0; k < e; k += 97) {
          const [s, t] = [String(edgeIndex[k]), String(edgeIndex[e + k])];
          // graphology counts a self loop twice in degree().
          const ds = graph.degree(s) - 1;
          const dt = graph.degree(t) - 1;
          expect(edgeWeight[k]).toBeCloseTo(1 / Math.sqrt(ds * dt), 6);
        }
      });
    });

describe.skipIf(citeseer.missing !== null)(
    `loadPlanetoid on Citeseer (${citeseer.missing ?? ''})`, () => {
      it('keeps the 15 unused test-range ids with no features', () => {
        const d = loadPlanetoid({ dataDir, name: 'citeseer' });
        expect([d.trainIndex.length, d.valIndex.length, d.testIndex.length])
          .toEqual([120, 500, 1000]);
        expect(d.numNodes).toBe(3327);
        let empty = 0;
        for (let i = 0; i < d.numNodes; i++) {
          if (d.x.rowPtr[i + 1] === d.x.rowPtr[i]) empty++;
        }
        expect(empty).toBe(15);
        // Every node still has its self loop in the graph.
        expect(d.graph.hasEdge('2500', '2500')).toBe(true);
      });
    });

describe.skipIf(pubmed.missing !== null)(
    `loadPlanetoid on Pubmed (${pubmed.missing ?? ''})`, () => {
      it('reads gzip-compressed TF-IDF features and the standard split', () => {
        const d = loadPlanetoid({ dataDir, name: 'pubmed' });
        expect([d.trainIndex.length, d.valIndex.length, d.testIndex.length])
          .toEqual([60, 500, 1000]);
        expect([d.numNodes, d.numFeatures, d.numClasses])
          .toEqual([19717, 500, 3]);
        expect(d.x.colIndex.length).toBe(988031);
        // TF-IDF: the values within a row differ.
        const { rowPtr, values } = d.x;
        expect(values[rowPtr[0]]).not.toBe(values[rowPtr[0] + 1]);
      });

      it('stops plainly when the pickled allx is missing', () => {
        expect(() => loadPlanetoid({ dataDir, name: 'pubmed',
          format: 'pickle' })).toThrow(
            /ind\.pubmed\.allx: this file is required but missing/);
      });
    });

describe('readPlanetoidText', () => {
  const tmp = makeTempDir('planetoid');
  afterAll(() => tmp.remove());

  function writeSet(name: string, files: Record<string, string>): string {
    const dir = join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    const base: Record<string, string> = {
      'feature.txt': '0\t0:1.0 2:1.0\n1\t1:1.0\n2\t0:1.0\n',
      'label.txt': '0\t0\n1\t1\n2\t0\n',
      'net.txt': '0\t1\t1\n1\t0\t1\n1\t2\t1\n',
      'train.txt': '0\n', 'dev.txt': '1\n', 'test.txt': '2\n',
    };
    for (const [f, text] of Object.entries({ ...base, ...files })) {
      if (text !== '') writeFileSync(join(dir, f), text);
    }
    return dir;
  }

  it('reads a small well-formed set', () => {
    const raw = readPlanetoidText(writeSet('ok', {}), 'cora');
    expect(raw.numNodes).toBe(3);
    expect(raw.features.numCols).toBe(3);
    expect(Array.from(raw.labels)).toEqual([0, 1, 0]);
    expect(Array.from(raw.edgePairs)).toEqual([0, 1, 1, 0, 1, 2]);
  });

  it('names the file and the fault for malformed input', () => {
    expect(() => readPlanetoidText(writeSet('net', {
      'net.txt': '0\t1\t1\n0 2\n' }), 'cora'))
      .toThrow(/net\.txt: each line must be .* but line 2 is '0 2'/);
    expect(() => readPlanetoidText(writeSet('feat', {
      'feature.txt': '0\t0:1.0 x\n' }), 'cora'))
      .toThrow(/feature\.txt: features must be '<col>:<value>', but line 1/);
    expect(() => readPlanetoidText(writeSet('dup', {
      'feature.txt': '0\t1:1.0 1:1.0\n' }), 'cora'))
      .toThrow(/node 0 lists column 1 twice/);
    expect(() => readPlanetoidText(writeSet('unlabelled', {
      'train.txt': '0\n5\n' }), 'cora'))
      .toThrow(/train\.txt: node 5 has no label/);
  });

  it('stops when a file is missing instead of substituting', () => {
    expect(() => readPlanetoidText(writeSet('nofeat', { 'feature.txt': '' }),
        'cora')).toThrow(/feature\.txt: this file is required but missing/);
  });
});
