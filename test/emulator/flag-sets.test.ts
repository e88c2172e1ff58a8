import { ADMIN_KEY, admin, createFlag, onOff, raw, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

/** Calls the v3 Admin API under one of its two prefixes, with the admin key. */
async function v3(emu: RunningEmulator, method: string, path: string, body?: unknown, prefix = '/internal/api/v3'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.url}${prefix}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${ADMIN_KEY}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}
const sdk = (emu: RunningEmulator, path: string) => raw(emu, 'GET', `/api${path}`, { sdkKey: 'sdk-Staging' });

describe('flag sets (Admin API v3)', () => {
  let emu: RunningEmulator;
  let wsId: string;
  beforeAll(async () => {
    emu = await start();
    wsId = (await admin(emu, 'GET', '/workspaces')).body.objects[0].id;
  });
  afterAll(() => emu.stop());

  test('create, get and list on both prefixes; bad names and duplicates refused', async () => {
    const created = await v3(emu, 'POST', '/flag-sets', { name: 'backend', description: 'server flags', workspace: { id: wsId, type: 'workspace' } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'backend', description: 'server flags', workspace: { id: wsId } });
    const other = await v3(emu, 'POST', '/flag-sets', { name: 'frontend', workspace: { id: wsId } }, '/api/v3');
    expect(other.status).toBe(200);
    expect((await v3(emu, 'GET', `/flag-sets/${created.body.id}`, undefined, '/api/v3')).body.name).toBe('backend');
    const list = await v3(emu, 'GET', `/flag-sets?workspace_id=${wsId}`);
    expect(list.body.objects.map((s: { name: string }) => s.name)).toEqual(['backend', 'frontend']);
    expect(list.body).toMatchObject({ nextMarker: null, previousMarker: null });

    expect((await v3(emu, 'POST', '/flag-sets', { name: 'backend', workspace: { id: wsId } })).status).toBe(409);
    for (const name of ['Backend', '_x', 'a-b', 'x'.repeat(51)]) {
      expect((await v3(emu, 'POST', '/flag-sets', { name, workspace: { id: wsId } })).status).toBe(400);
    }
    expect((await v3(emu, 'POST', '/flag-sets', { name: 'nows' })).status).toBe(400);
    expect((await v3(emu, 'GET', '/flag-sets')).status).toBe(400);
    expect((await v3(emu, 'GET', '/flag-sets/no-such-id')).status).toBe(404);
  });

  test('marker paging walks every set once', async () => {
    for (let i = 0; i < 5; i++) await v3(emu, 'POST', '/flag-sets', { name: `page_${i}`, workspace: { id: wsId } });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { body: { objects: Array<{ name: string }>; nextMarker: string | null } } =
        await v3(emu, 'GET', `/flag-sets?workspace_id=${wsId}&limit=3${after ? `&after=${after}` : ''}`);
      expect(page.body.objects.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.objects.map((s) => s.name));
      after = page.body.nextMarker;
    } while (after);
    expect(seen).toEqual(['backend', 'frontend', 'page_0', 'page_1', 'page_2', 'page_3', 'page_4']);
  });

  test('definitions reference sets by id; unknown ids and names are refused; SDKs get names and can filter by set', async () => {
    const sets = (await v3(emu, 'GET', `/flag-sets?workspace_id=${wsId}&limit=200`)).body.objects as Array<{ id: string; name: string }>;
    const id = (name: string) => sets.find((s) => s.name === name)!.id;
    await createFlag(emu, 'in_backend');
    await createFlag(emu, 'in_both');
    await createFlag(emu, 'in_none');
    expect((await admin(emu, 'POST', '/splits/ws/Default/in_backend/environments/Staging', onOff({ flagSets: [{ id: 'nope', type: 'flag_set' }] }))).status).toBe(400);
    expect((await admin(emu, 'POST', '/splits/ws/Default/in_backend/environments/Staging', onOff({ flagSets: ['backend'] }))).status).toBe(400);
    expect((await admin(emu, 'POST', '/splits/ws/Default/in_backend/environments/Staging', onOff({ flagSets: [{ id: id('backend') }] }))).status).toBe(200);
    expect((await admin(emu, 'POST', '/splits/ws/Default/in_both/environments/Staging', onOff())).status).toBe(200);
    const patched = await admin(emu, 'PATCH', '/splits/ws/Default/in_both/environments/Staging',
      [{ op: 'add', path: '/flagSets', value: [{ id: id('frontend') }, { id: id('backend') }] }]);
    expect(patched.status).toBe(200);
    expect(patched.body.flagSets).toEqual([{ id: id('frontend') }, { id: id('backend') }]);
    expect((await admin(emu, 'POST', '/splits/ws/Default/in_none/environments/Staging', onOff())).status).toBe(200);

    const all = (await sdk(emu, '/splitChanges?s=1.3&since=-1')).body.ff.d as Array<{ name: string; sets: string[] }>;
    expect(Object.fromEntries(all.map((s) => [s.name, s.sets]))).toEqual({ in_backend: ['backend'], in_both: ['backend', 'frontend'], in_none: [] });
    const backend = (await sdk(emu, '/splitChanges?s=1.3&since=-1&sets=backend')).body.ff.d as Array<{ name: string }>;
    expect(backend.map((s) => s.name).sort()).toEqual(['in_backend', 'in_both']);
    const frontend = (await sdk(emu, '/splitChanges?s=1.3&since=-1&sets=frontend,page_0')).body.ff.d as Array<{ name: string }>;
    expect(frontend.map((s) => s.name)).toEqual(['in_both']);
  });

  test('deleting a set in use: strict refuses naming the definitions; once detached it goes', async () => {
    const sets = (await v3(emu, 'GET', `/flag-sets?workspace_id=${wsId}&limit=200`)).body.objects as Array<{ id: string; name: string }>;
    const frontend = sets.find((s) => s.name === 'frontend')!.id;
    const refused = await v3(emu, 'DELETE', `/flag-sets/${frontend}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/in use by feature flag definitions in_both \(Staging\)/);
    await admin(emu, 'PATCH', '/splits/ws/Default/in_both/environments/Staging', [{ op: 'add', path: '/flagSets', value: [] }]);
    expect((await v3(emu, 'DELETE', `/flag-sets/${frontend}`)).status).toBe(200);
    expect((await v3(emu, 'GET', `/flag-sets/${frontend}`)).status).toBe(404);
    expect((await v3(emu, 'DELETE', `/flag-sets/${frontend}`)).status).toBe(404);
  });

  test('lenient mode detaches a deleted set from its definitions', async () => {
    const lenient = await start({ strictness: 'lenient' });
    try {
      const ws = (await admin(lenient, 'GET', '/workspaces')).body.objects[0].id;
      const set = (await v3(lenient, 'POST', '/flag-sets', { name: 'temp', workspace: { id: ws } })).body;
      await createFlag(lenient, 'carrier');
      await admin(lenient, 'POST', '/splits/ws/Default/carrier/environments/Staging', onOff({ flagSets: [{ id: set.id }] }));
      expect((await v3(lenient, 'DELETE', `/flag-sets/${set.id}`)).status).toBe(200);
      expect((await admin(lenient, 'GET', '/splits/ws/Default/carrier/environments/Staging')).body.flagSets).toEqual([]);
    } finally {
      await lenient.stop();
    }
  });
});
