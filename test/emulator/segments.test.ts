import { admin, createFlag, onOff, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

describe('segments', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start(); });
  afterAll(() => emu.stop());

  test('create, get, list; 409 on duplicate; 404 on unknown traffic type', async () => {
    const res = await admin(emu, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'beta', description: 'beta users' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'beta', description: 'beta users', trafficType: { name: 'user' }, tags: null });
    expect((await admin(emu, 'GET', '/segments/ws/Default/beta')).body.name).toBe('beta');
    expect((await admin(emu, 'GET', '/segments/ws/Default')).body).toMatchObject({ totalCount: 1, objects: [{ name: 'beta' }] });
    expect((await admin(emu, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'beta' })).status).toBe(409);
    expect((await admin(emu, 'POST', '/segments/ws/Default/trafficTypes/robot', { name: 'other' })).status).toBe(404);
    expect((await admin(emu, 'GET', '/segments/ws/Default/ghost')).status).toBe(404);
  });

  test('keys need the segment activated in the environment', async () => {
    const res = await admin(emu, 'PUT', '/segments/Staging/beta/uploadKeys?replace=false', { keys: ['a'], comment: 'c' });
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/not defined in environment Staging/);
  });

  test('activate, upload (add and replace), read keys with paging, remove', async () => {
    const act = await admin(emu, 'POST', '/segments/Staging/beta');
    expect(act.status).toBe(200);
    expect(act.body).toMatchObject({ name: 'beta', environment: { name: 'Staging' } });
    expect((await admin(emu, 'POST', '/segments/Staging/beta')).status).toBe(409);
    expect((await admin(emu, 'GET', '/segments/ws/Default/environments/Staging')).body.objects.map((s: { name: string }) => s.name)).toEqual(['beta']);

    const up = await admin(emu, 'PUT', '/segments/Staging/beta/uploadKeys?replace=false', { keys: ['a', 'b', 'c'], comment: 'first' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ name: 'beta', status: 'ACTIVE', environment: { name: 'Staging' } });
    await admin(emu, 'PUT', '/segments/Staging/beta/uploadKeys?replace=false', { keys: ['c', 'd'], comment: 'more' });
    let keys = await admin(emu, 'GET', '/segments/Staging/beta/keys?offset=0&limit=100');
    expect(keys.body).toMatchObject({ count: 4, offset: 0, openChangeRequestId: null });
    expect(keys.body.keys).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'c' }, { key: 'd' }]);
    expect((await admin(emu, 'GET', '/segments/Staging/beta/keys?offset=1&limit=2')).body.keys).toEqual([{ key: 'b' }, { key: 'c' }]);
    expect((await admin(emu, 'GET', '/segments/Staging/beta/keys?limit=5000')).body.limit).toBe(100);

    await admin(emu, 'PUT', '/segments/Staging/beta/uploadKeys?replace=true', { keys: ['x', 'y'], comment: 'replace' });
    keys = await admin(emu, 'GET', '/segments/Staging/beta/keys');
    expect(keys.body.keys).toEqual([{ key: 'x' }, { key: 'y' }]);

    const rm = await admin(emu, 'PUT', '/segments/Staging/beta/removeKeys', { keys: ['x', 'nope'], comment: 'rm' });
    expect(rm.status).toBe(200);
    expect(rm.body).toEqual({ code: 200, message: 'Deleted 1 keys', details: null, transactionId: null });
    expect((await admin(emu, 'GET', '/segments/Staging/beta/keys')).body.keys).toEqual([{ key: 'y' }]);
  });

  test('upload body validation and the 10,000-keys-per-call limit', async () => {
    expect((await admin(emu, 'PUT', '/segments/Staging/beta/uploadKeys', { keys: 'a' })).status).toBe(400);
    expect((await admin(emu, 'PUT', '/segments/Staging/beta/uploadKeys', { keys: [1] })).status).toBe(400);
    const big = Array.from({ length: 10_001 }, (_, i) => `k${i}`);
    const res = await admin(emu, 'PUT', '/segments/Staging/beta/uploadKeys', { keys: big, comment: 'big' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/At most 10000 keys per call/);
  });

  test('a segment holds at most 100,000 keys', async () => {
    await admin(emu, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'huge' });
    await admin(emu, 'POST', '/segments/Production/huge');
    for (let batch = 0; batch < 10; batch++) {
      const keys = Array.from({ length: 10_000 }, (_, i) => `k${batch}-${i}`);
      expect((await admin(emu, 'PUT', '/segments/Production/huge/uploadKeys?replace=false', { keys, comment: 'fill' })).status).toBe(200);
    }
    const over = await admin(emu, 'PUT', '/segments/Production/huge/uploadKeys?replace=false', { keys: ['one-more'], comment: 'x' });
    expect(over.status).toBe(400);
    expect(over.body.message).toMatch(/at most 100000 keys/);
    expect((await admin(emu, 'GET', '/segments/Production/huge/keys')).body.count).toBe(100_000);
  });

  test('invalid names and tag object types are 400s', async () => {
    expect((await admin(emu, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'has space' })).status).toBe(400);
    expect((await admin(emu, 'POST', '/environments/ws/Default', { name: '!bad' })).status).toBe(400);
    expect((await admin(emu, 'POST', '/tags/ws/Default/object/beta/objecttype/Widget', ['t'])).status).toBe(400);
    expect((await admin(emu, 'POST', '/tags/ws/Default/object/beta/objecttype/Segment', ['t'])).status).toBe(200);
    expect((await admin(emu, 'GET', '/segments/ws/Default/beta')).body.tags).toEqual([{ name: 't' }]);
  });

  test('environment given by id; unknown environment 404', async () => {
    const env = (await admin(emu, 'GET', '/environments/ws/Default')).body.find((e: { name: string }) => e.name === 'Staging');
    expect((await admin(emu, 'GET', `/segments/${env.id}/beta/keys`)).body.count).toBe(1);
    expect((await admin(emu, 'GET', '/segments/Nowhere/beta/keys')).status).toBe(404);
  });

  test('deactivate needs an empty segment; delete is refused while a definition uses it', async () => {
    const notEmpty = await admin(emu, 'DELETE', '/segments/Staging/beta');
    expect(notEmpty.status).toBe(400);
    expect(notEmpty.body.message).toMatch(/still has 1 keys/);

    await createFlag(emu, 'uses-beta');
    expect((await admin(emu, 'POST', '/splits/ws/Default/uses-beta/environments/Staging', onOff({
      rules: [{ condition: { matchers: [{ type: 'IN_SEGMENT', string: 'beta' }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    }))).status).toBe(200);
    const refused = await admin(emu, 'DELETE', '/segments/ws/Default/beta');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/uses-beta \(Staging\)/);

    await admin(emu, 'DELETE', '/splits/ws/Default/uses-beta');
    await admin(emu, 'PUT', '/segments/Staging/beta/removeKeys', { keys: ['y'], comment: 'empty' });
    expect((await admin(emu, 'DELETE', '/segments/Staging/beta')).body).toBe(true);
    expect((await admin(emu, 'DELETE', '/segments/ws/Default/beta')).body).toBe(true);
    expect((await admin(emu, 'GET', '/segments/ws/Default/beta')).status).toBe(404);
  });
});
