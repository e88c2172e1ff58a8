/**
 * Pure retry decisions: which failures are worth retrying and how long to wait
 * (docs/decisions.md#d7-well-behaved-client; FME's documented 429 rule: docs/fme-api.md#rate-limiting).
 * Kept free of I/O so the rules are easy to read and to test.
 */

/** Network error codes that mean "the request may not have reached FME; try again". */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN',
  'ENETUNREACH', 'EHOSTUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ERR_BAD_RESPONSE',
]);

/** Tuning of the backoff; the defaults suit FME's documented behaviour. */
export interface RetryTuning {
  /** First backoff ceiling in ms; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling in ms. */
  readonly maxDelayMs: number;
  /** Wait used on a 429 that carries no reset header, in ms. */
  readonly defaultRateLimitWaitMs: number;
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY_TUNING: RetryTuning = {
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  defaultRateLimitWaitMs: 2_000,
  maxAttempts: 12,
};

/** True for network failures (connection reset/refused, timeouts, socket hang up). */
export function isRetryableNetworkError(code: string | undefined, message: string): boolean {
  if (code && RETRYABLE_NETWORK_CODES.has(code)) return true;
  return /socket hang up|timeout/i.test(message);
}

/** True for HTTP statuses that are worth another attempt (besides 429). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status <= 599;
}

function headerSeconds(headers: Record<string, unknown>, name: string): number | undefined {
  const raw = headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * How long to wait after a 429, in ms: the maximum of `X-RateLimit-Reset-Seconds-Org`,
 * `X-RateLimit-Reset-Seconds-IP` and `Retry-After` (seconds or an HTTP date), as FME documents.
 * Falls back to `fallbackMs` when none is present.
 */
export function rateLimitWaitMs(headers: Record<string, unknown>, nowMs: number, fallbackMs: number): number {
  const candidates: number[] = [];
  for (const name of ['x-ratelimit-reset-seconds-org', 'x-ratelimit-reset-seconds-ip', 'retry-after']) {
    const s = headerSeconds(headers, name);
    if (s !== undefined) candidates.push(s * 1000);
  }
  const retryAfter = headers['retry-after'];
  if (typeof retryAfter === 'string' && Number.isNaN(Number(retryAfter))) {
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) candidates.push(Math.max(0, at - nowMs));
  }
  if (candidates.length === 0) return fallbackMs;
  return Math.max(...candidates);
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base * 2^attempt)). */
export function backoffMs(attempt: number, random: number, tuning: RetryTuning): number {
  const ceiling = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random * ceiling);
}
