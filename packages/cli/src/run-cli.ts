import { UsageError } from './flags.js';

/**
 * Runs an app's main function: on failure, prints one line on stderr (the
 * stack too under --verbose) and exits non-zero: 2 for a bad command line,
 * 1 for any other error.
 */
export function runCli(name: string,
    main: (argv: string[]) => Promise<void>): void {
  const argv = process.argv.slice(2);
  const verbose = argv.includes('--verbose');
  main(argv).catch((err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`${name}: ${error.message}\n`);
    if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
