/**
 * BatchMatMul and _FusedMatMul with transposed operands. The stock wasm
 * kernel runs transposeA / transposeB through a slow path (10x to 25x slower
 * than the plain product); a dense layer's backward pass always hits it
 * (dX = dY W^T, dW = X^T dY). We transpose the operand with the wasm
 * Transpose kernel and run the fast non-transposed product.
 */
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

import { disposeAll, runStock, transposeLast2 } from './backend-ops.js';

interface MatMulArgs {
  inputs: NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: NamedAttrMap;
}

/** Runs `name` with both operands made non-transposed. */
function untransposed(name: string, args: MatMulArgs): TensorInfo {
  const { inputs, backend, attrs } = args;
  const transposeA = attrs.transposeA === true;
  const transposeB = attrs.transposeB === true;
  if (!transposeA && !transposeB) {
    return runStock(name, backend, inputs, attrs);
  }
  const temps: TensorInfo[] = [];
  let a = inputs.a!;
  let b = inputs.b!;
  if (transposeA) temps.push((a = transposeLast2(backend, a)));
  if (transposeB) temps.push((b = transposeLast2(backend, b)));
  const out = runStock(name, backend, { ...inputs, a, b }, {
    ...attrs,
    transposeA: false,
    transposeB: false,
  });
  disposeAll(backend, temps);
  return out;
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: 'BatchMatMul',
  backendName: 'wasm',
  kernelFunc: ((args: MatMulArgs) =>
    untransposed('BatchMatMul', args)) as unknown as KernelFunc,
};

export const fusedMatMulConfig: KernelConfig = {
  kernelName: '_FusedMatMul',
  backendName: 'wasm',
  kernelFunc: ((args: MatMulArgs) =>
    untransposed('_FusedMatMul', args)) as unknown as KernelFunc,
};
