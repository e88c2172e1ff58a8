import { admin, createFlag, onOff, raw, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

describe('auth, workspaces, environments, traffic types, rollout statuses', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start(); });
  afterAll(() => emu.stop());

  test('401 without a key or with a wrong key, in FME\'s envelope', async () => {
    for (const key of [null, 'wrong-key']) {
      const res = await admin(emu, 'GET', '/workspaces', undefined, { key });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 401, details: '' });
      expect(res.body.transactionId).toMatch(/^[0-9a-z]{11}$/);
    }
  });

  test('x-api-key works as well as Authorization: Bearer', async () => {
    expect((await admin(emu, 'GET', '/workspaces', undefined, { xApiKey: true })).status).toBe(200);
  });

  test('unknown routes are 404, and the SDK key is not an admin key', async () => {
    expect((await admin(emu, 'GET', '/nothing/here')).status).toBe(404);
    expect((await admin(emu, 'GET', '/workspaces', undefined, { key: 'sdk-Staging' })).status).toBe(401);
    expect((await raw(emu, 'GET', '/elsewhere')).status).toBe(404);
  });

  test('workspaces list with name filter and paging', async () => {
    const all = await admin(emu, 'GET', '/workspaces');
    expect(all.body).toMatchObject({ offset: 0, totalCount: 1, objects: [{ name: 'Default', type: 'workspace', requiresTitleAndComments: false }] });
    expect((await admin(emu, 'GET', '/workspaces?name=Default')).body.objects).toHaveLength(1);
    expect((await admin(emu, 'GET', '/workspaces?name=Def&nameOp=STARTS_WITH')).body.objects).toHaveLength(1);
    expect((await admin(emu, 'GET', '/workspaces?name=Other')).body.objects).toHaveLength(0);
    expect((await admin(emu, 'GET', '/workspaces?offset=1')).body.objects).toHaveLength(0);
    expect((await admin(emu, 'GET', '/workspaces?limit=100000')).body.limit).toBe(200);
  });

  test('environments are a bare array with SDK keys; create and 409 on duplicate', async () => {
    const ws = (await admin(emu, 'GET', '/workspaces')).body.objects[0];
    const list = await admin(emu, 'GET', `/environments/ws/${ws.id}`);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((e: { name: string }) => e.name)).toEqual(['Staging', 'Production']);
    expect(list.body[1]).toMatchObject({ production: true, apiTokens: [{ id: 'sdk-Production', type: 'server_side' }] });
    const created = await admin(emu, 'POST', `/environments/ws/${ws.id}`, { name: 'QA', production: false, changePermissions: { areApprovalsRequired: true } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'QA', production: false, changePermissions: { areApprovalsRequired: true } });
    expect((await admin(emu, 'POST', `/environments/ws/${ws.id}`, { name: 'QA' })).status).toBe(409);
    expect((await admin(emu, 'POST', '/environments/ws/missing', { name: 'QA2' })).status).toBe(404);
  });

  test('environment PATCH renames and toggles production (also as a string) and approvals', async () => {
    await admin(emu, 'POST', '/environments/ws/Default', { name: 'Tmp' });
    const res = await admin(emu, 'PATCH', '/environments/ws/Default/Tmp', [
      { op: 'replace', path: '/name', value: 'Tmp2' },
      { op: 'replace', path: '/production', value: 'true' },
      { op: 'replace', path: '/changePermissions/areApprovalsRequired', value: true },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Tmp2', production: true, changePermissions: { areApprovalsRequired: true } });
    await createFlag(emu, 'env-patch');
    expect((await admin(emu, 'POST', '/splits/ws/Default/env-patch/environments/Tmp2', onOff())).status).toBe(403);
    expect((await admin(emu, 'PATCH', '/environments/ws/Default/Tmp2', [{ op: 'replace', path: '/name', value: 'Staging' }])).status).toBe(409);
    expect((await admin(emu, 'PATCH', '/environments/ws/Default/Tmp2', [{ op: 'replace', path: '/production', value: 'yes' }])).status).toBe(400);
    expect((await admin(emu, 'PATCH', '/environments/ws/Default/Nope', [])).status).toBe(404);
  });

  test('traffic types and rollout statuses (both paths) are bare arrays', async () => {
    const tts = await admin(emu, 'GET', '/trafficTypes/ws/Default');
    expect(tts.body.map((t: { name: string }) => t.name)).toEqual(['user', 'account']);
    const ws = (await admin(emu, 'GET', '/workspaces')).body.objects[0];
    const a = await admin(emu, 'GET', `/rolloutStatuses?wsId=${ws.id}`);
    const b = await admin(emu, 'GET', `/rolloutStatuses/ws/${ws.id}`);
    expect(a.body).toEqual(b.body);
    expect(a.body.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['Pre-Production', 'Ramping', 'Killed']));
    expect((await admin(emu, 'GET', '/rolloutStatuses')).status).toBe(400);
  });
});

