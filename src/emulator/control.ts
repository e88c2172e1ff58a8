import { Counters } from './counters';
import { ApiError } from './errors';
import { FaultInjector } from './faults';
import { RateLimiter } from './rate-limit';
import { Router } from './router';
import { Store } from './store';
import { FaultOptions, RateLimitOptions } from './types';

/** The emulator's own controls under `/__emulator` (no auth; never faulted or rate limited). */
export interface ControlTargets {
  readonly store: Store;
  readonly counters: Counters;
  readonly faults: FaultInjector;
  readonly rateLimiter: RateLimiter;
}

export type ControlHandler = (targets: ControlTargets, body: unknown) => unknown;

export function controlRouter(): Router<ControlHandler> {
  return new Router<ControlHandler>()
    .add('GET', '/counters', t => t.counters.snapshot())
    .add('POST', '/counters/reset', t => {
      t.counters.reset();
      return t.counters.snapshot();
    })
    .add('PUT', '/faults', (t, body) => {
      guard(() => t.faults.set(isEmpty(body) ? undefined : body as FaultOptions));
      return true;
    })
    .add('PUT', '/rate-limit', (t, body) => {
      guard(() => t.rateLimiter.set(isEmpty(body) ? undefined : body as RateLimitOptions));
      return true;
    })
    .add('GET', '/state', t => t.store.data)
    // How long large segment upload URLs work (ms): tests shorten it to see them expire.
    .add('PUT', '/upload-url-ttl', (t, body) => {
      const ms = (body as { ms?: unknown } | undefined)?.ms;
      if (typeof ms !== 'number' || !(ms >= 0)) throw new ApiError(400, 'Send {"ms": <milliseconds>}');
      t.store.uploadUrlTtlMs = ms;
      return true;
    });
}

function isEmpty(body: unknown): boolean {
  return body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0);
}

/** Option errors become 400s naming the bad field. */
function guard(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    throw new ApiError(400, (e as Error).message);
  }
}
