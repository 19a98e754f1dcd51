import { registerWasmKernels } from './register.js';

export {
  registerWasmKernels,
  restoreStockKernels,
  WASM_KERNEL_NAMES,
} from './register.js';

// Importing the package is enough to get the kernels.
registerWasmKernels();
