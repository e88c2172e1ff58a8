import { resolve } from 'path';
import { EmulatorOptions, startEmulator } from '../emulator';
import { flagOption, listOption, OptionSpecs, ParsedArgs, stringOption, UsageError } from './args';
import { Command, CommandIo, HELP_OPTION } from './command';
import { watchParent } from './parent-watch';

export const EMULATOR_OPTIONS: OptionSpecs = {
  'port': { type: 'string' },
  'data': { type: 'string' },
  'admin-key': { type: 'string', multiple: true },
  'sdk-key': { type: 'string', multiple: true },
  'rate-limit': { type: 'string' },
  'lenient': { type: 'boolean' },
  ...HELP_OPTION,
};

export const EMULATOR_USAGE = `Usage: cdktf-fme emulator [--port N] [--data FILE] [--admin-key KEY]... [--sdk-key KEY[=ENV]]... [--rate-limit RPS] [--lenient]

Starts a local FME (Split) server on 127.0.0.1: the Admin API under /internal/api/v2 and the
SDK API under /api, and prints the export lines that point the library and the SDK at it.
Stop it with Ctrl-C (SIGINT) or SIGTERM; it also stops when the process that started it exits.
The data file is flushed first.

  --port N            TCP port (default 0: a free port, printed on start)
  --data FILE         JSON file to persist to (default: in memory only)
  --admin-key KEY     Admin API key; repeat for several (default emulator-admin-key).
                      Change requests need a second key to approve.
  --sdk-key KEY[=ENV] extra SDK key for environment ENV (bare: the first environment).
                      Every environment also accepts sdk-<environment name>.
  --rate-limit RPS    Admin API rate limit in requests per second (default: none)
  --lenient           accept what FME may accept where its behaviour is not confirmed
                      (default: strict, refuse it; see src/emulator/README.md)
  -h, --help          this text

Controls (no auth): GET /__emulator/counters, POST /__emulator/counters/reset,
PUT /__emulator/faults, PUT /__emulator/rate-limit, GET /__emulator/state.`;

const DEFAULT_ADMIN_KEY = 'emulator-admin-key';
const DEFAULT_SDK_KEY = 'emulator-sdk-key';

/** Turns parsed arguments into emulator options; bad values are UsageErrors. */
export function emulatorOptions(args: ParsedArgs): EmulatorOptions {
  const portText = stringOption(args, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0..65535, got '${portText}'`);
  const rpsText = stringOption(args, 'rate-limit');
  const rps = rpsText === undefined ? undefined : Number(rpsText);
  if (rps !== undefined && !(rps > 0)) throw new UsageError(`--rate-limit must be a positive number of requests per second, got '${rpsText}'`);
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument '${args.positionals[0]}'`);
  const adminKeys = listOption(args, 'admin-key');
  const sdkKeys = listOption(args, 'sdk-key');
  const data = stringOption(args, 'data');
  return {
    port,
    dataFile: data === undefined ? undefined : resolve(data),
    adminApiKeys: adminKeys.length > 0 ? adminKeys : undefined,
    sdkKeys: sdkKeys.length > 0 ? sdkKeys : undefined,
    rateLimit: rps === undefined ? undefined : { requestsPerSecond: rps },
    ...(flagOption(args, 'lenient') ? { strictness: 'lenient' as const } : {}),
  };
}

/** The shell lines that point `cdktf deploy`, `cdktf-fme diff` and a Split SDK at the emulator. */
export function exportLines(adminBaseUrl: string, options: EmulatorOptions): string[] {
  const sdkKey = (options.sdkKeys?.[0] ?? DEFAULT_SDK_KEY).split('=')[0];
  return [
    `export FME_API_BASE_URL=${adminBaseUrl}`,
    `export FME_API_KEY=${options.adminApiKeys?.[0] ?? DEFAULT_ADMIN_KEY}`,
    `export FME_SDK_KEY=${sdkKey}   # or sdk-<environment name> for any environment`,
  ];
}

/** Runs the emulator until SIGINT/SIGTERM or until the process that started it exits. */
export async function runEmulator(args: ParsedArgs, io: CommandIo): Promise<number> {
  const options = emulatorOptions(args);
  const emu = await startEmulator(options);
  io.out(`FME emulator listening on ${emu.url} (admin API ${emu.adminBaseUrl}, SDK API ${emu.sdkBaseUrl}, data ${options.dataFile ?? 'in memory'}`
    + `${options.strictness === 'lenient' ? ', lenient' : ''})`);
  for (const line of exportLines(emu.adminBaseUrl, options)) io.out(line);
  await new Promise<void>((done) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      unwatch();
      emu.stop().then(done, done);
    };
    const unwatch = watchParent((why) => {
      io.err(`cdktf-fme emulator: stopping, ${why}`);
      stop();
    });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

export const emulatorCommand: Command = {
  name: 'emulator',
  summary: 'start a local FME (Split) Admin + SDK API server for tests and demos',
  usage: EMULATOR_USAGE,
  options: EMULATOR_OPTIONS,
  run: runEmulator,
};
