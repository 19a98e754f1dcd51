// tfjs-core on its own registers neither the gradients of its kernels nor
// the chained tensor methods (x.add(y)); the union package @tensorflow/tfjs
// does both, and so does importing the core of this library.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
