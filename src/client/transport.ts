import type { AxiosInstance, AxiosStatic } from 'axios';
import { FmeApiError, FmeClientConfigError, OperationContext } from './errors';
import { RateLimitGate } from './rate-limit-gate';
import { redact } from './redact';
import {
  DEFAULT_RETRY_TUNING, RetryTuning, backoffMs, isRetryableNetworkError, isRetryableStatus, rateLimitWaitMs,
} from './retry-policy';
import { ClientRuntime, systemRuntime } from './runtime';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Which header carries the API key; FME accepts both for the same token. */
export type AuthScheme = 'x-api-key' | 'bearer';

export interface TransportOptions {
  /** Admin API v2 base URL, e.g. `https://api.split.io/internal/api/v2`. */
  readonly baseUrl: string;
  /** Name of the environment variable holding the API key; read at call time. */
  readonly apiKeyEnvVar: string;
  /** Bound on the total time one request may spend, retries and waits included, in seconds. */
  readonly maxRetrySeconds: number;
  /** Timeout of a single attempt in ms. @default 30000 */
  readonly requestTimeoutMs?: number;
  /** @default 'x-api-key' */
  readonly authScheme?: AuthScheme;
  /** Where rate-limit deadlines are shared with other processes; `null` disables sharing. @default RateLimitGate.defaultFile(baseUrl) */
  readonly rateLimitGate?: RateLimitGate | null;
  readonly runtime?: ClientRuntime;
  readonly tuning?: Partial<RetryTuning>;
  /** Where the API key variable is looked up. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface FmeRequest {
  readonly method: HttpMethod;
  /** Path relative to the base URL, already URL-encoded. */
  readonly path: string;
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
  readonly context: OperationContext;
  /** Return `undefined` on 404 instead of failing (reads of objects that may be absent, idempotent deletes). */
  readonly notFoundOk?: boolean;
}

/** Reads and writes sent, counted once per logical request (retries are not counted). */
export class RequestTally {
  public reads = 0;
  public writes = 0;
  public describe(): string {
    const r = `${this.reads} read${this.reads === 1 ? '' : 's'}`;
    const w = `${this.writes} write${this.writes === 1 ? '' : 's'}`;
    return `${r}, ${w}`;
  }
}

type AttemptResult =
  | { kind: 'response'; status: number; data: unknown; headers: Record<string, unknown> }
  | { kind: 'network'; code?: string; message: string };

/**
 * Sends Admin API requests with the retry rules of docs/decisions.md#d7-well-behaved-client: honour
 * 429 reset headers (shared with other processes through the {@link RateLimitGate}), full-jitter
 * backoff on 5xx and network errors, bounded attempts and total time, and a final
 * {@link FmeApiError} that never carries the key.
 */
export class FmeTransport {
  /** Counts logical requests; the handler swaps it per FME object to report reads/writes. */
  public tally = new RequestTally();
  private readonly runtime: ClientRuntime;
  private readonly tuning: RetryTuning;
  private readonly gate: RateLimitGate | null;
  /** A closure, not the env object itself, so `util.inspect(client)` cannot show the key. */
  private readonly lookupKey: () => string | undefined;
  private axiosInstance?: AxiosInstance;
  private readonly options: TransportOptions;

  constructor(options: TransportOptions) {
    this.options = { ...options, env: undefined };
    this.runtime = options.runtime ?? systemRuntime;
    this.tuning = { ...DEFAULT_RETRY_TUNING, ...options.tuning };
    this.gate = options.rateLimitGate === undefined
      ? new RateLimitGate(RateLimitGate.defaultFile(options.baseUrl))
      : options.rateLimitGate;
    const env = options.env ?? process.env;
    const name = options.apiKeyEnvVar;
    this.lookupKey = () => env[name];
  }

  /**
   * Sends one request, retrying as docs/decisions.md#d7-well-behaved-client says. Resolves the
   * parsed body, or `undefined` on an allowed 404.
   */
  public async send<T>(req: FmeRequest): Promise<T | undefined> {
    const apiKey = this.readApiKey();
    if (req.method === 'GET') this.tally.reads++; else this.tally.writes++;
    const start = this.runtime.now();
    const deadline = start + this.options.maxRetrySeconds * 1000;
    for (let attempt = 1; ; attempt++) {
      await this.waitForSharedRateLimit(deadline);
      const result = await this.attempt(req, apiKey);
      if (result.kind === 'response' && result.status !== 429) this.gate?.noteAccepted(this.runtime.now());
      if (result.kind === 'response') {
        if (result.status < 400) return result.data as T;
        if (result.status === 404 && req.notFoundOk) return undefined;
      }
      const waitMs = this.retryWait(result, attempt);
      const elapsed = this.runtime.now() - start;
      if (waitMs === undefined || attempt >= this.tuning.maxAttempts || start + elapsed + waitMs > deadline) {
        throw this.toError(req, result, attempt, elapsed, apiKey);
      }
      await this.runtime.sleep(waitMs);
    }
  }

