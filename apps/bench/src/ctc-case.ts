// Case ctc-t64-b32-v80: the CTC loss and its gradient, from the text
// recognition package's own benchmark case (the peer's case_ctc).
import { CaseUnavailableError } from './cases.js';
import type { BuiltCase, CaseOptions } from './cases.js';

interface CtcModule {
  ctcBenchCase?: (seed?: number) => { step(): void; dispose(): void };
}

/** Builds the case, or throws CaseUnavailableError saying what is missing. */
export async function buildCtc(o: CaseOptions): Promise<BuiltCase> {
  let mod: CtcModule;
  try {
    mod = await import('@mixup/text-recognition') as CtcModule;
  } catch (err) {
    throw new CaseUnavailableError(
      `not available yet (@mixup/text-recognition does not load: ` +
      `${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof mod.ctcBenchCase !== 'function') {
    throw new CaseUnavailableError(
      'not available yet (@mixup/text-recognition exports no ctcBenchCase)');
  }
  const bench = mod.ctcBenchCase(o.seed);
  return {
    steps: o.keys.includes('loss+grad') ? { 'loss+grad': () => bench.step() } :
      {},
    items: 1,
    dispose: () => bench.dispose(),
  };
}
