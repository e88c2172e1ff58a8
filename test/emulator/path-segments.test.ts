import * as http from 'http';
import { ADMIN_KEY, admin, createFlag, onOff, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';
import { requestPath } from '../../src/emulator/http-io';

/**
 * Sends a request with the path exactly as given. `fetch` and axios parse URLs with the WHATWG URL
 * Standard, which removes `..`, `%2E%2E` and friends before anything is sent, so a raw request is the
 * only way to see what the emulator does with such a path.
 */
function rawAdmin(emu: RunningEmulator, method: string, path: string): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: `/internal/api/v2${path}`, headers: { Authorization: `Bearer ${ADMIN_KEY}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('path segments are names, never dot segments', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start();
    await createFlag(emu, 'dots');
    expect((await admin(emu, 'POST', '/splits/ws/Default/dots/environments/Staging', onOff())).status).toBe(200);
  });
  afterAll(() => emu.stop());

  test.each(['%2E%2E', '%2e%2e', '%2E', '..', '.'])('a definition DELETE for environment %s is a 404, and the flag survives', async (segment) => {
    const res = await rawAdmin(emu, 'DELETE', `/splits/ws/Default/dots/environments/${segment}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/environment/i);
    expect((await admin(emu, 'GET', '/splits/ws/Default/dots')).status).toBe(200);
    expect((await admin(emu, 'GET', '/splits/ws/Default/dots/environments/Staging')).status).toBe(200);
  });

  test('%2E%2E is decoded to the name ".." (an environment that does not exist), not to the parent path', async () => {
    const res = await rawAdmin(emu, 'GET', '/splits/ws/Default/dots/environments/%2E%2E');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('..');
    expect(res.body.message).not.toMatch(/No such Admin API endpoint/);
  });

  test('a flag DELETE with a dot segment for the flag name deletes nothing', async () => {
    expect((await rawAdmin(emu, 'DELETE', '/splits/ws/Default/dots/..')).status).toBe(404);
    expect((await rawAdmin(emu, 'DELETE', '/splits/ws/Default/%2E%2E')).status).toBe(404);
    expect((await admin(emu, 'GET', '/splits/ws/Default/dots')).status).toBe(200);
  });
});

test('requestPath keeps the path as sent (no dot-segment removal) and drops the query', () => {
  expect(requestPath('/splits/ws/W/flag/environments/%2E%2E?title=t')).toBe('/splits/ws/W/flag/environments/%2E%2E');
  expect(requestPath('/a/../b#frag')).toBe('/a/../b');
  expect(requestPath('http://127.0.0.1:8080/a/./b?q=1')).toBe('/a/./b');
  expect(requestPath(undefined)).toBe('/');
});
