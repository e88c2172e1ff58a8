import { resolve } from 'path';
import { EmulatorOptions, startEmulator } from '../emulator';
import { OptionSpec, ParsedArgs, UsageError } from './args';

export const EMULATOR_OPTIONS: Record<string, OptionSpec> = {
  'port': { value: true },
  'data': { value: true },
  'admin-key': { value: true, repeatable: true },
  'sdk-key': { value: true, repeatable: true },
  'rate-limit': { value: true },
  'help': { value: false },
};

export const EMULATOR_USAGE = `Usage: cdktf-fme emulator [--port N] [--data FILE] [--admin-key KEY]... [--sdk-key KEY[=ENV]]... [--rate-limit RPS]

Starts a local FME (Split) server on 127.0.0.1: the Admin API under /internal/api/v2 and the
SDK API under /api. Stop it with Ctrl-C (SIGINT) or SIGTERM; the data file is flushed first.

  --port N            TCP port (default 0: a free port, printed on start)
  --data FILE         JSON file to persist to (default: in memory only)
  --admin-key KEY     Admin API key; repeat for several (default emulator-admin-key).
                      Change requests need a second key to approve.
  --sdk-key KEY[=ENV] extra SDK key for environment ENV (bare: the first environment).
                      Every environment also accepts sdk-<environment name>.
  --rate-limit RPS    Admin API rate limit in requests per second (default: none)
  --help              this text

Controls (no auth): GET /__emulator/counters, POST /__emulator/counters/reset,
PUT /__emulator/faults, PUT /__emulator/rate-limit, GET /__emulator/state.`;

/** Turns parsed arguments into emulator options; bad values are UsageErrors. */
export function emulatorOptions(args: ParsedArgs): EmulatorOptions {
  const one = (name: string): string | undefined => args.options[name]?.[0];
  const port = one('port') === undefined ? 0 : Number(one('port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0..65535, got '${one('port')}'`);
  const rps = one('rate-limit') === undefined ? undefined : Number(one('rate-limit'));
  if (rps !== undefined && !(rps > 0)) throw new UsageError(`--rate-limit must be a positive number of requests per second, got '${one('rate-limit')}'`);
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument '${args.positionals[0]}'`);
  return {
    port,
    dataFile: one('data') === undefined ? undefined : resolve(one('data')!),
    adminApiKeys: args.options['admin-key'],
    sdkKeys: args.options['sdk-key'],
    rateLimit: rps === undefined ? undefined : { requestsPerSecond: rps },
  };
}

/** Runs the emulator until SIGINT/SIGTERM. */
export async function runEmulator(args: ParsedArgs, out: (line: string) => void): Promise<void> {
  const options = emulatorOptions(args);
  const emu = await startEmulator(options);
  out(`FME emulator listening on ${emu.url} (admin API ${emu.adminBaseUrl}, SDK API ${emu.sdkBaseUrl}, data ${options.dataFile ?? 'in memory'})`);
  await new Promise<void>(done => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      emu.stop().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
