import * as fs from 'fs';
import * as path from 'path';
import { hashOf, RateLimitGate } from '../client/rate-limit-gate';

/** How long looked-up ids stay valid: longer than one `terraform apply`, short enough to notice renames. */
const DEFAULT_TTL_MS = 15 * 60_000;

/**
 * Small JSON values shared by the parallel handler processes of one deploy (workspace id,
 * environment ids, rollout status ids), so they are looked up once, not once per resource (docs/decisions.md, D5).
 * Files live next to the rate-limit file; writes are atomic (temp file + rename); any unreadable
 * or expired file is simply a cache miss.
 */
export class SharedCache {
  private readonly dir: string;

  constructor(private readonly apiBaseUrl: string, env: NodeJS.ProcessEnv, private readonly ttlMs = DEFAULT_TTL_MS) {
    this.dir = path.dirname(RateLimitGate.defaultFile(apiBaseUrl, env));
  }

  public get<T>(key: string, now = Date.now()): T | undefined {
    try {
      const entry = JSON.parse(fs.readFileSync(this.fileFor(key), 'utf8'));
      return typeof entry?.expiresAt === 'number' && entry.expiresAt > now ? entry.value as T : undefined;
    } catch {
      return undefined;
    }
  }

  public set(key: string, value: unknown): void {
    const file = this.fileFor(key);
    const tmp = `${file}.${process.pid}.${Math.floor(Math.random() * 1e9)}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify({ expiresAt: Date.now() + this.ttlMs, value }));
      fs.renameSync(tmp, file);
    } catch {
      try { fs.unlinkSync(tmp); } catch { /* never written */ }
    }
  }

  /** Forgets a value (e.g. an id FME no longer knows). */
  public delete(key: string): void {
    try { fs.unlinkSync(this.fileFor(key)); } catch { /* already gone */ }
  }

  private fileFor(key: string): string {
    return path.join(this.dir, `cdktf-fme-cache-${hashOf(`${this.apiBaseUrl}|${key}`)}.json`);
  }
}

/** Looks a value up in the cache, or computes and stores it. */
export async function cached<T>(cache: SharedCache, key: string, compute: () => Promise<T>): Promise<T> {
  const hit = cache.get<T>(key);
  if (hit !== undefined) return hit;
  const value = await compute();
  cache.set(key, value);
  return value;
}
