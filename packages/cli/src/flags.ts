import { parseArgs } from 'node:util';

/** One command-line flag. */
export type FlagSpec =
  | { type: 'string'; default?: string; help: string }
  | { type: 'boolean'; help: string }
  | { type: 'int'; default?: number; min?: number; max?: number; help: string }
  | { type: 'number'; default?: number; min?: number; max?: number;
      help: string }
  | { type: 'enum'; choices: readonly string[]; default?: string; help: string }
  | { type: 'int-list'; default?: number[]; help: string };

export type FlagSpecs = Record<string, FlagSpec>;

/** Parsed values: numbers for int/number, arrays for lists. */
export type FlagValues = Record<string, string | number | boolean | number[] |
    undefined>;

/** A bad command line: apps print its message alone and exit 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** The flags every app takes (see ARCHITECTURE.md). */
export const COMMON_FLAGS: FlagSpecs = {
  'help': { type: 'boolean', help: 'print this help and exit' },
  'data-dir': { type: 'string',
    help: 'data folder (else $MIXUP_DATA_DIR, else a per-user cache)' },
  'out': { type: 'string', help: 'output folder for the run' },
  'seed': { type: 'int', default: 1, min: 0, help: 'seed of the run' },
  'backend': { type: 'enum', choices: ['node-gpu', 'node', 'wasm', 'cpu'],
    help: 'force a TensorFlow.js backend (else $MIXUP_BACKEND, else best)' },
  'quiet': { type: 'boolean', help: 'print only the summary' },
  'verbose': { type: 'boolean', help: 'print stacks on errors' },
};

function parseNumber(name: string, spec: FlagSpec, raw: string): number {
  const value = Number(raw);
  const isInt = spec.type === 'int';
  // Integers in plain decimal only: Number() would also take 1e1 and 0x2.
  if (raw.trim() === '' || !Number.isFinite(value) ||
      (isInt && (!/^\s*[-+]?\d+\s*$/.test(raw) ||
        !Number.isSafeInteger(value)))) {
    throw new UsageError(
      `--${name}: must be ${isInt ? 'an integer' : 'a number'}, but got ` +
      `'${raw}'.`);
  }
  const { min, max } = spec as { min?: number; max?: number };
  if (min !== undefined && value < min) {
    throw new UsageError(`--${name}: must be >= ${min}, but got ${value}.`);
  }
  if (max !== undefined && value > max) {
    throw new UsageError(`--${name}: must be <= ${max}, but got ${value}.`);
  }
  return value;
}

function convert(name: string, spec: FlagSpec,
    raw: string | boolean | undefined): FlagValues[string] {
  if (raw === undefined) return 'default' in spec ? spec.default : undefined;
  if (spec.type === 'boolean') return raw === true;
  const text = String(raw);
  switch (spec.type) {
    case 'string':
      if (text === '') {
        throw new UsageError(`--${name}: must not be empty, but got ''.`);
      }
      return text;
    case 'int':
    case 'number':
      return parseNumber(name, spec, text);
    case 'enum':
      if (!spec.choices.includes(text)) {
        throw new UsageError(
          `--${name}: must be one of ${spec.choices.join(', ')}, but got ` +
          `'${text}'.`);
      }
      return text;
    case 'int-list':
      return text.split(',').map((part) =>
        parseNumber(name, { type: 'int', help: '' }, part));
  }
}

/**
 * Rewrites `--flag -1` as `--flag=-1` for flags that take a value, since
 * node's parseArgs reads a leading '-' as another option.
 */
function joinNegativeValues(argv: readonly string[],
    specs: FlagSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    const spec = specs[name];
    const next = argv[i + 1];
    if (spec !== undefined && spec.type !== 'boolean' &&
        next !== undefined && /^-\d|^-\.\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

/**
 * Parses `argv` against the common flags plus `specs`. Unknown flags,
 * missing values and values of the wrong kind are UsageErrors that name
 * the flag, the rule and the value received.
 *
 * @returns The values by flag name, and the positional arguments.
 */
export function parseFlags(argv: readonly string[], specs: FlagSpecs):
    { values: FlagValues; positionals: string[] } {
  const all = { ...COMMON_FLAGS, ...specs };
  const options = Object.fromEntries(Object.entries(all).map(([name, s]) =>
    [name, { type: s.type === 'boolean' ? 'boolean' : 'string' } as const]));
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, all), options,
      allowPositionals: true,
      strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} ` +
      '(see --help).');
  }
  const values: FlagValues = {};
  for (const [name, spec] of Object.entries(all)) {
    values[name] = convert(name, spec,
      parsed.values[name] as string | boolean | undefined);
  }
  return { values, positionals: parsed.positionals };
}

/** The --help text: usage line, then one line per flag. */
export function formatHelp(usage: string, specs: FlagSpecs): string {
  const all = { ...specs, ...COMMON_FLAGS };
  const lines = Object.entries(all).map(([name, s]) => {
    const kind = s.type === 'enum' ? s.choices.join('|') :
        s.type === 'boolean' ? '' : s.type === 'int-list' ? 'N,N,...' :
        s.type.toUpperCase();
    const dflt = 'default' in s && s.default !== undefined ?
        ` (default ${s.default})` : '';
    const head = `  --${name}${kind ? ` ${kind}` : ''}`;
    return `${head.padEnd(34)}${head.length >= 34 ? '  ' : ''}` +
        `${s.help}${dflt}`;
  });
  return `${usage}\n\nFlags:\n${lines.join('\n')}\n`;
}

/**
 * Parses a command's flags, prints its help on --help, and refuses
 * positional arguments: the start of every app command.
 *
 * @returns The values, or null when the help was printed.
 */
export function parseCommandFlags(argv: readonly string[], specs: FlagSpecs,
    usage: string): FlagValues | null {
  const { values, positionals } = parseFlags(argv, specs);
  if (values['help'] === true) {
    process.stdout.write(formatHelp(usage, specs));
    return null;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `unexpected argument '${positionals[0]}' (see --help).`);
  }
  return values;
}
