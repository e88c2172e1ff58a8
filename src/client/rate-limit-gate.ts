import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A rate-limit deadline shared by every handler process that talks to the same FME API
 * (Terraform runs up to 10 provisioners at once). When one process gets a 429 it records
 * "nobody send before T"; every process waits out a recorded deadline before sending.
 *
 * Crash safety: the file holds one timestamp, written atomically (temp file + rename).
 * A missing, unreadable or stale file means "no wait"; a far-future value is capped, so the
 * worst a corrupt file can cause is one short wait.
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

  /** Milliseconds until the recorded deadline passes (0 when none is recorded), capped. */
  public remainingMs(nowMs: number): number {
    const until = this.readDeadline();
    if (until === undefined || until <= nowMs) return 0;
    return Math.min(until - nowMs, this.maxWaitMs);
  }

  /** Records "nobody send before `untilMs`", unless a later deadline is already recorded. */
  public record(untilMs: number): void {
    const current = this.readDeadline();
    if (current !== undefined && current >= untilMs) return;
    const tmp = `${this.file}.${process.pid}.${Math.floor(Math.random() * 1e9)}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify({ until: untilMs }));
      fs.renameSync(tmp, this.file);
    } catch {
      // Sharing the deadline is an optimisation; each process still honours its own 429s.
      try { fs.unlinkSync(tmp); } catch { /* already gone */ }
    }
  }

  private readDeadline(): number | undefined {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      const until = parsed?.until;
      return typeof until === 'number' && Number.isFinite(until) ? until : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Short stable hash used to key shared files by API base URL (and workspace). */
export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
