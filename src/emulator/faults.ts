import { SeededRandom } from './random';
import { FaultOptions } from './types';

/** Upper bound on injected latency, so a fault test can never hang a suite. */
export const MAX_LATENCY_MS = 60_000;

/** What happens to one request. */
export interface FaultDecision {
  /** Milliseconds to wait before handling (0 = none). */
  readonly latencyMs: number;
  /** Destroy the socket without answering. */
  readonly reset: boolean;
  /** Answer with this 5xx status instead of handling (0 = none). */
  readonly errorStatus: number;
}

const NO_FAULT: FaultDecision = { latencyMs: 0, reset: false, errorStatus: 0 };
const ERROR_STATUSES = [500, 502, 503];

/** Checks options and throws an Error naming the bad field. */
export function validateFaultOptions(f: FaultOptions): void {
  for (const field of ['errorRate', 'resetRate'] as const) {
    const v = f[field];
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1))) throw new Error(`faults.${field} must be a number between 0 and 1, got ${JSON.stringify(v)}`);
  }
  if (f.latencyMs !== undefined) {
    const { min, max } = f.latencyMs;
    if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min || max > MAX_LATENCY_MS) {
      throw new Error(`faults.latencyMs must be {min, max} with 0 <= min <= max <= ${MAX_LATENCY_MS}, got ${JSON.stringify(f.latencyMs)}`);
    }
  }
  if (f.maxFaults !== undefined && !(Number.isInteger(f.maxFaults) && f.maxFaults >= 0)) {
    throw new Error(`faults.maxFaults must be an integer >= 0, got ${JSON.stringify(f.maxFaults)}`);
  }
  if (f.seed !== undefined && !Number.isInteger(f.seed)) throw new Error(`faults.seed must be an integer, got ${JSON.stringify(f.seed)}`);
  if (f.match !== undefined) {
    try {
      new RegExp(f.match);
    } catch {
      throw new Error(`faults.match is not a valid regular expression: ${f.match}`);
    }
  }
}

/**
 * Seeded fault injection for the Admin API. Each matching request draws exactly three numbers
 * (latency, reset, error) from the PRNG, so the decisions depend only on the seed and the
 * order of matching requests.
 */
export class FaultInjector {
  private options: FaultOptions | undefined;
  private random = new SeededRandom(1);
  private match: RegExp | undefined;
  private injected = 0;

  constructor(options?: FaultOptions) {
    this.set(options);
  }

  /** Replaces the options (undefined or `{}` clears them) and restarts the sequence from the seed. */
  public set(options?: FaultOptions): void {
    if (options) validateFaultOptions(options);
    const active = options && (options.errorRate || options.resetRate || options.latencyMs);
    this.options = active ? options : undefined;
    this.random = new SeededRandom(options?.seed ?? 1);
    this.match = options?.match !== undefined ? new RegExp(options.match) : undefined;
    this.injected = 0;
  }

  /** The fault for a request; `paths` are the forms a `match` regex is tried against. */
  public decide(method: string, paths: string[]): FaultDecision {
    const o = this.options;
    if (!o) return NO_FAULT;
    if (this.match && !paths.some(p => this.match!.test(`${method} ${p}`))) return NO_FAULT;
    const latencyDraw = this.random.next();
    const resetDraw = this.random.next();
    const errorDraw = this.random.next();
    const latencyMs = o.latencyMs ? o.latencyMs.min + Math.floor(latencyDraw * (o.latencyMs.max - o.latencyMs.min + 1)) : 0;
    const budgetLeft = o.maxFaults === undefined || this.injected < o.maxFaults;
    if (budgetLeft && resetDraw < (o.resetRate ?? 0)) {
      this.injected++;
      return { latencyMs, reset: true, errorStatus: 0 };
    }
    if (budgetLeft && errorDraw < (o.errorRate ?? 0)) {
      this.injected++;
      const status = ERROR_STATUSES[Math.floor((errorDraw / (o.errorRate ?? 1)) * ERROR_STATUSES.length) % ERROR_STATUSES.length];
      return { latencyMs, reset: false, errorStatus: status };
    }
    return { latencyMs, reset: false, errorStatus: 0 };
  }
}
