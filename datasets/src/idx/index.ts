export { hex32, parseIdx, readIdx } from './read-idx.js';
export type { IdxArray } from './read-idx.js';
export {
  FASHION_MNIST_CLASSES, loadFashionMnist, loadMnistFamily,
} from './load-mnist-family.js';
export type { ImageSet, MnistFamilyArgs } from './load-mnist-family.js';
