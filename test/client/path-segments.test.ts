import { FakeRuntime, StubServer } from './stub-server';
import { FmeClient, FmeClientConfigError, pathSegment } from '../../src/client';

let server: StubServer;
afterEach(async () => server?.stop());

function clientFor(s: StubServer): FmeClient {
  return new FmeClient({
    baseUrl: s.baseUrl, apiKeyEnvVar: 'K', env: { K: 'key-1234' }, maxRetrySeconds: 5, runtime: new FakeRuntime(), rateLimitGate: null,
  });
}

const ON_OFF = { treatments: [{ name: 'on' }, { name: 'off' }], defaultTreatment: 'off', trafficAllocation: 100, rules: [], defaultRule: [{ treatment: 'off', size: 100 }] };

describe('path segments', () => {
  test('percent-encoding cannot carry a dot segment: URL parsing (Node, axios) removes %2E and %2E%2E like . and ..', () => {
    // Why the client refuses these names instead of encoding them.
    expect(new URL('http://x/splits/ws/W/flag/environments/%2E%2E').pathname).toBe('/splits/ws/W/flag/');
    expect(new URL('http://x/splits/ws/W/flag/environments/%2e').pathname).toBe('/splits/ws/W/flag/environments/');
  });

  test('characters that would change the path are percent-encoded', () => {
    expect(pathSegment('a/b')).toBe('a%2Fb');
    expect(pathSegment('a\\b')).toBe('a%5Cb');
    expect(pathSegment('a?b#c%d')).toBe('a%3Fb%23c%25d');
    expect(pathSegment('Pre Prod')).toBe('Pre%20Prod');
    expect(pathSegment('%2E%2E')).toBe('%252E%252E');
  });

  test.each(['..', '.', ''])('an environment named %j is refused before any request, so the path is never shortened', async (env) => {
    server = await StubServer.start(() => ({ status: 200, body: {} }));
    const c = clientFor(server);
    await expect(c.deleteDefinition('W', 'flag', env)).rejects.toThrow(FmeClientConfigError);
    await expect(c.deleteDefinition('W', 'flag', env)).rejects.toThrow(`refused to call FME: ${JSON.stringify(env)} cannot be one segment of a URL path`);
    await expect(c.getDefinition('W', 'flag', env)).rejects.toThrow(/nothing was sent/);
    await expect(c.createDefinition('W', 'flag', env, ON_OFF)).rejects.toThrow(FmeClientConfigError);
    await expect(c.killDefinition('W', 'flag', env)).rejects.toThrow(FmeClientConfigError);
    await expect(c.listDefinitions('W', env)).rejects.toThrow(FmeClientConfigError);
    expect(server.requests).toEqual([]);
  });

  test.each<[string, (c: FmeClient) => Promise<unknown>]>([
    ['flag', (c) => c.deleteFlag('W', '..')],
    ['workspace', (c) => c.getFlag('.', 'flag')],
    ['segment', (c) => c.deleteSegment('W', '..')],
    ['segment environment', (c) => c.deactivateSegment('..', 'beta')],
    ['change request', (c) => c.getChangeRequest('..')],
  ])('a dot segment in the %s position is refused too', async (_, call) => {
    server = await StubServer.start(() => ({ status: 200, body: {} }));
    await expect(call(clientFor(server))).rejects.toThrow(FmeClientConfigError);
    expect(server.requests).toEqual([]);
  });

  test('names that merely contain dots reach the server literally, with the full path', async () => {
    server = await StubServer.start(() => ({ status: 404, body: { code: 404, message: 'Could not find splitmetadata' } }));
    const c = clientFor(server);
    for (const env of ['...', '.hidden', 'a..', 'prod.eu']) {
      await expect(c.deleteDefinition('W', 'flag', env)).resolves.toBe(false);
    }
    expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'DELETE /internal/api/v2/splits/ws/W/flag/environments/...',
      'DELETE /internal/api/v2/splits/ws/W/flag/environments/.hidden',
      'DELETE /internal/api/v2/splits/ws/W/flag/environments/a..',
      'DELETE /internal/api/v2/splits/ws/W/flag/environments/prod.eu',
    ]);
  });

  test('an environment name with a slash stays one segment', async () => {
    server = await StubServer.start(() => ({ status: 404, body: { code: 404, message: 'Could not find splitmetadata' } }));
    await clientFor(server).getDefinition('W', 'flag', '../flag2');
    expect(server.requests[0].url).toBe('/internal/api/v2/splits/ws/W/flag/environments/..%2Fflag2');
  });
});
