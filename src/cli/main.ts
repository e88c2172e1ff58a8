#!/usr/bin/env node
import { parseArgs, UsageError } from './args';
import { EMULATOR_OPTIONS, EMULATOR_USAGE, runEmulator } from './emulator-command';

const USAGE = `Usage: cdktf-fme <command> [options]

Commands:
  emulator   start a local FME (Split) Admin + SDK API server for tests and demos

Run 'cdktf-fme <command> --help' for a command's options.`;

/** The `cdktf-fme` command line; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === 'emulator') {
      const args = parseArgs(rest, EMULATOR_OPTIONS);
      if (args.options.help) {
        console.log(EMULATOR_USAGE);
        return 0;
      }
      await runEmulator(args, line => console.log(line));
      return 0;
    }
    throw new UsageError(`Unknown command '${command}'`);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`cdktf-fme: ${err.message}\n\n${command === 'emulator' ? EMULATOR_USAGE : USAGE}`);
      return 2;
    }
    console.error(`cdktf-fme: ${(err as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => process.exit(code), err => {
    console.error(err);
    process.exit(1);
  });
}