describe('attribute schema', () => {
  const seed = {
    workspaces: [{
      name: 'Default',
      environments: [{ name: 'Production' }],
      trafficTypes: ['user', 'account'],
      attributes: [{ trafficType: 'user', id: 'country', dataType: 'STRING' }, { trafficType: 'user', id: 'age' }],
    }],
  };

  test('listed per traffic type id as a bare array; strict answers 404 for a traffic type name, lenient resolves it', async () => {
    for (const strictness of ['strict', 'lenient'] as const) {
      const emu = await start({ seed, strictness });
      try {
        const tts: Array<{ id: string; name: string }> = (await admin(emu, 'GET', '/trafficTypes/ws/Default')).body;
        const user = tts.find((t) => t.name === 'user')!;
        const account = tts.find((t) => t.name === 'account')!;
        const list = await admin(emu, 'GET', `/schema/ws/Default/trafficTypes/${user.id}`);
        expect(list.status).toBe(200);
        expect(list.body).toEqual([
          expect.objectContaining({ id: 'country', trafficTypeId: user.id, displayName: 'country', dataType: 'STRING' }),
          expect.objectContaining({ id: 'age', trafficTypeId: user.id, dataType: null }),
        ]);
        expect((await admin(emu, 'GET', `/schema/ws/Default/trafficTypes/${account.id}`)).body).toEqual([]);
        expect((await admin(emu, 'GET', '/schema/ws/Default/trafficTypes/user')).status).toBe(strictness === 'strict' ? 404 : 200);
        expect((await admin(emu, 'GET', '/schema/ws/Default/trafficTypes/nope')).status).toBe(404);
      } finally {
        await emu.stop();
      }
    }
  });
});

