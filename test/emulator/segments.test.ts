import { admin, createFlag, onOff, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

// Confirmed behaviour, the same in both modes; run lenient so a segment is visible at once after
// activation (strict-only behaviour is checked in 'segments: strict and lenient' below).
describe('segments', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start({ strictness: 'lenient' }); });
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

describe('segments: strict and lenient', () => {
  const SEED = {
    workspaces: [{
      name: 'Default',
      environments: [{ name: 'Staging' }, { name: 'Production', production: true, approvalsRequired: true }],
      trafficTypes: ['user'],
      segments: [{ name: 'vips', trafficType: 'user', keys: { Staging: ['v1'], Production: ['v1'] } }],
    }],
  };
  let strict: RunningEmulator;
  let lenient: RunningEmulator;
  beforeAll(async () => {
    strict = await start({ seed: SEED });
    lenient = await start({ seed: SEED, strictness: 'lenient' });
  });
  afterAll(async () => {
    await strict.stop();
    await lenient.stop();
  });

  test('strict is the default: segment tags answer 404 and the segment GET has no tags field; lenient stores and returns them', async () => {
    const refused = await admin(strict, 'POST', '/tags/ws/Default/object/vips/objecttype/Segment', ['t']);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 404, message: expect.stringMatching(/vips.*Segment/) });
    const got = await admin(strict, 'GET', '/segments/ws/Default/vips');
    expect(got.status).toBe(200);
    expect(got.body.name).toBe('vips');
    expect('tags' in got.body).toBe(false);
    // Flags still take tags in strict mode (confirmed).
    expect((await admin(strict, 'POST', '/splits/ws/Default/trafficTypes/user', { name: 'f' })).status).toBe(200);
    expect((await admin(strict, 'POST', '/tags/ws/Default/object/f/objecttype/Split', ['t'])).status).toBe(200);

    expect((await admin(lenient, 'POST', '/tags/ws/Default/object/vips/objecttype/Segment', ['t'])).status).toBe(200);
    expect((await admin(lenient, 'GET', '/segments/ws/Default/vips')).body.tags).toEqual([{ name: 't' }]);
  });

  test('a description given at creation is returned as given, in both modes', async () => {
    for (const emu of [strict, lenient]) {
      const text = 'beta users\n[cdktf-fme-owner:app]';
      expect((await admin(emu, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'described', description: text })).status).toBe(200);
      expect((await admin(emu, 'GET', '/segments/ws/Default/described')).body.description).toBe(text);
    }
  });

  test('strict: the first two key calls after an activation answer 404, then the segment is visible; lenient: at once', async () => {
    await admin(strict, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'lagging' });
    expect((await admin(strict, 'POST', '/segments/Staging/lagging')).status).toBe(200);
    const first = await admin(strict, 'PUT', '/segments/Staging/lagging/uploadKeys?replace=false', { keys: ['a'], comment: 'c' });
    expect(first.status).toBe(404);
    expect(first.body.message).toMatch(/lagging is not defined in environment Staging/);
    expect((await admin(strict, 'GET', '/segments/Staging/lagging/keys')).status).toBe(404);
    expect((await admin(strict, 'PUT', '/segments/Staging/lagging/uploadKeys?replace=false', { keys: ['a'], comment: 'c' })).status).toBe(200);
    expect((await admin(strict, 'GET', '/segments/Staging/lagging/keys')).body.count).toBe(1);
    // Each activation lags again (after the segment was emptied and removed from the environment).
    await admin(strict, 'PUT', '/segments/Staging/lagging/removeKeys', { keys: ['a'], comment: 'c' });
    expect((await admin(strict, 'DELETE', '/segments/Staging/lagging')).status).toBe(200);
    await admin(strict, 'POST', '/segments/Staging/lagging');
    expect((await admin(strict, 'GET', '/segments/Staging/lagging/keys')).status).toBe(404);

    await admin(lenient, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'lagging' });
    await admin(lenient, 'POST', '/segments/Staging/lagging');
    expect((await admin(lenient, 'PUT', '/segments/Staging/lagging/uploadKeys?replace=false', { keys: ['a'], comment: 'c' })).status).toBe(200);
  });

  test('strict: a change request on a just-activated segment is refused with 404 like the other key calls', async () => {
    await admin(strict, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'gated_new' });
    // Activation needs no change request, even where approvals are required (documented).
    expect((await admin(strict, 'POST', '/segments/Production/gated_new')).status).toBe(200);
    const body = { segment: { name: 'gated_new', keys: ['k'] }, operationType: 'CREATE', title: 't', comment: 'c' };
    expect((await admin(strict, 'POST', '/changeRequests/ws/Default/environments/Production', body)).status).toBe(404);
    expect((await admin(strict, 'POST', '/changeRequests/ws/Default/environments/Production', body)).status).toBe(404);
    expect((await admin(strict, 'POST', '/changeRequests/ws/Default/environments/Production', body)).status).toBe(200);
  });

  test('segment change requests: CREATE and ARCHIVE in both modes; UPDATE only in lenient', async () => {
    const update = { segment: { name: 'vips', keys: ['x'] }, operationType: 'UPDATE', title: 't', comment: 'c' };
    const refused = await admin(strict, 'POST', '/changeRequests/ws/Default/environments/Production', update);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/'UPDATE' is not valid for a segment \(CREATE, ARCHIVE\)/);
    expect((await admin(lenient, 'POST', '/changeRequests/ws/Default/environments/Production', update)).status).toBe(200);
    const archive = { segment: { name: 'vips', keys: ['v1'] }, operationType: 'ARCHIVE', title: 't', comment: 'c' };
    const submitted = await admin(strict, 'POST', '/changeRequests/ws/Default/environments/Production', archive);
    expect(submitted.status).toBe(200);
    expect((await admin(strict, 'GET', '/segments/Production/vips/keys')).body.openChangeRequestId).toBe(submitted.body.id);
    expect((await admin(strict, 'PUT', `/changeRequests/${submitted.body.id}`, { status: 'WITHDRAWN' })).status).toBe(200);
  });

  test('approvals: keys need a change request, but emptying, removing from an environment and deleting a segment do not', async () => {
    for (const emu of [strict, lenient]) {
      expect((await admin(emu, 'PUT', '/segments/Production/vips/removeKeys', { keys: ['v1'], comment: 'c' })).status).toBe(403);
      await admin(emu, 'POST', '/segments/ws/Default/trafficTypes/user', { name: 'empty_one' });
      await admin(emu, 'POST', '/segments/Production/empty_one');
      expect((await admin(emu, 'DELETE', '/segments/Production/empty_one')).status).toBe(200);
      // vips still has its key in Production: deleting the segment needs no change request.
      expect((await admin(emu, 'DELETE', '/segments/ws/Default/vips')).body).toBe(true);
      expect((await admin(emu, 'GET', '/segments/ws/Default/vips')).status).toBe(404);
    }
  });
});
