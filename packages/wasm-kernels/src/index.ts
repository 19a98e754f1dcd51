import { registerWasmKernels } from './register.js';
export {
  registerNaiveConv2DBackpropFilter,
  registerNaiveUnsortedSegmentSum,
  removeNaiveKernels,
} from './naive-kernels.js';

export {
  registerWasmKernels,
  restoreStockKernels,
  WASM_KERNEL_NAMES,
} from './register.js';

// Importing the package is enough to get the kernels.
registerWasmKernels();
