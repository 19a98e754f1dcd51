/**
 * Probe: can the threaded XNNPACK build of tfjs-backend-wasm run in Node?
 * Run: npx tsx packages/wasm-kernels/bench/threads.ts [threads]
 * Prints each step and the error where it stops.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as wasm from '@tensorflow/tfjs-backend-wasm';

const threads = Number(process.argv[2] ?? 2);
console.log(`node ${process.version}, SharedArrayBuffer: ${
  typeof SharedArrayBuffer}, Worker global: ${typeof globalThis.Worker}`);
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
wasm.setThreadsCount(threads);
const timer = setTimeout(() => {
  console.log('threads: backend start hung for 30 s');
  process.exit(2);
}, 30_000);
try {
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  console.log(`setBackend ok=${ok}, threads in use: ${wasm.getThreadsCount()}`);
  const a = tf.randomNormal([512, 512]);
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) tf.matMul(a, a).dataSync();
  console.log(`matMul 512^3: ${((performance.now() - t0) / 10).toFixed(1)} ms`);
} catch (e) {
  console.log(`threads: failed: ${(e as Error).stack}`);
}
clearTimeout(timer);
process.exit(0);
