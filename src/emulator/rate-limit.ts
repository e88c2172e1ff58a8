import { RateLimitOptions } from './types';

/** Checks options and throws an Error naming the bad field. */
export function validateRateLimitOptions(r: RateLimitOptions): void {
  if (typeof r.requestsPerSecond !== 'number' || !(r.requestsPerSecond > 0) || !Number.isFinite(r.requestsPerSecond)) {
    throw new Error(`rateLimit.requestsPerSecond must be a positive number, got ${JSON.stringify(r.requestsPerSecond)}`);
  }
  if (r.burst !== undefined && !(Number.isInteger(r.burst) && r.burst >= 1)) {
    throw new Error(`rateLimit.burst must be an integer >= 1, got ${JSON.stringify(r.burst)}`);
  }
}

/** The outcome of one request against the limits, with the headers FME sends. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
}

class TokenBucket {
  private tokens: number;
  /** Time of the last request; the bucket starts full at its first request. */
  private last: number | undefined;

  constructor(private readonly rate: number, private readonly capacity: number) {
    this.tokens = capacity;
  }

  public take(now: number): boolean {
    const elapsed = this.last === undefined ? 0 : Math.max(0, now - this.last);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  public remaining(): number {
    return Math.max(0, Math.floor(this.tokens));
  }

  /** Whole seconds until one request is allowed again (0 when one is allowed now). */
  public resetSeconds(): number {
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.rate);
  }
}

/**
 * FME's Admin API limits per organisation and per client IP and reports both in
 * `X-RateLimit-Remaining-Org|IP` and `X-RateLimit-Reset-Seconds-Org|IP` (docs/fme-api.md#rate-limiting).
 * The emulator keeps one token bucket for the organisation and one per client address, both
 * with the configured rate; a 429 also carries `Retry-After`.
 */
export class RateLimiter {
  private options: RateLimitOptions | undefined;
  private org: TokenBucket | undefined;
  private readonly ips = new Map<string, TokenBucket>();

  constructor(options?: RateLimitOptions) {
    this.set(options);
  }

  /** Replaces the limits (undefined or `{}` removes them) and refills the buckets. */
  public set(options?: RateLimitOptions): void {
    const active = options && options.requestsPerSecond !== undefined ? options : undefined;
    if (active) validateRateLimitOptions(active);
    this.options = active;
    this.ips.clear();
    this.org = active ? this.bucket() : undefined;
  }

  public check(ip: string, now: number = Date.now()): RateLimitDecision {
    if (!this.options || !this.org) return { allowed: true, headers: {} };
    let ipBucket = this.ips.get(ip);
    if (!ipBucket) {
      ipBucket = this.bucket();
      this.ips.set(ip, ipBucket);
    }
    const orgOk = this.org.take(now);
    const ipOk = orgOk ? ipBucket.take(now) : false;
    const headers: Record<string, string> = {
      'X-RateLimit-Remaining-Org': String(this.org.remaining()),
      'X-RateLimit-Remaining-IP': String(ipBucket.remaining()),
      'X-RateLimit-Reset-Seconds-Org': String(this.org.resetSeconds()),
      'X-RateLimit-Reset-Seconds-IP': String(ipBucket.resetSeconds()),
    };
    const allowed = orgOk && ipOk;
    if (!allowed) headers['Retry-After'] = String(Math.max(1, this.org.resetSeconds(), ipBucket.resetSeconds()));
    return { allowed, headers };
  }

  private bucket(): TokenBucket {
    const o = this.options!;
    return new TokenBucket(o.requestsPerSecond, o.burst ?? Math.max(1, Math.ceil(o.requestsPerSecond)));
  }
}
