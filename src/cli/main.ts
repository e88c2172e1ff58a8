#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, UsageError } from './args';
import { Command, CommandIo, processIo } from './command';
import { emulatorCommand } from './emulator-command';
import { importCommand } from './import-command';
import { diffCommand, driftCommand, EXIT_ERROR } from './live-commands';
import { lookupCommand } from './lookup-command';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [diffCommand, driftCommand, importCommand, lookupCommand, emulatorCommand];

/** Exit code of a bad command line (as before: distinct from 1, an error while running). */
const EXIT_USAGE = 2;

export const USAGE = `Usage: cdktf-fme <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Options:
  -h, --help     this text; 'cdktf-fme <command> --help' for a command's options
  -v, --version  the cdktf-harness-fme version`;

/** The package version, from the package.json two folders up (src/cli or lib/cli). */
export function packageVersion(): string {
  const file = path.resolve(__dirname, '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
}

/** The `cdktf-fme` command line; resolves the process exit code. */
export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(packageVersion());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`cdktf-fme: Unknown command '${name}'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const args = parseArgs(rest, command.options);
    if (args.values.help === true) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`cdktf-fme ${command.name}: ${err.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    io.err(`cdktf-fme ${command.name}: ${(err as Error).message}`);
    return EXIT_ERROR;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err);
    process.exit(EXIT_ERROR);
  });
}
