/**
 * Command-line parsing with Node's own `util.parseArgs` (strict: unknown options and missing
 * values are errors, so typos do not pass silently). Adds what it leaves out: an option that is not
 * `multiple` may be given once only, and every problem is a {@link UsageError}.
 */
import { parseArgs as nodeParseArgs, ParseArgsConfig } from 'util';

/** Thrown for a bad command line; the message says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The option declarations `util.parseArgs` takes. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly positionals: string[];
  /** Option name (without `--`) → value: a string, `true` for flags, a list for `multiple` options. */
  readonly values: Record<string, string | boolean | Array<string | boolean> | undefined>;
}

export function parseArgs(argv: readonly string[], options: OptionSpecs): ParsedArgs {
  let parsed;
  try {
    parsed = nodeParseArgs({ args: [...argv], options, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    // Node's messages name the option ("Unknown option '--prot'", "Option '--port <value>' argument missing").
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name) && !options[token.name]?.multiple) throw new UsageError(`Option --${token.name} given more than once`);
    seen.add(token.name);
  }
  return { positionals: parsed.positionals, values: parsed.values as ParsedArgs['values'] };
}

/** The string value of an option, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** The values of a `multiple` string option (empty when absent). */
export function listOption(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
