export {
  COMMON_FLAGS, formatHelp, parseFlags, UsageError,
} from './flags.js';
export type { FlagSpec, FlagSpecs, FlagValues } from './flags.js';
export { formatEpochLine, formatRate } from './format.js';
export { RunDir } from './run-dir.js';
export { runCli } from './run-cli.js';
