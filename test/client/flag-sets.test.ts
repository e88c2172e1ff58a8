import { FakeRuntime, StubServer } from './stub-server';
import { FmeClient, FmeClientConfigError } from '../../src/client';
import { v3BaseUrl } from '../../src/client/flag-sets';

let server: StubServer;
afterEach(async () => server?.stop());

function clientFor(baseUrl: string): FmeClient {
  return new FmeClient({ baseUrl, apiKeyEnvVar: 'K', env: { K: 'key-1234' }, maxRetrySeconds: 5, runtime: new FakeRuntime(), rateLimitGate: null });
}

describe('flag sets (Admin API v3)', () => {
  test('the v3 base is derived from the v2 one, on FME\'s host and behind Harness\'s gateway', () => {
    expect(v3BaseUrl('https://api.split.io/internal/api/v2')).toBe('https://api.split.io/internal/api/v3');
    expect(v3BaseUrl('https://app.harness.io/fme/internal/api/v2/')).toBe('https://app.harness.io/fme/internal/api/v3');
    expect(() => v3BaseUrl('https://proxy.example/fme')).toThrow(FmeClientConfigError);
  });

  test('a base URL without /v2 is refused before anything is sent', async () => {
    server = await StubServer.start(() => ({ status: 200, body: { objects: [] } }));
    const c = clientFor(server.baseUrl.replace('/internal/api/v2', '/custom'));
    await expect(c.listFlagSets('W')).rejects.toThrow(/does not end in \/v2, so its v3 sibling .* cannot be derived; nothing was sent/);
    expect(server.requests).toEqual([]);
  });

  test('list follows nextMarker with workspace_id and limit=200; create, read and delete use the v3 paths', async () => {
    server = await StubServer.start((req) => {
      if (req.method === 'GET' && req.url.includes('after=m2')) return { status: 200, body: { objects: [{ id: 's3', name: 'c' }], nextMarker: null, previousMarker: 'm1' } };
      if (req.method === 'GET' && req.url.startsWith('/internal/api/v3/flag-sets?')) {
        return { status: 200, body: { objects: [{ id: 's1', name: 'a' }, { id: 's2', name: 'b' }], nextMarker: 'm2', previousMarker: null } };
      }
      if (req.method === 'POST') return { status: 200, body: { id: 's4', ...JSON.parse(req.body) } };
      if (req.method === 'GET') return { status: 404, body: { code: 404, message: 'not found' } };
      return { status: 204 };
    });
    const c = clientFor(server.baseUrl);
    expect((await c.listFlagSets('W')).map((s) => s.name)).toEqual(['a', 'b', 'c']);
    expect((await c.findFlagSet('W', 'c'))?.id).toBe('s3');
    const created = await c.createFlagSet('W', 'd', 'about d');
    expect(created.id).toBe('s4');
    expect(await c.getFlagSet('gone')).toBeUndefined();
    expect(await c.deleteFlagSet('s4', 'd')).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /internal/api/v3/flag-sets?workspace_id=W&limit=200',
      'GET /internal/api/v3/flag-sets?workspace_id=W&limit=200&after=m2',
      'GET /internal/api/v3/flag-sets?workspace_id=W&limit=200',
      'GET /internal/api/v3/flag-sets?workspace_id=W&limit=200&after=m2',
      'POST /internal/api/v3/flag-sets',
      'GET /internal/api/v3/flag-sets/gone',
      'DELETE /internal/api/v3/flag-sets/s4',
    ]);
    expect(JSON.parse(server.requests[4].body)).toEqual({ name: 'd', description: 'about d', workspace: { id: 'W', type: 'workspace' } });
  });
});
