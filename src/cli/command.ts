import type { OptionSpecs, ParsedArgs } from './args';

/** Where a command writes: results on stdout, progress and warnings on stderr. */
export interface CommandIo {
  /** Where the API key variable and FME_API_BASE_URL are read. */
  readonly env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

/** One `cdktf-fme <command>`: its options, its help text, and what it does (resolving the exit code). */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  readonly usage: string;
  readonly options: OptionSpecs;
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

/** The `--help` option every command takes. */
export const HELP_OPTION: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

/** The process's own streams and environment. */
export const processIo: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};
