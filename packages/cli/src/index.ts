export {
  COMMON_FLAGS, formatHelp, parseCommandFlags, parseFlags, UsageError,
} from './flags.js';
export type { FlagSpec, FlagSpecs, FlagValues } from './flags.js';
export { formatEpochLine, formatRate } from './format.js';
export { RunDir } from './run-dir.js';
export { runCli, runCommandCli } from './run-cli.js';
export type { Command } from './run-cli.js';
