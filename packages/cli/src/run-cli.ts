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
  // A reader that stops early (`| head`) is not an error of the app.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  main(argv).catch((err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`${name}: ${error.message}\n`);
    if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}

/** A subcommand: takes the arguments after its name. */
export type Command = (argv: string[]) => Promise<void>;

/**
 * Runs an app made of subcommands (`app train ...`, `app evaluate ...`):
 * no command or `--help` prints `usage`; an unknown one is a UsageError.
 */
export function runCommandCli(name: string, usage: string,
    commands: Readonly<Record<string, Command>>): void {
  runCli(name, async ([command, ...rest]) => {
    if (command === undefined || command === '--help' || command === 'help') {
      process.stdout.write(usage);
      return;
    }
    const run = commands[command];
    if (run === undefined) {
      throw new UsageError(`unknown command '${command}'; expected one of ` +
        `${Object.keys(commands).join(', ')} (see --help).`);
    }
    await run(rest);
  });
}
