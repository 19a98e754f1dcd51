import { UsageError, type FlagSpecs, type FlagValues } from '@mixup/cli';
import {
  CLASSIFY_METHODS, NETWORK_NAMES, type ClassifyArgs, type ClassifyMethod,
  type NetworkName,
} from '@mixup/image-classification';

/** The flags of `train` (and of `table`, which trains many runs). */
export const TRAIN_FLAGS: FlagSpecs = {
  'network': { type: 'enum', choices: NETWORK_NAMES, default: 'preact18',
    help: 'network to train' },
  'width': { type: 'int', min: 1,
    help: 'base width (preact: stages w..8w, default 64; wrn: stem, 16)' },
  'widen': { type: 'int', default: 10, min: 1, help: "WRN's widening k" },
  'method': { type: 'enum', choices: CLASSIFY_METHODS, default: 'erm',
    help: 'training method' },
  'alpha': { type: 'number', min: 1e-6,
    help: 'Beta(alpha, alpha) (default 1 input, 2 manifold)' },
  'mix-points': { type: 'int-list', default: [0, 1, 2],
    help: "Manifold Mixup's mix points S" },
  'dropout-rate': { type: 'number', default: 0.5, min: 0, max: 0.95,
    help: "the 'dropout' method's rate, before the classifier" },
  'cutout-size': { type: 'int', min: 0,
    help: "the 'cutout' method's square (default 16 px scaled to 32 px)" },
  'padding': { type: 'int', min: 0,
    help: 'random-crop padding (default 4 px scaled to 32 px)' },
  'flip': { type: 'enum', choices: ['on', 'off'], default: 'on',
    help: 'random horizontal flips' },
  'epochs': { type: 'int', default: 200, min: 1, help: 'epochs' },
  'batch-size': { type: 'int', default: 100, min: 1, help: 'batch size' },
  'lr': { type: 'number', default: 0.1, min: 1e-9,
    help: 'initial learning rate (SGD, Nesterov momentum 0.9)' },
  'weight-decay': { type: 'number', default: 1e-4, min: 0,
    help: 'L2 weight decay' },
  'milestones': { type: 'int-list',
    help: 'epochs where lr drops x0.1 (default 50% and 75%)' },
  'limit': { type: 'int', default: 0, min: 0,
    help: 'use only the first N training examples (0 = all)' },
  'test-limit': { type: 'int', default: 0, min: 0,
    help: 'use only the first N test examples (0 = all)' },
  'eval-every': { type: 'int', default: 1, min: 1,
    help: 'test every N epochs and after the last (best among these)' },
  'fgsm-epsilon': { type: 'number', default: 0.03, min: 0,
    help: 'FGSM step on the [0, 1] pixel scale (0 = skip)' },
  'fgsm-limit': { type: 'int', default: 0, min: 0,
    help: 'attack only the first N test examples (0 = all)' },
  'resume': { type: 'boolean',
    help: 'continue from the newest checkpoint under --out' },
};

/** Maps parsed flags onto the package's run arguments. */
export function classifyArgsOf(values: FlagValues): ClassifyArgs {
  const milestones = values['milestones'] as number[] | undefined;
  const epochs = values['epochs'] as number;
  if (milestones !== undefined) {
    const ok = milestones.every((m, i) =>
      m >= 0 && m < epochs && (i === 0 || m > milestones[i - 1]));
    if (!ok) {
      throw new UsageError(
        `--milestones: must ascend within [0, ${epochs}), but got ` +
        `${milestones.join(',')}.`);
    }
  }
  const mixPoints = values['mix-points'] as number[];
  if (mixPoints.some((k) => k < 0) ||
      new Set(mixPoints).size !== mixPoints.length) {
    throw new UsageError(
      `--mix-points: must be distinct integers >= 0, but got ` +
      `${mixPoints.join(',')}.`);
  }
  return {
    network: values['network'] as NetworkName,
    width: values['width'] as number | undefined,
    widen: values['widen'] as number,
    method: values['method'] as ClassifyMethod,
    alpha: values['alpha'] as number | undefined,
    mixPoints,
    dropoutRate: values['dropout-rate'] as number,
    cutoutSize: values['cutout-size'] as number | undefined,
    padding: values['padding'] as number | undefined,
    flip: values['flip'] === 'on',
    epochs,
    batchSize: values['batch-size'] as number,
    lr: values['lr'] as number,
    weightDecay: values['weight-decay'] as number,
    milestones,
    seed: values['seed'] as number,
    limit: values['limit'] as number,
    testLimit: values['test-limit'] as number,
    evalEvery: values['eval-every'] as number,
    fgsmEpsilon: values['fgsm-epsilon'] as number,
    fgsmLimit: values['fgsm-limit'] as number,
  };
}
