// tfjs-core alone registers neither the chained tensor methods (x.add(y))
// nor the kernels' gradients; every module here that uses them imports this.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
