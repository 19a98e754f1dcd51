import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  listCheckpoints, loadCheckpoint, loadLatestCheckpoint, saveCheckpoint,
  type Checkpoint,
} from './checkpoint.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-ckpt-'));
  dirs.push(d);
  return d;
}

function checkpoint(epoch: number): Checkpoint {
  return {
    epoch, state: { note: `epoch ${epoch}`, rng: [1, 2, 3, 4] },
    tensors: {
      w: { shape: [2, 2], dtype: 'float32',
        values: Float32Array.from([epoch, -1.5, 0, 3e-8]) },
      step: { shape: [1], dtype: 'int32', values: Int32Array.from([epoch]) },
    },
  };
}

describe('checkpoints', () => {
  it('round-trips tensors and state, keeping the newest files', () => {
    const dir = tempDir();
    for (const epoch of [1, 2, 3]) saveCheckpoint(dir, checkpoint(epoch), 2);
    expect(listCheckpoints(dir).map((f) => path.basename(f)))
        .toEqual(['ckpt-000002.mmx', 'ckpt-000003.mmx']);
    const back = loadLatestCheckpoint(dir)!;
    expect(back.epoch).toBe(3);
    expect(back.state).toEqual(checkpoint(3).state);
    expect(Array.from(back.tensors.w.values)).toEqual([3, -1.5, 0,
      Math.fround(3e-8)]);
    expect(back.tensors.step.values).toBeInstanceOf(Int32Array);
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('.mmx'))).toEqual([]);
  });

  it('gives null for a missing or empty folder', () => {
    expect(loadLatestCheckpoint(path.join(tempDir(), 'none'))).toBeNull();
    expect(loadLatestCheckpoint(tempDir())).toBeNull();
  });

  it('names the file and the fault of a damaged checkpoint', () => {
    const dir = tempDir();
    const file = saveCheckpoint(dir, checkpoint(1));
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 3));
    expect(() => loadCheckpoint(file)).toThrow(
      /loadCheckpoint: .*ckpt-000001\.mmx is not a valid checkpoint: expected \d+ bytes, got \d+/);
    fs.writeFileSync(file, Buffer.from('NOTACKPT and more bytes'));
    expect(() => loadCheckpoint(file)).toThrow(/bad magic/);
  });

  it('detects damage inside the data by its checksum', () => {
    const dir = tempDir();
    const file = saveCheckpoint(dir, checkpoint(3));
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect(() => loadCheckpoint(file)).toThrow(
      /ckpt-000003\.mmx is not a valid checkpoint: the data does not match its SHA-256/);
  });

  it('passes over a damaged newest file and resumes from the one before', () => {
    const dir = tempDir();
    saveCheckpoint(dir, checkpoint(4));
    const newest = saveCheckpoint(dir, checkpoint(5));
    fs.writeFileSync(newest, fs.readFileSync(newest).subarray(0, 20));
    const skipped: string[] = [];
    const back = loadLatestCheckpoint(dir, (file, error) =>
      skipped.push(`${path.basename(file)}: ${error.message}`));
    expect(back!.epoch).toBe(4);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^ckpt-000005\.mmx: loadCheckpoint: .* not a valid checkpoint/);
  });

  it('lists every file and its fault when no checkpoint can be read', () => {
    const dir = tempDir();
    for (const epoch of [1, 2]) {
      const file = saveCheckpoint(dir, checkpoint(epoch));
      fs.writeFileSync(file, 'broken');
    }
    expect(() => loadLatestCheckpoint(dir, () => {
      throw new Error('onSkip must not run when nothing is loaded');
    })).toThrow(new RegExp('loadLatestCheckpoint: no checkpoint in .* can ' +
      'be read: .*ckpt-000002\\.mmx is not a valid checkpoint: bad magic\\. ' +
      '.*ckpt-000001\\.mmx is not a valid checkpoint: bad magic'));
  });
});
