// Runs the PyTorch peer script (pytorch_peer.py) as a child process and
// reads its one JSON line per case.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (three folders above this file). */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the peer script lives unless --peer says otherwise. */
export const DEFAULT_PEER = path.resolve(REPO_ROOT,
  '../shared/peers/pytorch_peer.py');

/** One line of the peer's output, plus its CPU seconds per step. */
export interface PeerResult {
  case: string;
  unit: string;
  value: number;
  method: string;
  threads: number;
  torch: string;
  /** Process CPU seconds (all threads) per timed step. */
  cpuPerStep: number;
}

/**
 * Runs the peer's own main() with its `time_steps` replaced by the same
 * loop that also reads `time.process_time()` (CPU seconds of every
 * thread), printed as a second JSON line: wall figures stay the peer's.
 */
const WRAPPER = `
import importlib.util, json, sys, time
spec = importlib.util.spec_from_file_location('pytorch_peer', sys.argv[1])
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)
cpu = {}
def time_steps(step, warmup, steps):
    for _ in range(warmup):
        step()
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(steps):
        step()
    cpu['per_step'] = (time.process_time() - c0) / steps
    return (time.perf_counter() - t0) / steps
peer.time_steps = time_steps
sys.argv = sys.argv[1:]
peer.main()
print(json.dumps({'cpu_per_step': cpu['per_step']}), flush=True)
`;

export interface PeerRun {
  case: string;
  method: 'erm' | 'manifold';
  threads: number;
  steps: number;
  warmup: number;
  batch: number;
}

function lastLines(text: string, n: number): string[] {
  return text.trim().split('\n').slice(-n);
}

function lastLine(text: string): string {
  return lastLines(text, 1)[0] ?? '';
}

/**
 * Checks that `python` runs and imports torch, and that the script exists.
 *
 * @returns The torch version.
 */
export function checkPeer(python: string, script: string): string {
  const probe = spawnSync(python,
    ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    throw new Error(`python3 is missing: cannot run '${python}' ` +
      `(${probe.error.message}).`);
  }
  if (probe.status !== 0) {
    throw new Error(`torch is missing: '${python} -c "import torch"' ` +
      `failed (${lastLine(probe.stderr)}).`);
  }
  if (!fs.existsSync(script)) {
    throw new Error(`the peer script is missing: no file '${script}' ` +
      '(see --peer).');
  }
  return probe.stdout.trim();
}

/** Runs the peer on one case and method; blocks until it ends. */
export function runPeer(python: string, script: string,
    run: PeerRun): PeerResult {
  const args = ['-c', WRAPPER, script, '--case', run.case, '--method',
    run.method, '--threads', String(run.threads), '--steps',
    String(run.steps), '--warmup', String(run.warmup), '--batch',
    String(run.batch)];
  const child = spawnSync(python, args, { encoding: 'utf8',
    maxBuffer: 1 << 24 });
  if (child.status !== 0) {
    throw new Error(`the peer failed on ${run.case} ${run.method} ` +
      `(exit ${child.status}): ${lastLine(child.stderr)}`);
  }
  const [line, cpuLine] = lastLines(child.stdout, 2);
  try {
    const result = JSON.parse(line) as Omit<PeerResult, 'cpuPerStep'>;
    const cpu = JSON.parse(cpuLine) as { cpu_per_step: number };
    if (result.case === run.case && Number.isFinite(result.value)) {
      return { ...result, cpuPerStep: cpu.cpu_per_step };
    }
  } catch {
    // Reported below with the line itself.
  }
  throw new Error(`the peer printed an unexpected line for ${run.case}: ` +
    `${line}`);
}
