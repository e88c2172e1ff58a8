import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { FakeRuntime, StubResponder, StubServer } from './stub-server';
import { FmeApiError, FmeClient, FmeClientConfigError, FmeClientOptions, RateLimitGate } from '../../src/client';

const KEY = 'sk-super-secret-admin-key-0123456789';
const ENV = { FME_TEST_KEY: KEY };

let server: StubServer;
let tmp: string;

beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-client-')); });
afterEach(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function setup(responder: StubResponder, extra: Partial<FmeClientOptions> = {}, runtime = new FakeRuntime()) {
  server = await StubServer.start(responder);
  const client = new FmeClient({
    baseUrl: server.baseUrl,
    apiKeyEnvVar: 'FME_TEST_KEY',
    env: ENV,
    maxRetrySeconds: 60,
    runtime,
    rateLimitGate: new RateLimitGate(path.join(tmp, 'rl.json')),
    ...extra,
  });
  return { client, runtime };
}

const okFlag = { status: 200, body: { name: 'new_checkout', id: 'f1' } };

test('sends the key in x-api-key (or Bearer when asked) to the flag path', async () => {
  const { client } = await setup(() => okFlag);
  await expect(client.getFlag('ws1', 'new_checkout')).resolves.toEqual({ name: 'new_checkout', id: 'f1' });
  expect(server.requests[0].url).toBe('/internal/api/v2/splits/ws/ws1/new_checkout');
  expect(server.requests[0].headers['x-api-key']).toBe(KEY);
  expect(server.requests[0].headers.authorization).toBeUndefined();

  const bearer = new FmeClient({ baseUrl: server.baseUrl, apiKeyEnvVar: 'FME_TEST_KEY', env: ENV, maxRetrySeconds: 5, authScheme: 'bearer', rateLimitGate: null });
  await bearer.getFlag('ws1', 'new_checkout');
  expect(server.requests[1].headers.authorization).toBe(`Bearer ${KEY}`);
  expect(server.requests[1].headers['x-api-key']).toBeUndefined();
});

test('429 waits the larger of the Org/IP reset headers, records it for other processes, then succeeds', async () => {
  const { client, runtime } = await setup((_r, i) => i === 0
    ? { status: 429, body: { code: 429, message: 'Too many requests' }, headers: { 'X-RateLimit-Reset-Seconds-Org': '3', 'X-RateLimit-Reset-Seconds-IP': '5' } }
    : okFlag);
  await expect(client.getFlag('ws1', 'new_checkout')).resolves.toMatchObject({ id: 'f1' });
  expect(server.requests).toHaveLength(2);
  // 5 s from the IP header plus at most 250 ms of jitter (random = 0.5 → 125 ms).
  expect(runtime.sleeps).toEqual([5125]);
  const recorded = JSON.parse(fs.readFileSync(path.join(tmp, 'rl.json'), 'utf8'));
  expect(recorded.until).toBe(1_700_000_000_000 + 5125);
});

test('429 honours Retry-After when it is the only header', async () => {
  const { client, runtime } = await setup((_r, i) => i === 0 ? { status: 429, headers: { 'Retry-After': '7' } } : okFlag);
  await client.getFlag('ws1', 'new_checkout');
  expect(runtime.sleeps).toEqual([7125]);
});

test('5xx is retried with full-jitter backoff, then succeeds', async () => {
  const { client, runtime } = await setup((_r, i) => i < 2 ? { status: 503, body: { message: 'busy' } } : okFlag);
  await client.getFlag('ws1', 'new_checkout');
  expect(server.requests).toHaveLength(3);
  // base 250 ms doubling, times random 0.5
  expect(runtime.sleeps).toEqual([125, 250]);
});

test('a reset connection is retried, then succeeds', async () => {
  const { client, runtime } = await setup((_r, i) => i === 0 ? 'reset' : okFlag);
  await expect(client.getFlag('ws1', 'new_checkout')).resolves.toMatchObject({ id: 'f1' });
  expect(server.requests).toHaveLength(2);
  expect(runtime.sleeps).toHaveLength(1);
});

test('a request that times out is retried', async () => {
  const { client } = await setup((_r, i) => i === 0 ? 'hang' : okFlag, { requestTimeoutMs: 300 });
  await expect(client.getFlag('ws1', 'new_checkout')).resolves.toMatchObject({ id: 'f1' });
  expect(server.requests).toHaveLength(2);
});

test('a permanent 400 fails at once with a message naming op, flag, environment, status and FME message', async () => {
  const { client } = await setup(() => ({ status: 400, body: { code: 400, message: 'Bucket sizes must sum to 100', transactionId: 'tx1' } }));
  const err = await client.patchDefinition('ws1', 'new_checkout', 'Production', [{ op: 'replace', path: '/trafficAllocation', value: 50 }])
    .catch((e) => e);
  expect(err).toBeInstanceOf(FmeApiError);
  expect(err.message).toBe('FME rejected update definition of flag "new_checkout" in environment "Production": HTTP 400 Bucket sizes must sum to 100');
  expect(err).toMatchObject({ status: 400, flag: 'new_checkout', environment: 'Production', transactionId: 'tx1', attempts: 1 });
  expect(server.requests).toHaveLength(1);
  expect(server.requests[0].method).toBe('PATCH');
  expect(JSON.parse(server.requests[0].body)).toEqual([{ op: 'replace', path: '/trafficAllocation', value: 50 }]);
});

test('retrying stops at the bounded total time with a named FmeApiError', async () => {
  const { client, runtime } = await setup(() => ({ status: 502, body: { message: 'Bad gateway' } }), { maxRetrySeconds: 10 }, new FakeRuntime(0.99));
  const err: FmeApiError = await client.getDefinition('ws1', 'new_checkout', 'Production').catch((e) => e);
  expect(err).toBeInstanceOf(FmeApiError);
  expect(err.message).toMatch(/^FME rejected read definition of flag "new_checkout" in environment "Production": HTTP 502 Bad gateway \(gave up after \d+ attempts in \d+\.\d s\)$/);
  expect(err.attempts).toBeGreaterThan(2);
  const waited = runtime.sleeps.reduce((a, b) => a + b, 0);
  expect(waited).toBeLessThanOrEqual(10_000);
  expect(server.requests.length).toBe(err.attempts);
});

test('retrying stops at the bounded number of attempts', async () => {
  const { client } = await setup(() => 'reset', { maxRetrySeconds: 3600, tuning: { maxAttempts: 4 } });
  const err: FmeApiError = await client.getFlag('ws1', 'f').catch((e) => e);
  expect(err).toBeInstanceOf(FmeApiError);
  expect(err.status).toBeUndefined();
  expect(err.message).toMatch(/^FME request failed: read flag of flag "f": network error .*gave up after 4 attempts/);
  expect(server.requests).toHaveLength(4);
});

test('a 429 whose reset lies beyond the time bound fails instead of waiting', async () => {
  const { client, runtime } = await setup(() => ({ status: 429, headers: { 'X-RateLimit-Reset-Seconds-Org': '120' } }), { maxRetrySeconds: 30 });
  const err: FmeApiError = await client.getFlag('ws1', 'f').catch((e) => e);
  expect(err.status).toBe(429);
  expect(runtime.sleeps).toEqual([]);
});

test('the API key never appears in error messages or util.inspect, even when FME echoes it', async () => {
  const { client } = await setup(() => ({ status: 403, body: { message: `Approvals are required. key=${KEY}` } }));
  const err = await client.deleteFlag('ws1', 'f').catch((e) => e);
  expect(err).toBeInstanceOf(FmeApiError);
  expect(err.message).toContain('HTTP 403 Approvals are required. key=<redacted>');
  expect(err.message).not.toContain(KEY);
  expect(util.inspect(err, { depth: 10, showHidden: true })).not.toContain(KEY);
  expect(JSON.stringify(err)).not.toContain(KEY);

  server.setResponder(() => 'reset');
  const net = await new FmeClient({ baseUrl: server.baseUrl, apiKeyEnvVar: 'FME_TEST_KEY', env: ENV, maxRetrySeconds: 1, runtime: new FakeRuntime(), rateLimitGate: null, tuning: { maxAttempts: 2 } })
    .getFlag('ws1', 'f').catch((e) => e);
  expect(net).toBeInstanceOf(FmeApiError);
  expect(util.inspect(net, { depth: 10, showHidden: true })).not.toContain(KEY);
});

test('a missing API key variable fails before sending, naming the variable but no value', async () => {
  const { client } = await setup(() => okFlag, { env: {} });
  const err = await client.getFlag('ws1', 'f').catch((e) => e);
  expect(err).toBeInstanceOf(FmeClientConfigError);
  expect(err.message).toContain('FME_TEST_KEY');
  expect(server.requests).toHaveLength(0);
});

test('a second client honours the rate-limit deadline recorded by the first, and the pace after it, before sending', async () => {
  const runtime = new FakeRuntime();
  const { client: first } = await setup((_r, i) => i === 0 ? { status: 429, headers: { 'X-RateLimit-Reset-Seconds-Org': '30' } } : okFlag, {}, runtime);
  await first.getFlag('ws1', 'a');
  // Another process: its own client, same shared file, same (virtual) moment as the 429.
  runtime.time -= 30_125;
  const secondRuntime = new FakeRuntime();
  secondRuntime.time = runtime.time;
  const second = new FmeClient({
    baseUrl: server.baseUrl,
    apiKeyEnvVar: 'FME_TEST_KEY',
    env: ENV,
    maxRetrySeconds: 60,
    runtime: secondRuntime,
    rateLimitGate: new RateLimitGate(path.join(tmp, 'rl.json')),
  });
  const before = server.requests.length;
  await second.getFlag('ws1', 'b');
  // The deadline, plus one paced interval: the first client's retry took the slot at the deadline,
  // and with no accepted requests on record the pace starts at one request per second.
  expect(secondRuntime.sleeps).toEqual([30_125 + 1_000]);
  expect(server.requests.length).toBe(before + 1);
});

test('a corrupt or stale shared file means no wait', async () => {
  const file = path.join(tmp, 'rl.json');
  fs.writeFileSync(file, 'not json');
  const gate = new RateLimitGate(file);
  expect(gate.remainingMs(Date.now())).toBe(0);
  fs.writeFileSync(file, JSON.stringify({ until: Date.now() - 1000 }));
  expect(gate.remainingMs(Date.now())).toBe(0);
  fs.writeFileSync(file, JSON.stringify({ until: Date.now() + 10 * 3600_000 }));
  expect(gate.remainingMs(Date.now())).toBe(120_000);
});

test('the default shared file is keyed by the API base URL, or taken from FME_RATE_LIMIT_FILE', () => {
  const a = RateLimitGate.defaultFile('https://api.split.io/internal/api/v2', {});
  const b = RateLimitGate.defaultFile('http://127.0.0.1:1234/internal/api/v2', {});
  expect(a).not.toBe(b);
  expect(path.dirname(a)).toBe(os.tmpdir());
  expect(RateLimitGate.defaultFile('x', { FME_RATE_LIMIT_FILE: '/tmp/x.json' })).toBe('/tmp/x.json');
});
