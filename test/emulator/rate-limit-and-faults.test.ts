import { admin, raw, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';
import { FaultInjector } from '../../src/emulator/faults';
import { RateLimiter } from '../../src/emulator/rate-limit';

describe('rate limits', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start(); });
  afterAll(() => emu.stop());
  afterEach(() => emu.setRateLimit(undefined));

  test('every Admin response carries the X-RateLimit headers; over the limit it is 429 with Retry-After', async () => {
    // 0.01 rps: the bucket does not refill noticeably while the test runs.
    emu.setRateLimit({ requestsPerSecond: 0.01, burst: 3 });
    emu.resetCounters();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await admin(emu, 'GET', '/workspaces'));
    expect(results.map(r => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(results[0].headers.get('x-ratelimit-remaining-org')).toBe('2');
    expect(results[0].headers.get('x-ratelimit-remaining-ip')).toBe('2');
    expect(results[0].headers.get('x-ratelimit-reset-seconds-org')).toBe('0');
    expect(results[2].headers.get('x-ratelimit-remaining-org')).toBe('0');
    const limited = results[3];
    expect(limited.body).toMatchObject({ code: 429 });
    expect(Number(limited.headers.get('x-ratelimit-reset-seconds-org'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('x-ratelimit-reset-seconds-ip'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(Number(limited.headers.get('x-ratelimit-reset-seconds-org')));
    expect(emu.counters()).toMatchObject({ total: 5, rateLimited: 2 });
  });

  test('the SDK API and the controls are never rate limited', async () => {
    emu.setRateLimit({ requestsPerSecond: 0.01, burst: 1 });
    await admin(emu, 'GET', '/workspaces');
    expect((await admin(emu, 'GET', '/workspaces')).status).toBe(429);
    for (let i = 0; i < 5; i++) {
      expect((await raw(emu, 'GET', '/api/splitChanges?s=1.3&since=-1', { sdkKey: 'sdk-Staging' })).status).toBe(200);
      expect((await raw(emu, 'GET', '/__emulator/counters')).status).toBe(200);
    }
  });

  test('removing the limit removes the headers; bad options are refused', async () => {
    emu.setRateLimit({ requestsPerSecond: 0.01, burst: 1 });
    emu.setRateLimit(undefined);
    const res = await admin(emu, 'GET', '/workspaces');
    expect(res.headers.get('x-ratelimit-remaining-org')).toBeNull();
    expect(() => emu.setRateLimit({ requestsPerSecond: 0 })).toThrow(/requestsPerSecond must be a positive number/);
    expect(() => emu.setRateLimit({ requestsPerSecond: 1, burst: 0 })).toThrow(/burst/);
  });

  test('the bucket refills at the configured rate (simulated clock)', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 2, burst: 2 });
    const t0 = 1_000_000;
    expect(limiter.check('ip', t0).allowed).toBe(true);
    expect(limiter.check('ip', t0).allowed).toBe(true);
    const denied = limiter.check('ip', t0);
    expect(denied.allowed).toBe(false);
    expect(denied.headers['Retry-After']).toBe('1');
    expect(limiter.check('ip', t0 + 499).allowed).toBe(false);
    expect(limiter.check('ip', t0 + 1000).allowed).toBe(true);
  });

  test('HTTP control sets and clears the limit', async () => {
    expect((await raw(emu, 'PUT', '/__emulator/rate-limit', { body: { requestsPerSecond: 0.01, burst: 1 } })).status).toBe(200);
    await admin(emu, 'GET', '/workspaces');
    expect((await admin(emu, 'GET', '/workspaces')).status).toBe(429);
    expect((await raw(emu, 'PUT', '/__emulator/rate-limit', { body: {} })).status).toBe(200);
    expect((await admin(emu, 'GET', '/workspaces')).status).toBe(200);
    expect((await raw(emu, 'PUT', '/__emulator/rate-limit', { body: { requestsPerSecond: -1 } })).status).toBe(400);
  });
});

