import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Log } from '../../src/handler/log';
import { cached, SharedCache } from '../../src/handler/shared-cache';

test('every log line has registered secrets removed', () => {
  const out: string[] = [];
  const err: string[] = [];
  const log = new Log({ out: (l) => out.push(l), err: (l) => err.push(l) });
  log.addSecret('s3cr3t-value');
  log.info('flag x: echoed s3cr3t-value');
  log.error('failed with s3cr3t-value twice s3cr3t-value');
  expect(out).toEqual(['[fme] flag x: echoed <redacted>']);
  expect(err).toEqual(['[fme] error: failed with <redacted> twice <redacted>']);
});

test('the shared cache computes once, expires, and treats a corrupt file as a miss', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-cache-'));
  try {
    const env = { FME_RATE_LIMIT_FILE: path.join(dir, 'rl.json') };
    const cache = new SharedCache('http://api', env, 1000);
    let calls = 0;
    const compute = async () => { calls++; return 'ws-1'; };
    expect(await cached(cache, 'workspace:Default', compute)).toBe('ws-1');
    // another process (another instance) finds it
    expect(await cached(new SharedCache('http://api', env, 1000), 'workspace:Default', compute)).toBe('ws-1');
    expect(calls).toBe(1);
    expect(cache.get('workspace:Default', Date.now() + 5000)).toBeUndefined();
    // a different API is a different cache entry
    expect(new SharedCache('http://other', env).get('workspace:Default')).toBeUndefined();
    for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), '{broken');
    expect(cache.get('workspace:Default')).toBeUndefined();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