  private readApiKey(): string {
    const name = this.options.apiKeyEnvVar;
    const value = this.lookupKey();
    if (!value) {
      throw new FmeClientConfigError(
        `The FME Admin API key is not set: environment variable ${name} is empty. Export it before running cdktf deploy/destroy.`);
    }
    return value;
  }

  private async waitForSharedRateLimit(deadline: number): Promise<void> {
    if (!this.gate) return;
    // A slot reserved before another process's 429 would send into the emptied bucket: after
    // waiting, look again, and take a new slot behind the new deadline if there is one.
    for (let round = 0; round < 5; round++) {
      const now = this.runtime.now();
      const wait = Math.min(this.gate.reserve(now), Math.max(0, deadline - now));
      if (wait > 0) await this.runtime.sleep(wait);
      if (this.gate.remainingMs(this.runtime.now()) === 0) return;
    }
  }

  /** Wait before the next attempt, or `undefined` when the failure is not worth retrying. */
  private retryWait(result: AttemptResult, attempt: number): number | undefined {
    if (result.kind === 'network') {
      return isRetryableNetworkError(result.code, result.message)
        ? backoffMs(attempt, this.runtime.random(), this.tuning) : undefined;
    }
    if (result.status === 429) {
      const now = this.runtime.now();
      // A little jitter so parallel processes do not all return at the same millisecond.
      const wait = rateLimitWaitMs(result.headers, now, this.tuning.defaultRateLimitWaitMs)
        + Math.floor(this.runtime.random() * 250);
      this.gate?.record(now + wait, now);
      return wait;
    }
    return isRetryableStatus(result.status) ? backoffMs(attempt, this.runtime.random(), this.tuning) : undefined;
  }

  private async attempt(req: FmeRequest, apiKey: string): Promise<AttemptResult> {
    const auth = this.options.authScheme === 'bearer'
      ? { Authorization: `Bearer ${apiKey}` }
      : { 'x-api-key': apiKey };
    try {
      const res = await this.http().request({
        method: req.method,
        url: req.path,
        params: req.query,
        data: req.body === undefined ? undefined : JSON.stringify(req.body),
        headers: { ...auth, 'Content-Type': 'application/json', 'Accept': 'application/json' },
      });
      return { kind: 'response', status: res.status, data: res.data, headers: { ...res.headers } };
    } catch (e) {
      // Copy only code and message: the axios error itself holds the request headers (the key).
      const err = e as { code?: string; message?: string };
      return { kind: 'network', code: err.code, message: String(err.message ?? 'unknown error') };
    }
  }

  private http(): AxiosInstance {
    if (!this.axiosInstance) {
      // Lazy: axios is the heaviest module of the handler bundle (docs/decisions.md#d5-fast-handler).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require('axios') as AxiosStatic & { default?: AxiosStatic };
      const axios = loaded.default ?? loaded;
      this.axiosInstance = axios.create({
        baseURL: this.options.baseUrl.replace(/\/+$/, ''),
        timeout: this.options.requestTimeoutMs ?? 30_000,
        // We decide what a status means; axios must not throw errors that carry our headers.
        validateStatus: () => true,
        // Redirects could forward the x-api-key header to another host.
        maxRedirects: 0,
        transitional: { silentJSONParsing: true, clarifyTimeoutError: true },
      });
    }
    return this.axiosInstance;
  }

  private toError(req: FmeRequest, result: AttemptResult, attempts: number, elapsedMs: number, apiKey: string): FmeApiError {
    let status: number | undefined;
    let message: string;
    let transactionId: string | undefined;
    if (result.kind === 'network') {
      message = result.code ? `${result.code} (${result.message})` : result.message;
    } else {
      status = result.status;
      const body = result.data as { message?: unknown; transactionId?: unknown } | string | undefined;
      if (body && typeof body === 'object') {
        message = typeof body.message === 'string' ? body.message : JSON.stringify(body);
        transactionId = typeof body.transactionId === 'string' ? body.transactionId : undefined;
      } else {
        message = typeof body === 'string' && body.length > 0 ? body : '(empty response body)';
      }
    }
    return new FmeApiError({
      ...req.context,
      method: req.method,
      path: req.path,
      status,
      fmeMessage: redact(message.slice(0, 1000), apiKey),
      transactionId,
      attempts,
      elapsedMs,
    });
  }
}