describe('feature flags', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start(); });
  afterAll(() => emu.stop());

  test('create answers the flag object; get by name or id; 409 on duplicate', async () => {
    const res = await admin(emu, 'POST', '/splits/ws/Default/trafficTypes/user', { name: 'checkout', description: 'new checkout' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'checkout', description: 'new checkout', trafficType: { name: 'user' }, rolloutStatus: { name: 'Pre-Production' }, tags: null,
    });
    expect(res.body.creationTime).toEqual(expect.any(Number));
    expect((await admin(emu, 'GET', '/splits/ws/Default/checkout')).body).toEqual(res.body);
    expect((await admin(emu, 'GET', `/splits/ws/Default/${res.body.id}`)).body.name).toBe('checkout');
    expect((await admin(emu, 'POST', '/splits/ws/Default/trafficTypes/user', { name: 'checkout' })).status).toBe(409);
  });

  test('traffic type by id; unknown traffic type 404; invalid name 400', async () => {
    const tt = (await admin(emu, 'GET', '/trafficTypes/ws/Default')).body.find((t: { name: string }) => t.name === 'account');
    expect((await admin(emu, 'POST', `/splits/ws/Default/trafficTypes/${tt.id}`, { name: 'acct_flag' })).body.trafficType).toEqual({ id: tt.id, name: 'account' });
    expect((await admin(emu, 'POST', '/splits/ws/Default/trafficTypes/robot', { name: 'x1' })).status).toBe(404);
    const bad = await admin(emu, 'POST', '/splits/ws/Default/trafficTypes/user', { name: '9lives' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/start with a letter/);
    expect((await admin(emu, 'POST', '/splits/ws/Default/trafficTypes/user', {})).status).toBe(400);
  });

  test('list pages, clamps limit and filters by name and tag', async () => {
    for (let i = 0; i < 7; i++) await createFlag(emu, `listed-${i}`);
    const page = await admin(emu, 'GET', '/splits/ws/Default?offset=2&limit=3');
    expect(page.body).toMatchObject({ offset: 2, limit: 3 });
    expect(page.body.objects).toHaveLength(3);
    expect(page.body.totalCount).toBeGreaterThanOrEqual(7);
    expect((await admin(emu, 'GET', '/splits/ws/Default?limit=5000')).body.limit).toBe(50);
    expect((await admin(emu, 'GET', '/splits/ws/Default?name=listed-3')).body.objects.map((f: { name: string }) => f.name)).toEqual(['listed-3']);
    await admin(emu, 'POST', '/tags/ws/Default/object/listed-4/objecttype/Split', ['team-a']);
    expect((await admin(emu, 'GET', '/splits/ws/Default?tag=team-a')).body.objects.map((f: { name: string }) => f.name)).toEqual(['listed-4']);
  });

  test('PATCH description, tags and rollout status by id and by name', async () => {
    await createFlag(emu, 'meta');
    const statuses = (await admin(emu, 'GET', '/rolloutStatuses/ws/Default')).body as { id: string; name: string }[];
    const ramping = statuses.find(s => s.name === 'Ramping')!;
    const res = await admin(emu, 'PATCH', '/splits/ws/Default/meta', [
      { op: 'replace', path: '/description', value: 'described' },
      { op: 'add', path: '/tags/0', value: { name: 'first' } },
      { op: 'replace', path: '/rolloutStatus/id', value: ramping.id },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ description: 'described', tags: [{ name: 'first' }], rolloutStatus: { id: ramping.id, name: 'Ramping' } });
    const byName = await admin(emu, 'PATCH', '/splits/ws/Default/meta', [
      { op: 'replace', path: '/tags', value: [{ type: 'Tag', name: 'x' }, 'y'] },
      { op: 'replace', path: '/rolloutStatus', value: { type: 'RolloutStatus', name: 'Killed' } },
    ]);
    expect(byName.body).toMatchObject({ tags: [{ name: 'x' }, { name: 'y' }], rolloutStatus: { name: 'Killed' } });
  });

  test.each([
    ['an unknown rollout status id', [{ op: 'replace', path: '/rolloutStatus/id', value: 'nope' }], /does not exist/],
    ['an unknown rollout status name', [{ op: 'replace', path: '/rolloutStatus', value: { name: 'Nope' } }], /does not exist/],
    ['a rename', [{ op: 'replace', path: '/name', value: 'other' }], /cannot be renamed/],
    ['a field that is not metadata', [{ op: 'add', path: '/trafficType', value: { name: 'account' } }], /Only description, tags/],
  ])('PATCH refuses %s with 400', async (_n, ops, message) => {
    await createFlag(emu, `bad-${Math.random().toString(36).slice(2, 8)}`).then(async name => {
      const res = await admin(emu, 'PATCH', `/splits/ws/Default/${name}`, ops);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    });
  });

  test('updateDescription accepts a JSON string and raw text', async () => {
    await createFlag(emu, 'desc');
    expect((await admin(emu, 'PUT', '/splits/ws/Default/desc/updateDescription', 'as json')).body.description).toBe('as json');
    expect((await admin(emu, 'PUT', '/splits/ws/Default/desc/updateDescription', undefined, { raw: 'raw text' })).body.description).toBe('raw text');
    expect((await admin(emu, 'PUT', '/splits/ws/Default/nope/updateDescription', 'x')).status).toBe(404);
  });

  test('tag association overwrites the tags', async () => {
    await createFlag(emu, 'tagged');
    await admin(emu, 'POST', '/tags/ws/Default/object/tagged/objecttype/Split', ['a', 'b']);
    await admin(emu, 'POST', '/tags/ws/Default/object/tagged/objecttype/Split', ['c']);
    expect((await admin(emu, 'GET', '/splits/ws/Default/tagged')).body.tags).toEqual([{ name: 'c' }]);
    expect((await admin(emu, 'POST', '/tags/ws/Default/object/ghost/objecttype/Split', ['c'])).status).toBe(404);
  });

  test('delete cascades to definitions in every environment', async () => {
    await createFlag(emu, 'gone');
    await admin(emu, 'POST', '/splits/ws/Default/gone/environments/Staging', onOff());
    await admin(emu, 'POST', '/splits/ws/Default/gone/environments/Production', onOff());
    const del = await admin(emu, 'DELETE', '/splits/ws/Default/gone');
    expect(del.status).toBe(200);
    expect(del.body).toBe(true);
    expect((await admin(emu, 'GET', '/splits/ws/Default/gone')).status).toBe(404);
    expect((await admin(emu, 'GET', '/splits/ws/Default/gone/environments/Staging')).status).toBe(404);
    const state = await raw(emu, 'GET', '/__emulator/state');
    expect(state.body.definitions.filter((d: { flagId: string }) => !state.body.flags.some((f: { id: string }) => f.id === d.flagId))).toEqual([]);
    // Re-creating the name starts fresh.
    await createFlag(emu, 'gone');
    expect((await admin(emu, 'GET', '/splits/ws/Default/gone/environments/Staging')).status).toBe(404);
  });

  test('delete is refused while another flag depends on it through IN_SPLIT', async () => {
    await createFlag(emu, 'upstream');
    await createFlag(emu, 'downstream');
    await admin(emu, 'POST', '/splits/ws/Default/upstream/environments/Production', onOff());
    expect((await admin(emu, 'POST', '/splits/ws/Default/downstream/environments/Production', onOff({
      rules: [{ condition: { matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'upstream', treatments: ['on'] } }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    }))).status).toBe(200);
    const res = await admin(emu, 'DELETE', '/splits/ws/Default/upstream');
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/downstream \(Production\)/);
    expect((await admin(emu, 'GET', '/splits/ws/Default/upstream/environments/Production')).status).toBe(200);
    expect((await admin(emu, 'DELETE', '/splits/ws/Default/downstream')).status).toBe(200);
    expect((await admin(emu, 'DELETE', '/splits/ws/Default/upstream')).status).toBe(200);
  });
});