describe('fault injection', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start(); });
  afterAll(() => emu.stop());
  afterEach(() => emu.setFaults(undefined));

  /** Status per request; 0 = the connection was reset. */
  async function statuses(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      try {
        out.push((await admin(emu, 'GET', '/workspaces')).status);
      } catch {
        out.push(0);
      }
    }
    return out;
  }

  test('the same seed gives the same sequence of errors and resets', async () => {
    emu.setFaults({ seed: 42, errorRate: 0.3, resetRate: 0.1 });
    const a = await statuses(40);
    emu.setFaults({ seed: 42, errorRate: 0.3, resetRate: 0.1 });
    const b = await statuses(40);
    expect(b).toEqual(a);
    emu.setFaults({ seed: 7, errorRate: 0.3, resetRate: 0.1 });
    const c = await statuses(40);
    expect(c).not.toEqual(a);
    expect(a).toContain(0);
    expect(a.filter(s => s >= 500).length).toBeGreaterThan(0);
    expect(a.every(s => [0, 200, 500, 502, 503].includes(s))).toBe(true);
  });

  test('fault rates are bounded: 0 gives none, and the share tracks the rate', () => {
    const none = new FaultInjector({ seed: 3, errorRate: 0, resetRate: 0, latencyMs: { min: 5, max: 9 } });
    const many = new FaultInjector({ seed: 3, errorRate: 0.2 });
    let errors = 0;
    for (let i = 0; i < 2000; i++) {
      const d = none.decide('GET', ['/x']);
      expect(d.errorStatus).toBe(0);
      expect(d.reset).toBe(false);
      expect(d.latencyMs).toBeGreaterThanOrEqual(5);
      expect(d.latencyMs).toBeLessThanOrEqual(9);
      if (many.decide('GET', ['/x']).errorStatus) errors++;
    }
    expect(errors / 2000).toBeGreaterThan(0.15);
    expect(errors / 2000).toBeLessThan(0.25);
  });

  test('maxFaults bounds the number of injected faults', async () => {
    emu.setFaults({ seed: 9, errorRate: 1, maxFaults: 3 });
    const got = await statuses(6);
    expect(got.slice(0, 3).every(s => s >= 500)).toBe(true);
    expect(got.slice(3)).toEqual([200, 200, 200]);
  });

  test('out-of-range options are refused', () => {
    expect(() => emu.setFaults({ maxFaults: -1 })).toThrow(/maxFaults/);
    expect(() => emu.setFaults({ errorRate: 1.5 })).toThrow(/errorRate must be a number between 0 and 1/);
    expect(() => emu.setFaults({ resetRate: -0.1 })).toThrow(/resetRate/);
    expect(() => emu.setFaults({ latencyMs: { min: 10, max: 5 } })).toThrow(/latencyMs/);
    expect(() => emu.setFaults({ latencyMs: { min: 0, max: 600000 } })).toThrow(/60000/);
    expect(() => emu.setFaults({ match: '(' })).toThrow(/match/);
  });

  test('match limits faults to matching requests; SDK API and controls are never faulted', async () => {
    emu.setFaults({ seed: 1, errorRate: 1, match: '^PUT ' });
    expect((await admin(emu, 'GET', '/workspaces')).status).toBe(200);
    expect((await admin(emu, 'PUT', '/splits/ws/Default/x/updateDescription', 'd')).status).toBeGreaterThanOrEqual(500);
    emu.setFaults({ seed: 1, errorRate: 1 });
    expect((await admin(emu, 'GET', '/workspaces')).status).toBeGreaterThanOrEqual(500);
    expect((await raw(emu, 'GET', '/api/splitChanges?s=1.3&since=-1', { sdkKey: 'sdk-Staging' })).status).toBe(200);
    expect((await raw(emu, 'GET', '/__emulator/counters')).status).toBe(200);
  });

  test('faults are counted, and counters split reads, writes and routes', async () => {
    emu.resetCounters();
    emu.setFaults({ seed: 5, errorRate: 1 });
    await admin(emu, 'GET', '/workspaces');
    emu.setFaults(undefined);
    await admin(emu, 'GET', '/workspaces');
    await admin(emu, 'POST', '/splits/ws/Default/trafficTypes/user', { name: 'counted' });
    const counters = emu.counters();
    expect(counters).toMatchObject({ total: 3, reads: 2, writes: 1, faults: 1, rateLimited: 0 });
    expect(counters.byRoute).toEqual({ 'GET /workspaces': 2, 'POST /splits/ws/:ws/trafficTypes/:tt': 1 });
    const http = await raw(emu, 'GET', '/__emulator/counters');
    expect(http.body).toEqual(counters);
    await raw(emu, 'POST', '/__emulator/counters/reset');
    expect(emu.counters().total).toBe(0);
  });

  test('HTTP control sets faults and rejects bad ones', async () => {
    expect((await raw(emu, 'PUT', '/__emulator/faults', { body: { seed: 2, errorRate: 1 } })).status).toBe(200);
    expect((await admin(emu, 'GET', '/workspaces')).status).toBeGreaterThanOrEqual(500);
    expect((await raw(emu, 'PUT', '/__emulator/faults', { body: {} })).status).toBe(200);
    expect((await admin(emu, 'GET', '/workspaces')).status).toBe(200);
    expect((await raw(emu, 'PUT', '/__emulator/faults', { body: { errorRate: 2 } })).status).toBe(400);
  });
});
