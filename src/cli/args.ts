/**
 * A tiny command-line parser (no dependency): `--name value`, `--name=value`, repeatable
 * options, boolean flags. Unknown options are errors, so typos do not pass silently.
 */

/** Thrown for a bad command line; the message says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Takes a value (`--port 8080`); otherwise a boolean flag. */
  readonly value: boolean;
  /** May be given several times; values are collected in order. */
  readonly repeatable?: boolean;
}

export interface ParsedArgs {
  readonly positionals: string[];
  /** Option name (without `--`) → values (flags get `['true']`). */
  readonly options: Record<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: Record<string, OptionSpec>): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`Unknown option --${name}`);
    let value = 'true';
    if (spec.value) {
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
      else throw new UsageError(`Option --${name} needs a value`);
    } else if (eq >= 0) {
      throw new UsageError(`Option --${name} takes no value`);
    }
    if (options[name] && !spec.repeatable) throw new UsageError(`Option --${name} given more than once`);
    (options[name] ??= []).push(value);
  }
  return { positionals, options };
}
