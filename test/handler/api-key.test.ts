import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { flagSpec, KEY_VAR, part, plan, segmentSpec, target } from './harness';
import { Log } from '../../src/handler/log';
import { main } from '../../src/handler/run';

/**
 * A missing API key used to be reported once per object by the bootstrap and once more by each
 * object's own resource — six messages for three objects — and only after FME was called.
 */
describe('bootstrap without the API key', () => {
  let server: http.Server;
  let requests = 0;
  let baseUrl = '';
  let cwd = '';

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      requests++;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/api/v2`;
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-api-key-'));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  test('fails once, naming the variable, before any API call', async () => {
    const t = target(baseUrl, 1);
    const waves = [
      [segmentSpec(t, 'beta', [{ environment: 'Production', removalPolicy: 'destroy', keys: ['k'] }])],
      [flagSpec(t, 'a', [part('Production', { definition: plan(100) })]), flagSpec(t, 'b', [part('Production', { definition: plan(0) })])],
    ];
    const file = path.join(cwd, 'fme-bootstrap.json');
    fs.writeFileSync(file, JSON.stringify({ v: 2, kind: 'bootstrap', waves }));
    const lines: string[] = [];
    const log = new Log({ out: (line) => lines.push(line), err: (line) => lines.push(line) });

    const code = await main(['bootstrap'], { FME_BOOTSTRAP_FILE: file, FME_RATE_LIMIT_FILE: path.join(cwd, 'rate.json') }, log);

    expect(code).toBe(1);
    expect(lines).toEqual([
      `[fme] error: The FME Admin API key is not set: environment variable ${KEY_VAR} is empty. `
      + 'Export it where Terraform runs (cdktf deploy/destroy) and apply again; nothing was sent to FME.',
    ]);
    expect(requests).toBe(0);
  });
});
