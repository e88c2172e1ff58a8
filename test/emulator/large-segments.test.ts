import { APPROVER_KEY, admin, onOff, raw, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

const SEED = {
  workspaces: [{
    name: 'Default',
    environments: [{ name: 'Staging' }, { name: 'Production', production: true, approvalsRequired: true }],
    trafficTypes: ['user'],
    flags: [{ name: 'promo', trafficType: 'user' }],
  }],
};

/** PUTs a file to an upload URL the way the public clients do (no API key). */
async function put(url: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'PUT', body, headers: { 'Content-Type': 'text/csv' } });
  return { status: res.status, text: await res.text() };
}

const upload = (env: string, name = 'vip') => admin(emu, 'POST', `/changeRequests/ws/Default/environments/${env}`, {
  largeSegment: { name }, operationType: 'UPLOAD', title: 't', comment: 'c', approvers: [],
});
const membership = async (env: string, key: string) => (await raw(emu, 'GET', `/api/memberships/${key}`, { sdkKey: `sdk-${env}` })).body;
const largeNames = (m: any) => m.ls.k.map((x: { n: string }) => x.n);

let emu: RunningEmulator;
beforeAll(async () => { emu = await start({ seed: SEED }); });
afterAll(() => emu.stop());

describe('large segments (strict emulator)', () => {
  test('create, read, list; define in an environment; a bare array per environment', async () => {
    const created = await admin(emu, 'POST', '/large-segments/ws/Default/trafficTypes/user', { name: 'vip', description: 'VIPs' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'vip', description: 'VIPs', trafficType: { name: 'user' }, tags: null });
    expect((await admin(emu, 'POST', '/large-segments/ws/Default/trafficTypes/user', { name: 'vip' })).status).toBe(409);
    expect((await admin(emu, 'GET', '/large-segments/ws/Default/vip')).body.name).toBe('vip');
    expect((await admin(emu, 'GET', '/large-segments/ws/Default/ghost')).status).toBe(404);
    expect((await upload('Staging')).status).toBe(404); // not defined in Staging yet
    expect((await admin(emu, 'POST', '/large-segments/Staging/vip')).status).toBe(200);
    expect((await admin(emu, 'POST', '/large-segments/Staging/vip')).status).toBe(409);
    expect((await admin(emu, 'POST', '/large-segments/Production/vip')).status).toBe(200);
    const inStaging = await admin(emu, 'GET', '/large-segments/ws/Default/environments/Staging');
    expect(inStaging.body).toEqual([expect.objectContaining({ name: 'vip', environment: expect.objectContaining({ name: 'Staging' }) })]);
  });

  test('UPLOAD answers a one-time pre-signed URL on this server; keys land on upload where no approval is needed', async () => {
    const cr = await upload('Staging');
    expect(cr.status).toBe(200);
    const meta = cr.body.transactionMetadata;
    expect(meta.method).toBe('PUT');
    expect(meta.url).toMatch(new RegExp(`^${emu.url}/large-segment-uploads/[0-9a-f]{64}$`));
    expect(meta.headers.Host).toEqual([new URL(emu.url).host]);
    // The token is the URL's only credential: reading the change request back does not show it.
    expect(JSON.stringify((await admin(emu, 'GET', `/changeRequests/${cr.body.id}`)).body)).not.toContain(meta.url.split('/').pop());
    expect(largeNames(await membership('Staging', 'u1'))).toEqual([]);
    expect((await put(meta.url, 'u1\r\nu2\n')).status).toBe(200);
    expect((await admin(emu, 'GET', `/changeRequests/${cr.body.id}`)).body.status).toBe('PUBLISHED');
    expect(largeNames(await membership('Staging', 'u1'))).toEqual(['vip']);
    expect(largeNames(await membership('Staging', 'u2'))).toEqual(['vip']);
    expect(largeNames(await membership('Staging', 'nobody'))).toEqual([]);
    // Another environment is separate.
    expect(largeNames(await membership('Production', 'u1'))).toEqual([]);
    // A used URL refuses a second PUT, and the keys stay.
    const again = await put(meta.url, 'x\n');
    expect(again.status).toBe(403);
    expect(again.text).toMatch(/used already/);
    expect(largeNames(await membership('Staging', 'x'))).toEqual([]);
    // A guessed token is refused.
    expect((await put(`${emu.url}/large-segment-uploads/${'0'.repeat(64)}`, 'x\n')).status).toBe(403);
  });

  test('a new UPLOAD replaces the whole list; memberships answer ls with the change number', async () => {
    const before = await membership('Staging', 'u1');
    const cr = await upload('Staging');
    expect((await put(cr.body.transactionMetadata.url, 'u3\n')).status).toBe(200);
    const after = await membership('Staging', 'u3');
    expect(after.ls).toEqual({ cn: expect.any(Number), k: [{ n: 'vip' }] });
    expect(after.ls.cn).toBeGreaterThan(before.ls.cn);
    expect(largeNames(await membership('Staging', 'u1'))).toEqual([]);
  });

  test('an upload URL expires', async () => {
    expect((await raw(emu, 'PUT', '/__emulator/upload-url-ttl', { body: { ms: 1 } })).status).toBe(200);
    try {
      const cr = await upload('Staging');
      await new Promise((r) => setTimeout(r, 20));
      const res = await put(cr.body.transactionMetadata.url, 'late\n');
      expect(res.status).toBe(403);
      expect(res.text).toMatch(/expired/);
      expect(largeNames(await membership('Staging', 'late'))).toEqual([]);
      // The request stays open (nothing arrived): a new one is refused until it is withdrawn.
      expect((await upload('Staging')).status).toBe(409);
      expect((await admin(emu, 'PUT', `/changeRequests/${cr.body.id}`, { status: 'WITHDRAWN' })).body.status).toBe('WITHDRAWN');
    } finally {
      await raw(emu, 'PUT', '/__emulator/upload-url-ttl', { body: { ms: 300_000 } });
    }
  });

  test('approval-gated environments: keys land only when the uploaded request is approved', async () => {
    const cr = await upload('Production');
    expect(cr.body.status).toBe('REQUESTED');
    // Approving before the file arrived cannot apply it; the request stays open.
    const early = await admin(emu, 'PUT', `/changeRequests/${cr.body.id}`, { status: 'APPROVED' }, { key: APPROVER_KEY });
    expect(early.status).toBe(409);
    expect((await put(cr.body.transactionMetadata.url, 'p1\n')).status).toBe(200);
    expect((await admin(emu, 'GET', `/changeRequests/${cr.body.id}`)).body.status).toBe('REQUESTED');
    expect(largeNames(await membership('Production', 'p1'))).toEqual([]);
    const approved = await admin(emu, 'PUT', `/changeRequests/${cr.body.id}`, { status: 'APPROVED' }, { key: APPROVER_KEY });
    expect(approved.body.status).toBe('PUBLISHED');
    expect(largeNames(await membership('Production', 'p1'))).toEqual(['vip']);
  });

  test('IN_LARGE_SEGMENT: refused for an unknown large segment, translated for SDKs, and blocks deletion', async () => {
    const rule = (name: string) => ({ condition: { combiner: 'AND', matchers: [{ type: 'IN_LARGE_SEGMENT', string: name }] }, buckets: [{ treatment: 'on', size: 100 }] });
    const bad = await admin(emu, 'POST', '/splits/ws/Default/promo/environments/Staging', onOff({ rules: [rule('ghost')] }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/large segment 'ghost' does not exist/);
    expect((await admin(emu, 'POST', '/splits/ws/Default/promo/environments/Staging', onOff({ title: 't', comment: 'c', rules: [rule('vip')] }))).status).toBe(200);
    const changes = (await raw(emu, 'GET', '/api/splitChanges?s=1.3&since=-1&rbSince=-1', { sdkKey: 'sdk-Staging' })).body;
    const matchers = changes.ff.d.find((s: any) => s.name === 'promo').conditions.flatMap((c: any) => c.matcherGroup.matchers);
    expect(matchers).toContainEqual(expect.objectContaining({
      matcherType: 'IN_LARGE_SEGMENT', keySelector: { trafficType: 'user', attribute: null }, userDefinedLargeSegmentMatcherData: { largeSegmentName: 'vip' },
    }));
    expect((await admin(emu, 'DELETE', '/large-segments/ws/Default/vip')).status).toBe(409);
    expect((await admin(emu, 'DELETE', '/splits/ws/Default/promo/environments/Staging')).status).toBe(200);
  });

  test('tags on large segments, removal from one environment, deletion', async () => {
    const tagged = await admin(emu, 'POST', '/tags/ws/Default/object/vip/objecttype/LargeSegment', ['a:b']);
    expect(tagged.status).toBe(200);
    expect((await admin(emu, 'GET', '/large-segments/ws/Default/vip')).body.tags).toEqual([{ name: 'a:b' }]);
    expect((await admin(emu, 'DELETE', '/large-segments/Staging/vip')).status).toBe(200);
    expect(largeNames(await membership('Staging', 'u3'))).toEqual([]);
    expect((await admin(emu, 'DELETE', '/large-segments/Staging/vip')).status).toBe(404);
    expect((await admin(emu, 'DELETE', '/large-segments/ws/Default/vip')).status).toBe(200);
    expect(largeNames(await membership('Production', 'p1'))).toEqual([]);
    const state = (await raw(emu, 'GET', '/__emulator/state')).body;
    expect(state.largeSegments).toEqual([]);
    expect(state.largeSegmentEnvironments).toEqual([]);
  });
});
