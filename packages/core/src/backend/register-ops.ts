// tfjs-core on its own registers neither the gradients of its kernels nor
// the chained tensor methods (x.add(y)); the union package @tensorflow/tfjs
// does both, and so does importing the core of this library.
// NOTE: the main entry first. Under Node's resolution it is the CommonJS
// bundle, while the deep imports below load the ES-module tree; whichever
// copy runs first creates tfjs's global engine, and only the main entry
// sets it up fully. Both copies share tfjs's global registries.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
