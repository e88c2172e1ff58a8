import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** What the gate's file holds; every field is optional so an old or partial file still reads. */
interface GateState {
  /** Nobody sends before this time (ms epoch): the latest 429's reset. */
  until?: number;
  /** Learned spacing between requests across all processes, in ms; absent = unpaced. */
  intervalMs?: number;
  /** The next free send slot (ms epoch) while paced. */
  next?: number;
  /** Time of the last 429 (or of the last step back towards full speed). */
  limitedAt?: number;
  /** Recent successful sends (ms epoch), the last `HISTORY_MS` only: the basis of the rate estimate. */
  sent?: number[];
}

const HISTORY_MS = 2_000;
const MAX_HISTORY = 400;
/**
 * Pacing is additive-increase/multiplicative-decrease on the spacing: start at the rate the API
 * let through before its first 429, widen by BACKOFF on every further 429, narrow by RECOVER after
 * RECOVER_AFTER_MS without one. Tuned on the emulator at 3 requests/s (bench/deploy.ts): this
 * pair keeps the rate close to the limit with a 429 every few cycles.
 */
const SAFETY = 1.0;
const BACKOFF = 1.15;
const RECOVER = 0.95;
const RECOVER_AFTER_MS = 5_000;
const MAX_INTERVAL_MS = 10_000;
const LOCK_WAIT_MS = 500;
const STALE_LOCK_MS = 2_000;

/**
 * Rate limiting shared by every handler process that talks to the same FME API (Terraform runs
 * up to 10 provisioners at once), through one small file:
 *
 * - a **deadline**: when any process gets a 429 it records "nobody send before T" (the reset the
 *   API announced), and every process waits it out;
 * - a **pace**: reacting to 429s alone makes all waiting processes return at the same moment and
 *   trip the limit again (a thundering herd). So the first 429 also sets a spacing between sends
 *   derived from the rate the API accepted in the last two seconds (across all processes), and
 *   each send reserves the next slot. Another 429 widens the spacing; 5 s without one narrows it
 *   again, until requests are unpaced.
 *
 * Crash safety: updates take a lock directory (a stale one is broken after 2 s) and replace the
 * file atomically (temp file + rename). A missing or corrupt file means "no wait"; waits are capped,
 * so the worst a bad file causes is one short wait. Sharing is an optimisation: when the file
 * cannot be used, each process still honours its own 429s.
 */
export class RateLimitGate {
  /** The shared file for an API base URL: `$FME_RATE_LIMIT_FILE`, or one in the temp dir keyed by a hash of the URL. */
  public static defaultFile(apiBaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
    const configured = env.FME_RATE_LIMIT_FILE;
    if (configured) return configured;
    return path.join(os.tmpdir(), `cdktf-fme-ratelimit-${hashOf(apiBaseUrl)}.json`);
  }

  constructor(
    public readonly file: string,
    /** Largest wait honoured from the file, in ms (guards against a corrupt value). */
    private readonly maxWaitMs: number = 120_000,
  ) {}

  /** Milliseconds until the recorded deadline passes (0 when none is recorded), capped. Reads only. */
  public remainingMs(nowMs: number): number {
    const until = this.read()?.until;
    if (until === undefined || until <= nowMs) return 0;
    return Math.min(until - nowMs, this.maxWaitMs);
  }

  /**
   * Reserves this process's next send: returns how long to wait first (the deadline, and the
   * next paced slot when pacing is on). Unpaced and without a deadline this only reads the file.
   */
  public reserve(nowMs: number): number {
    const peek = this.read();
    if (!peek?.intervalMs && (peek?.until ?? 0) <= nowMs) return 0;
    let start = nowMs;
    this.update((s) => {
      start = Math.max(nowMs, s.until ?? 0, s.intervalMs ? s.next ?? 0 : 0);
      if (s.intervalMs) s.next = start + s.intervalMs;
    });
    return Math.min(start - nowMs, this.maxWaitMs);
  }

  /** Records a request the API accepted (feeds the rate estimate; slowly lifts the pace). */
  public noteAccepted(nowMs: number): void {
    this.update((s) => {
      s.sent = [...(s.sent ?? []).filter((t) => t > nowMs - HISTORY_MS), nowMs].slice(-MAX_HISTORY);
      if (s.intervalMs && nowMs - (s.limitedAt ?? 0) > RECOVER_AFTER_MS) {
        s.intervalMs = s.intervalMs * RECOVER < 20 ? undefined : s.intervalMs * RECOVER;
        s.limitedAt = nowMs;
      }
    });
  }

  /**
   * Records a 429: "nobody send before `untilMs`", and paces (or paces slower) from now on.
   */
  public record(untilMs: number, nowMs: number = Date.now()): void {
    this.update((s) => {
      s.until = Math.max(s.until ?? 0, untilMs);
      if (s.intervalMs) {
        // Requests in flight together all get the 429 of one event: widen once per event.
        if (nowMs - (s.limitedAt ?? 0) > Math.max(1_000, s.intervalMs)) s.intervalMs = Math.min(s.intervalMs * BACKOFF, MAX_INTERVAL_MS);
      } else {
        const recent = (s.sent ?? []).filter((t) => t > nowMs - HISTORY_MS);
        // Accepted requests per ms over the window they span (at least one second).
        const span = Math.max(1_000, nowMs - (recent[0] ?? nowMs));
        s.intervalMs = recent.length > 0 ? Math.min((span / recent.length) * SAFETY, MAX_INTERVAL_MS) : 1_000;
      }
      s.limitedAt = nowMs;
      s.next = Math.max(s.next ?? 0, s.until);
    });
  }

  private read(): GateState | undefined {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return parsed !== null && typeof parsed === 'object' ? sanitize(parsed) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Read-modify-write under the lock; gives up quietly (sharing is an optimisation). */
  private update(change: (state: GateState) => void): void {
    const lock = `${this.file}.lock`;
    if (!this.acquire(lock)) return;
    try {
      const state = this.read() ?? {};
      change(state);
      const tmp = `${this.file}.${process.pid}.${Math.floor(Math.random() * 1e9)}.tmp`;
      try {
        fs.writeFileSync(tmp, JSON.stringify(state));
        fs.renameSync(tmp, this.file);
      } catch {
        try { fs.unlinkSync(tmp); } catch { /* already gone */ }
      }
    } finally {
      try { fs.rmdirSync(lock); } catch { /* already released */ }
    }
  }

  /** `mkdir` is atomic: whoever creates the directory holds the lock. Bounded spin, stale locks broken. */
  private acquire(lock: string): boolean {
    const started = Date.now();
    try {
      fs.mkdirSync(path.dirname(lock), { recursive: true });
    } catch {
      return false;
    }
    for (;;) {
      try {
        fs.mkdirSync(lock);
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
        try {
          if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS) fs.rmdirSync(lock);
        } catch { /* released meanwhile */ }
        if (Date.now() - started > LOCK_WAIT_MS) return false;
        spinWait(1);
      }
    }
  }
}

/** Keeps only well-formed fields of a parsed file. */
function sanitize(raw: Record<string, unknown>): GateState {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return {
    until: num(raw.until),
    intervalMs: num(raw.intervalMs),
    next: num(raw.next),
    limitedAt: num(raw.limitedAt),
    sent: Array.isArray(raw.sent) ? raw.sent.filter((t): t is number => typeof t === 'number') : undefined,
  };
}

/** A short synchronous pause while another process holds the lock (held for well under a millisecond). */
function spinWait(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Short stable hash used to key shared files by API base URL (and workspace). */
export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
