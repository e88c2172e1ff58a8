import * as util from 'util';
import { FakeRuntime, StubServer } from './stub-server';
import { FmeClient, RequestTally } from '../../src/client';

let server: StubServer;
afterEach(async () => server?.stop());

function clientFor(s: StubServer): FmeClient {
  return new FmeClient({
    baseUrl: s.baseUrl, apiKeyEnvVar: 'K', env: { K: 'key-1234' }, maxRetrySeconds: 5, runtime: new FakeRuntime(), rateLimitGate: null,
  });
}

test('findWorkspacesByName pages with offset/limit and returns every exact match', async () => {
  server = await StubServer.start((req) => {
    const url = new URL(req.url, 'http://x');
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    const all = Array.from({ length: 120 }, (_, i) => ({ id: `w${i}`, name: i === 110 || i === 7 ? 'Target' : `ws${i}` }));
    return { status: 200, body: { objects: all.slice(offset, offset + limit), offset, limit, totalCount: all.length } };
  });
  await expect(clientFor(server).findWorkspacesByName('Target')).resolves.toEqual([{ id: 'w7', name: 'Target' }, { id: 'w110', name: 'Target' }]);
  expect(server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual(['0', '50', '100']);
  expect(new URL(server.requests[0].url, 'http://x').searchParams.get('name')).toBe('Target');
});

test('a server that clamps the page size below the one asked for does not end the listing early', async () => {
  server = await StubServer.start((req) => {
    const url = new URL(req.url, 'http://x');
    const offset = Number(url.searchParams.get('offset'));
    const all = Array.from({ length: 45 }, (_, i) => ({ id: `w${i}`, name: 'Same' }));
    return { status: 200, body: { objects: all.slice(offset, offset + 20), offset, limit: 20, totalCount: all.length } };
  });
  await expect(clientFor(server).findWorkspacesByName('Same')).resolves.toHaveLength(45);
  expect(server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual(['0', '20', '40']);
});

test('findWorkspacesByProject asks FME for the organization and project, and keeps only exact matches', async () => {
  server = await StubServer.start(() => ({
    status: 200,
    body: {
      objects: [
        { id: 'w1', name: 'Shop', organizationIdentifier: 'retail', projectIdentifier: 'shop' },
        { id: 'w2', name: 'Shop', organizationIdentifier: 'wholesale', projectIdentifier: 'shop' },
      ],
      offset: 0,
      limit: 50,
      totalCount: 2,
    },
  }));
  await expect(clientFor(server).findWorkspacesByProject('retail', 'shop')).resolves.toEqual([
    { id: 'w1', name: 'Shop', organizationIdentifier: 'retail', projectIdentifier: 'shop' },
  ]);
  const query = new URL(server.requests[0].url, 'http://x').searchParams;
  expect([query.get('organizationIdentifier'), query.get('projectIdentifier')]).toEqual(['retail', 'shop']);
});

test('kill and restore send the title and comment in the body', async () => {
  server = await StubServer.start(() => ({ status: 200, body: true }));
  const c = clientFor(server);
  await c.killDefinition('ws', 'f', 'Production', { title: 'Incident 42', comment: 'checkout errors' });
  await c.restoreDefinition('ws', 'f', 'Production');
  expect(server.requests.map((r) => [r.method, r.url.split('?')[0], JSON.parse(r.body)])).toEqual([
    ['PUT', '/internal/api/v2/splits/ws/ws/f/environments/Production/kill', { title: 'Incident 42', comment: 'checkout errors' }],
    ['PUT', '/internal/api/v2/splits/ws/ws/f/environments/Production/restore', { title: 'cdktf-harness-fme', comment: 'Applied by cdktf-harness-fme' }],
  ]);
});

test('reads of absent objects resolve undefined; deletes of absent objects resolve false', async () => {
  server = await StubServer.start(() => ({ status: 404, body: { code: 404, message: 'Could not find splitmetadata x' } }));
  const c = clientFor(server);
  await expect(c.getDefinition('ws', 'f', 'Production')).resolves.toBeUndefined();
  await expect(c.deleteDefinition('ws', 'f', 'Production')).resolves.toBe(false);
  await expect(c.deleteFlag('ws', 'f')).resolves.toBe(false);
  await expect(c.getSegmentKeys('env1', 's')).resolves.toBeUndefined();
  // A write of an absent object is an error.
  await expect(c.patchDefinition('ws', 'f', 'Production', [])).rejects.toThrow(/HTTP 404 Could not find splitmetadata x/);
});

test('segment keys are read page by page and uploaded/removed in batches of at most 10,000', async () => {
  const stored = Array.from({ length: 250 }, (_, i) => `k${i}`);
  server = await StubServer.start((req) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'GET') {
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      return { status: 200, body: { keys: stored.slice(offset, offset + limit).map((key) => ({ key })), count: stored.length, offset, limit } };
    }
    return { status: 200, body: {} };
  });
  const c = clientFor(server);
  await expect(c.getSegmentKeys('env1', 'beta')).resolves.toEqual(stored);
  server.requests.length = 0;
  const many = Array.from({ length: 25_000 }, (_, i) => `u${i}`);
  await c.uploadSegmentKeys('env1', 'beta', many, true);
  expect(server.requests.map((r) => [r.url, JSON.parse(r.body).keys.length])).toEqual([
    ['/internal/api/v2/segments/env1/beta/uploadKeys?replace=true', 10_000],
    ['/internal/api/v2/segments/env1/beta/uploadKeys?replace=false', 10_000],
    ['/internal/api/v2/segments/env1/beta/uploadKeys?replace=false', 5_000],
  ]);
  server.requests.length = 0;
  await c.removeSegmentKeys('env1', 'beta', many.slice(0, 10_001));
  expect(server.requests.map((r) => JSON.parse(r.body).keys.length)).toEqual([10_000, 1]);
});

test('names are URL-encoded in paths and definition writes carry title and comment', async () => {
  server = await StubServer.start(() => ({ status: 200, body: {} }));
  const c = clientFor(server);
  await c.createDefinition('ws', 'my flag', 'Pre Prod', { treatments: [{ name: 'on' }, { name: 'off' }], defaultTreatment: 'off', trafficAllocation: 100, rules: [], defaultRule: [{ treatment: 'off', size: 100 }] });
  expect(server.requests[0].url).toBe('/internal/api/v2/splits/ws/ws/my%20flag/environments/Pre%20Prod');
  expect(JSON.parse(server.requests[0].body)).toMatchObject({ title: 'cdktf-harness-fme', comment: 'Applied by cdktf-harness-fme', defaultTreatment: 'off' });
  await c.deleteDefinition('ws', 'my flag', 'Pre Prod');
  expect(server.requests[1].url).toContain('?title=cdktf-harness-fme&comment=Applied');
});

test('the tally counts logical reads and writes, not retries', async () => {
  server = await StubServer.start((_r, i) => i === 0 ? { status: 503 } : { status: 200, body: {} });
  const c = clientFor(server);
  c.transport.tally = new RequestTally();
  await c.getFlag('ws', 'f');
  await c.killDefinition('ws', 'f', 'Production');
  expect(c.transport.tally.describe()).toBe('1 read, 1 write');
  expect(server.requests).toHaveLength(3);
  expect(util.inspect(c)).not.toContain('key-1234');
});
