import * as fs from 'node:fs';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs-core';

import { initBackend, saveLayersModel, type BackendName } from '@mixup/core';
import {
  parseCommandFlags, type FlagSpecs, formatEpochLine, runCli, RunDir,
} from '@mixup/cli';

import {
  BOTTLENECK, DEFAULT_SPIRAL_ARGS, makeSpiralData, runMethod,
  SPIRAL_METHODS, type MethodResult, type SpiralMethod,
} from './experiment.js';
import { renderHiddenMap, renderInputMap, renderSpectra } from './render.js';
import { resultsTable } from './report.js';

const USAGE = 'npm start -- [flags]\n\n' +
  'Two interlocked spirals, an MLP with a 2-unit bottleneck, trained with\n' +
  'ERM, Input Mixup and Manifold Mixup (mixing at the bottleneck). Writes\n' +
  'decision maps, hidden-space maps, singular values and a table.';

const FLAGS: FlagSpecs = {
  'out': { type: 'string', default: 'out/spirals', help: 'output folder' },
  'epochs': { type: 'int', default: DEFAULT_SPIRAL_ARGS.epochs, min: 1,
    help: 'epochs per method' },
  'method': { type: 'enum', choices: ['all', ...SPIRAL_METHODS],
    default: 'all', help: 'train one method only' },
  'per-class': { type: 'int', default: DEFAULT_SPIRAL_ARGS.perClass, min: 2,
    help: 'labelled training points per class' },
  'seed': { type: 'int', default: DEFAULT_SPIRAL_ARGS.seed, min: 0,
    help: 'seed of the run' },
};

async function main(argv: string[]): Promise<void> {
  const values = parseCommandFlags(argv, FLAGS, USAGE);
  if (values === null) return;
  const quiet = values.quiet === true;
  const say = (line: string) => { if (!quiet) console.log(line); };
  const backend = await initBackend({
    backend: values.backend as BackendName | undefined,
    logger: { info: say, warn: (m) => console.error(m) },
  });
  const args = {
    ...DEFAULT_SPIRAL_ARGS, seed: values.seed as number,
    epochs: values.epochs as number, perClass: values['per-class'] as number,
  };
  const methods: SpiralMethod[] = values.method === 'all' ?
      [...SPIRAL_METHODS] : [values.method as SpiralMethod];
  const run = new RunDir(values.out as string);
  const config = { ...args, methods, backend: backend.name,
    bottleneck: BOTTLENECK };
  run.writeConfig(config);
  run.resetMetrics();
  say(`config: ${JSON.stringify(config)}`);
  const start = performance.now();
  const data = makeSpiralData(args);
  const results: MethodResult[] = [];
  for (const method of methods) {
    const result = await runMethod(method, args, data, (logs) => {
      run.appendMetrics({ method, ...logs });
      say(`${method.padEnd(8)} ` + formatEpochLine(logs.epoch, args.epochs,
        [['loss', logs.loss], ['test_acc', logs.test_acc],
          ['test_nll', logs.test_nll]], logs.lr, logs.seconds));
    });
    results.push(result);
    await writePictures(run, result, data.train.points, data.train.labels);
  }
  await renderSpectra(run.file('singular-values.png'), results);
  const table = resultsTable(results);
  fs.writeFileSync(run.file('results.md'), `${table}\n`);
  const seconds = (performance.now() - start) / 1000;
  run.writeSummary({
    backend: backend.name, wallTimeSeconds: seconds,
    methods: results.map((r) => ({
      method: r.method, trainAccuracy: r.trainAccuracy,
      testAccuracy: r.testAccuracy, testNll: r.testNll,
      farConfidence: r.farConfidence,
      singularValues: r.spectra.map((s) => s.singularValues),
      last: r.history[r.history.length - 1],
    })),
  });
  for (const r of results) r.network.dispose();
  console.log(`\n${table}\n`);
  console.log(`wrote pictures, results.md and summary.json to ` +
    `${path.relative(process.cwd(), run.dir) || '.'} in ${seconds.toFixed(1)}s`);
}

async function writePictures(run: RunDir, result: MethodResult,
    points: Float32Array, labels: Int32Array): Promise<void> {
  const { method, network } = result;
  await renderInputMap(run.file(`${method}-input-space.png`), network,
    points, labels, `${method}: input space`);
  const x = tf.tensor2d(points, [labels.length, 2]);
  const hidden = network.hiddenAt(x, BOTTLENECK);
  await renderHiddenMap(run.file(`${method}-hidden-space.png`), network,
    hidden.dataSync() as Float32Array, labels, BOTTLENECK,
    `${method}: hidden space`);
  tf.dispose([x, hidden]);
  await saveLayersModel(network.model, run.file(path.join('models', method)));
}

runCli('spirals', main);
