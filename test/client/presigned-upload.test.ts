import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { FmeApiError } from '../../src/client/errors';
import { uploadKeysFile } from '../../src/client/presigned-upload';

/** A storage stand-in answering every PUT with `status`; records what it received. */
interface Received { method?: string; headers: http.IncomingHttpHeaders; body: string }

async function storage(status: number): Promise<{ url: string; received: Received[]; close: () => void }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ method: req.method, headers: req.headers, body });
      res.writeHead(status);
      res.end(status === 200 ? '' : 'Request has expired');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received, close: () => server.close() };
}

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-upload-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('one PUT with the whole file, no API key, progress after every 40,000 keys', async () => {
  const file = path.join(dir, 'many.csv');
  const keys = Array.from({ length: 90_001 }, (_, i) => `k${i}`);
  fs.writeFileSync(file, `${keys.join('\n')}\n`);
  const s = await storage(200);
  const progress: number[] = [];
  try {
    await uploadKeysFile({ url: `${s.url}/bucket/object?X-Signature=abc`, method: 'PUT', headers: { 'Host': ['elsewhere.example'], 'x-amz-acl': ['private'] } },
      file, { operation: 'upload large segment keys', segment: 'vip' }, (n) => progress.push(n));
  } finally {
    s.close();
  }
  expect(progress).toEqual([40_000, 80_000, 90_001]);
  expect(s.received).toHaveLength(1);
  expect(s.received[0].method).toBe('PUT');
  expect(s.received[0].body).toBe(`${keys.join('\n')}\n`);
  expect(s.received[0].headers['x-amz-acl']).toBe('private');
  expect(s.received[0].headers['content-type']).toBe('text/csv');
  expect(s.received[0].headers.host).toBe(new URL(s.url).host);
  expect(Object.keys(s.received[0].headers).filter((h) => /authorization|api-key/i.test(h))).toEqual([]);
});

test('a refused upload names the URL\'s origin only, never its secret path or query', async () => {
  const file = path.join(dir, 'k.csv');
  fs.writeFileSync(file, 'a\nb\n');
  const s = await storage(403);
  let error: unknown;
  try {
    await uploadKeysFile({ url: `${s.url}/secret-token-123?sig=abc` }, file, { operation: 'upload large segment keys', segment: 'vip' }, () => {});
  } catch (e) {
    error = e;
  } finally {
    s.close();
  }
  expect(error).toBeInstanceOf(FmeApiError);
  expect((error as Error).message).toBe('FME rejected upload large segment keys of segment "vip": HTTP 403 Request has expired');
  expect((error as FmeApiError).path).toBe(`${s.url}/…`);
});
