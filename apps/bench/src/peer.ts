// npm run bench:peer -- [flags]: the PyTorch peer and ours back to back on
// each case, in one session, and the ratio ours/PyTorch.
import * as path from 'node:path';

// NOTE: tfjs-core's main bundle must load before @mixup/core's deep
// imports of tfjs-core/dist/..., a second copy under tsx: whichever loads
// first makes the global engine, and the second copy's tensors lack the
// op handler that tfjs-layers needs (clone of null in the Add layer).
import '@tensorflow/tfjs-core';

import { parseCommandFlags, runCli, RunDir, UsageError } from '@mixup/cli';

import { benchConfigOf, PEER_FLAGS } from './bench-flags.js';
import { CASES, type BenchCase, type StepKey } from './cases.js';
import { formatValue, lineHead, machineLine } from './format.js';
import { KERNEL_SET_NOTES } from './kernel-sets.js';
import {
  checkPeer, DEFAULT_PEER, runPeer, type PeerResult,
} from './peer-runner.js';
import { runCase, type CaseResult } from './run-case.js';

const USAGE = 'npm run bench:peer -- [--case NAME[,NAME]] [flags]\n\n' +
  'Runs pytorch_peer.py on each case and method (torch with --threads),\n' +
  'then ours (one thread), and prints ours/PyTorch per case and method.';

const print = (line: string) => process.stdout.write(`${line}\n`);

interface Comparison {
  case: string;
  method: StepKey;
  kernels: string;
  ours: number;
  pytorch: number;
  unit: string;
  ratio: number;
  /** CPU seconds per step: ours (one thread), the peer's (all threads). */
  oursCpu: number;
  pytorchCpu: number;
}

/**
 * `case  method  ours X unit  pytorch Y unit  ratio Z`, then both CPU
 * seconds per step.
 */
function comparisonLine(label: string, c: Comparison): string {
  const who = c.kernels === 'wasm+ours' ? 'ours' : `ours(${c.kernels})`;
  return `${label.padEnd(20)}  ${c.method.padEnd(9)}  ${who} ` +
    `${formatValue(c.ours)} ${c.unit}  pytorch ${formatValue(c.pytorch)} ` +
    `${c.unit}  ratio ${c.ratio.toFixed(3)}  cpu s/step ours ` +
    `${c.oursCpu.toFixed(3)} pytorch ${c.pytorchCpu.toFixed(3)}`;
}

function peerRuns(c: BenchCase, key: StepKey, steps: number,
    values: ReturnType<typeof benchConfigOf>, threads: number) {
  return { case: c.name, method: key === 'manifold' ? 'manifold' : 'erm',
    threads, steps, warmup: values.warmup, batch: values.batch } as const;
}

async function main(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, PEER_FLAGS, USAGE);
  if (values === null) return;
  const config = benchConfigOf(values);
  if (config.width !== 16) {
    throw new UsageError(
      `--width: the peer has width 16 only, but got ${config.width}.`);
  }
  const python = values['python'] as string;
  const script = path.resolve(values['peer'] as string | undefined ??
    DEFAULT_PEER);
  const threads = values['threads'] as number;
  const torch = checkPeer(python, script);
  print(`config ${JSON.stringify({ ...config, python, script, threads })}`);
  print(machineLine());
  print(`peer  ${python}  torch ${torch}  ${threads} threads  ${script}`);
  for (const set of config.kernelSets) {
    print(`kernels  ${KERNEL_SET_NOTES[set]}`);
  }
  const comparisons: Comparison[] = [];
  const peers: PeerResult[] = [];
  const ours: CaseResult[] = [];
  for (const name of config.cases) {
    const c = CASES[name];
    const keys = c.keys(config.methods);
    const steps = config.steps ?? c.steps;
    const byKey = new Map<StepKey, PeerResult>();
    for (const key of keys) {
      const peer = runPeer(python, script,
        peerRuns(c, key, steps, config, threads));
      byKey.set(key, peer);
      peers.push(peer);
      print(`${lineHead(c.name, key, `pytorch(${threads} threads)`)}  ` +
        `${formatValue(peer.value).padStart(8)} ${peer.unit}  cpu ` +
        `${peer.cpuPerStep.toFixed(3)} s/step`);
    }
    const outcome = await runCase(c, config.kernelSets, config);
    if (outcome.unavailable !== undefined) {
      print(`${lineHead(c.name, '-', '-')}  ${outcome.unavailable}`);
    }
    for (const s of outcome.skipped) {
      print(`${lineHead(c.name, '-', s.kernels)}  ${s.reason}`);
    }
    for (const r of outcome.results) {
      const peer = byKey.get(r.method)!;
      const cmp = { case: c.name, method: r.method, kernels: r.kernelLabel,
        ours: r.rate, pytorch: peer.value, unit: r.unit,
        ratio: r.rate / peer.value, oursCpu: r.cpuPerStep,
        pytorchCpu: peer.cpuPerStep };
      comparisons.push(cmp);
      ours.push(r);
      print(comparisonLine(r.label, cmp));
    }
    for (const na of c.notApplicable(config.methods)) {
      print(`${lineHead(c.name, na.method, '-')}  ${na.reason}`);
    }
    printMixupCost(outcome.results[0]?.label ?? c.name,
      comparisons.filter((x) => x.case === c.name));
  }
  print(machineLine());
  if (config.out !== undefined) {
    const dir = new RunDir(config.out);
    dir.writeConfig({ ...config, python, script, threads, torch });
    dir.writeSummary({ comparisons, peers, ours,
      finished: new Date().toISOString() });
  }
}

/** Manifold/ERM step time for ours and for the peer, where both ran. */
function printMixupCost(label: string, rows: readonly Comparison[]): void {
  const erm = rows.find((r) => r.method === 'erm');
  const manifold = rows.find((r) => r.method === 'manifold' &&
    r.kernels === erm?.kernels);
  if (erm === undefined || manifold === undefined) return;
  // Rates are items per second, so step-time ratios are rate ratios flipped.
  print(`${label}  manifold/erm step time  ours ` +
    `${(erm.ours / manifold.ours).toFixed(3)} (cpu ` +
    `${(manifold.oursCpu / erm.oursCpu).toFixed(3)})  pytorch ` +
    `${(erm.pytorch / manifold.pytorch).toFixed(3)} (cpu ` +
    `${(manifold.pytorchCpu / erm.pytorchCpu).toFixed(3)})`);
}

runCli('bench:peer', main);
