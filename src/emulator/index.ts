import { Counters } from './counters';
import { FaultInjector } from './faults';
import { RateLimiter } from './rate-limit';
import { ADMIN_PREFIX, EmulatorServer, SDK_PREFIX } from './server';
import { Store } from './store';
import { EmulatorOptions, FaultOptions, RateLimitOptions, RunningEmulator } from './types';

export * from './types';
export { ApiError } from './errors';

/** Thrown when the emulator is asked to listen on a non-loopback address. */
export class EmulatorHostError extends Error {
  constructor(host: string) {
    super(`The FME emulator listens on loopback only; '${host}' is not a loopback address (use 127.0.0.1, ::1 or localhost)`);
    this.name = 'EmulatorHostError';
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Starts a local FME emulator: the Admin API under `/internal/api/v2` and the SDK API under
 * `/api` on one loopback port. See `src/emulator/README.md` for endpoints, keys and controls.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new EmulatorHostError(host);
  const store = Store.open(options.dataFile, options.seed);
  const counters = new Counters();
  const faults = new FaultInjector(options.faults);
  const rateLimiter = new RateLimiter(options.rateLimit);
  const server = new EmulatorServer({
    store,
    adminApiKeys: options.adminApiKeys ?? ['emulator-admin-key'],
    sdkKeys: options.sdkKeys ?? ['emulator-sdk-key'],
    counters,
    faults,
    rateLimiter,
    strictness: options.strictness ?? 'strict',
  });
  const port = await server.listen(options.port ?? 0, host);
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostInUrl}:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    adminBaseUrl: url + ADMIN_PREFIX,
    sdkBaseUrl: url + SDK_PREFIX,
    port,
    counters: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    setFaults: (f?: FaultOptions) => faults.set(f),
    setRateLimit: (r?: RateLimitOptions) => rateLimiter.set(r),
    stop: () => {
      stopped ??= server.close().then(() => store.flush());
      return stopped;
    },
  };
}
