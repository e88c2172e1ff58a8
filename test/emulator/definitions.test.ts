import { ADMIN_KEY, admin, createFlag, createSegment, onOff, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

const DEF = (flag: string, env = 'Staging') => `/splits/ws/Default/${flag}/environments/${env}`;

describe('definitions', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    // Lenient: these tests check definitions echoed exactly as sent; strict mode's null fields are in strictness.test.ts.
    emu = await start({ strictness: 'lenient' });
    await createFlag(emu, 'base');
    await createSegment(emu, 'beta', { Staging: ['b1'] });
    await createFlag(emu, 'parent');
    await createFlag(emu, 'undefined-here');
    expect((await admin(emu, 'POST', DEF('parent'), onOff())).status).toBe(200);
  });
  afterAll(() => emu.stop());

  test('create, get, full update keep creationTime and change lastUpdateTime', async () => {
    await createFlag(emu, 'crud');
    const created = await admin(emu, 'POST', DEF('crud'), onOff({ trafficAllocation: 40 }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'crud',
      environment: { name: 'Staging' },
      trafficType: { name: 'user' },
      killed: false,
      treatments: [{ name: 'on' }, { name: 'off' }],
      defaultTreatment: 'off',
      trafficAllocation: 40,
      rules: [],
    });
    expect(typeof created.body.id).toBe('string');
    const got = await admin(emu, 'GET', DEF('crud'));
    expect(got.body).toEqual(created.body);

    await new Promise(r => setTimeout(r, 5));
    const updated = await admin(emu, 'PUT', DEF('crud'), onOff({ defaultRule: [{ treatment: 'on', size: 30 }, { treatment: 'off', size: 70 }] }));
    expect(updated.status).toBe(200);
    expect(updated.body.creationTime).toBe(created.body.creationTime);
    expect(updated.body.lastUpdateTime).toBeGreaterThan(created.body.lastUpdateTime);
    expect(updated.body.id).toBe(created.body.id);
    expect(updated.body.defaultRule).toEqual([{ treatment: 'on', size: 30 }, { treatment: 'off', size: 70 }]);
    expect(updated.body.trafficAllocation).toBe(100);
  });

  test('404 for a missing definition says Could not find splitmetadata', async () => {
    const res = await admin(emu, 'GET', DEF('base', 'Production'));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 404, details: '' });
    expect(res.body.message).toMatch(/^Could not find splitmetadata/);
    expect(typeof res.body.transactionId).toBe('string');
  });

  test('404 for unknown flag, environment and workspace', async () => {
    expect((await admin(emu, 'GET', DEF('nope'))).status).toBe(404);
    expect((await admin(emu, 'POST', DEF('base', 'Nowhere'), onOff())).status).toBe(404);
    expect((await admin(emu, 'GET', '/splits/ws/NoWs/base/environments/Staging')).status).toBe(404);
    expect((await admin(emu, 'PUT', DEF('base', 'Production'), onOff())).status).toBe(404);
    expect((await admin(emu, 'PATCH', DEF('base', 'Production'), [])).status).toBe(404);
    expect((await admin(emu, 'DELETE', DEF('base', 'Production'))).status).toBe(404);
    expect((await admin(emu, 'PUT', DEF('base', 'Production') + '/kill')).status).toBe(404);
  });

  test('environment path parameter accepts the id as well as the name', async () => {
    const envs = (await admin(emu, 'GET', '/environments/ws/Default')).body as { id: string; name: string }[];
    const prod = envs.find(e => e.name === 'Production')!;
    await createFlag(emu, 'byid');
    expect((await admin(emu, 'POST', DEF('byid', prod.id), onOff())).status).toBe(200);
    expect((await admin(emu, 'GET', DEF('byid', 'Production'))).body.environment).toEqual({ id: prod.id, name: 'Production' });
  });

  test('409 on a second create', async () => {
    await createFlag(emu, 'dup');
    expect((await admin(emu, 'POST', DEF('dup'), onOff())).status).toBe(200);
    const again = await admin(emu, 'POST', DEF('dup'), onOff());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(409);
  });

  test('response-only fields in a POST body are ignored, including killed', async () => {
    await createFlag(emu, 'echo');
    const res = await admin(emu, 'POST', DEF('echo'), onOff({
      id: 'x', name: 'other', environment: { id: 'e', name: 'Production' }, trafficType: { id: 't', name: 'account' }, killed: true, creationTime: 1,
    }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'echo', environment: { name: 'Staging' }, trafficType: { name: 'user' }, killed: false });
    expect(res.body.creationTime).toBeGreaterThan(1);
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['treatments missing', { treatments: undefined }, /treatments is required/],
    ['defaultTreatment missing', { defaultTreatment: undefined }, /defaultTreatment is required/],
    ['defaultRule missing', { defaultRule: undefined }, /defaultRule is required/],
    ['one treatment only', { treatments: [{ name: 'on' }], defaultTreatment: 'on', defaultRule: [{ treatment: 'on', size: 100 }] }, /between 2 and 20 treatments/],
    ['21 treatments', { treatments: Array.from({ length: 21 }, (_, i) => ({ name: `t${i}` })), defaultTreatment: 't0', defaultRule: [{ treatment: 't0', size: 100 }] }, /between 2 and 20/],
    ['duplicate treatment names', { treatments: [{ name: 'on' }, { name: 'on' }] }, /unique/],
    ['malformed treatment name', { treatments: [{ name: 'on' }, { name: 'o f f' }], defaultTreatment: 'on', defaultRule: [{ treatment: 'on', size: 100 }] }, /not a valid treatment name/],
    ['defaultTreatment not declared', { defaultTreatment: 'maybe' }, /defaultTreatment 'maybe' is not one of/],
    ['baselineTreatment not declared', { baselineTreatment: 'maybe' }, /baselineTreatment 'maybe'/],
    ['default rule buckets sum to 90', { defaultRule: [{ treatment: 'on', size: 40 }, { treatment: 'off', size: 50 }] }, /add up to 100, got 90/],
    ['default rule buckets sum to 110', { defaultRule: [{ treatment: 'on', size: 60 }, { treatment: 'off', size: 50 }] }, /add up to 100, got 110/],
    ['bucket names an unknown treatment', { defaultRule: [{ treatment: 'maybe', size: 100 }] }, /treatment 'maybe', which is not one of/],
    ['bucket lists a treatment twice', { defaultRule: [{ treatment: 'on', size: 50 }, { treatment: 'on', size: 50 }] }, /more than once/],
    ['bucket size not an integer', { defaultRule: [{ treatment: 'on', size: 50.5 }, { treatment: 'off', size: 49.5 }] }, /integer between 0 and 100/],
    ['trafficAllocation 101', { trafficAllocation: 101 }, /trafficAllocation must be an integer between 0 and 100/],
    ['trafficAllocation -1', { trafficAllocation: -1 }, /trafficAllocation/],
    ['trafficAllocation 50.5', { trafficAllocation: 50.5 }, /trafficAllocation/],
    ['configurations is an object, not a JSON string', { treatments: [{ name: 'on', configurations: { a: 1 } }, { name: 'off' }] }, /configurations must be a string/],
    ['configurations is not JSON', { treatments: [{ name: 'on', configurations: '{bad' }, { name: 'off' }] }, /JSON-encoded string/],
    ['a key targeted by two treatments', { treatments: [{ name: 'on', keys: ['k'] }, { name: 'off', keys: ['k'] }] }, /targeted by both/],
    ['unknown segment in individual targets', { treatments: [{ name: 'on', segments: ['ghost'] }, { name: 'off' }] }, /segment 'ghost', which does not exist/],
    ['rule buckets do not sum to 100', { rules: [{ condition: { matchers: [{ type: 'IN_SEGMENT', string: 'beta' }] }, buckets: [{ treatment: 'on', size: 99 }] }] }, /rules\[0\]\.buckets must add up to 100, got 99/],
    ['rule bucket names an unknown treatment', { rules: [{ condition: { matchers: [{ type: 'IN_SEGMENT', string: 'beta' }] }, buckets: [{ treatment: 'x', size: 100 }] }] }, /not one of the flag's treatments/],
    ['unknown segment in IN_SEGMENT', { rules: [{ condition: { matchers: [{ type: 'IN_SEGMENT', string: 'ghost' }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /segment 'ghost' does not exist/],
    ['unknown matcher type', { rules: [{ condition: { matchers: [{ type: 'EQUAL_TO', attribute: 'a', number: 1 }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /not a known matcher type/],
    ['combiner OR', { rules: [{ condition: { combiner: 'OR', matchers: [{ type: 'IN_SEGMENT', string: 'beta' }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /combiner must be AND/],
    ['no matchers', { rules: [{ condition: { matchers: [] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /at least one matcher/],
    ['number matcher without attribute', { rules: [{ condition: { matchers: [{ type: 'EQUAL_NUMBER', number: 3 }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /needs an attribute/],
    ['number matcher without number', { rules: [{ condition: { matchers: [{ type: 'EQUAL_NUMBER', attribute: 'age' }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /number must be a number/],
    ['between with from > to', { rules: [{ condition: { matchers: [{ type: 'BETWEEN_NUMBER', attribute: 'age', between: { from: 9, to: 1 } }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /must not be greater/],
    ['set matcher with empty list', { rules: [{ condition: { matchers: [{ type: 'ANY_OF_SET', attribute: 'p', strings: [] }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /strings must not be empty/],
    ['boolean matcher without bool', { rules: [{ condition: { matchers: [{ type: 'BOOLEAN', attribute: 'vip' }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /bool must be true or false/],
    ['invalid regex', { rules: [{ condition: { matchers: [{ type: 'MATCHES_STRING', attribute: 'e', string: '(' }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /not a valid regular expression/],
    ['invalid semver', { rules: [{ condition: { matchers: [{ type: 'EQUAL_TO_SEMVER', attribute: 'v', string: '1.2' }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /not a semantic version/],
    ['IN_SPLIT on a missing flag', { rules: [{ condition: { matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'ghost', treatment: 'on' } }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /'ghost' does not exist/],
    ['IN_SPLIT on a flag without a definition here', { rules: [{ condition: { matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'undefined-here', treatment: 'on' } }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /has no definition in this environment/],
    ['IN_SPLIT on an unknown treatment', { rules: [{ condition: { matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'parent', treatments: ['purple'] } }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /'purple' is not a treatment of feature flag 'parent'/],
    ['IN_SPLIT without treatments', { rules: [{ condition: { matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'parent' } }] }, buckets: [{ treatment: 'on', size: 100 }] }] }, /must name the treatment/],
  ];

  test.each(invalid)('400 when %s', async (_name, patch, message) => {
    const body = { ...onOff(), ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (body as Record<string, unknown>)[k];
    const res = await admin(emu, 'POST', DEF('base'), body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(400);
    expect(res.body.message).toMatch(message);
    // Nothing was stored.
    expect((await admin(emu, 'GET', DEF('base'))).status).toBe(404);
  });

  test('a body that is not JSON is a 400', async () => {
    const res = await admin(emu, 'POST', DEF('base'), undefined, { raw: '{not json' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/not valid JSON/);
  });

  test('a definition may not depend on its own flag', async () => {
    const res = await admin(emu, 'PUT', DEF('parent'), onOff({
      rules: [{ condition: { matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'parent', treatment: 'on' } }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/cannot depend on itself/);
  });

  test('every matcher family is accepted and echoed as sent', async () => {
    await createFlag(emu, 'matchers');
    const matchers = [
      { type: 'IN_SEGMENT', string: 'beta' },
      { type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'] },
      { type: 'IN_LIST_STRING', strings: ['k1'] },
      { type: 'STARTS_WITH_STRING', attribute: 'email', strings: ['admin'] },
      { type: 'ENDS_WITH_STRING', attribute: 'email', strings: ['@x.io'] },
      { type: 'CONTAINS_STRING', attribute: 'email', strings: ['qa'] },
      { type: 'MATCHES_STRING', attribute: 'email', string: '^a.*z$' },
      { type: 'EQUAL_SET', attribute: 'perms', strings: ['a'] },
      { type: 'ANY_OF_SET', attribute: 'perms', strings: ['a'] },
      { type: 'ALL_OF_SET', attribute: 'perms', strings: ['a'] },
      { type: 'PART_OF_SET', attribute: 'perms', strings: ['a'] },
      { type: 'BOOLEAN', attribute: 'vip', bool: true },
      { type: 'EQUAL_NUMBER', attribute: 'age', number: 3 },
      { type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 3 },
      { type: 'LESS_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 3 },
      { type: 'BETWEEN_NUMBER', attribute: 'age', between: { from: 1, to: 3 } },
      { type: 'ON_DATE', attribute: 'd', date: 1700000000000 },
      { type: 'ON_OR_AFTER_DATE', attribute: 'd', date: 1700000000000 },
      { type: 'ON_OR_BEFORE_DATE', attribute: 'd', date: 1700000000000 },
      { type: 'BETWEEN_DATE', attribute: 'd', between: { from: 1, to: 2 } },
      { type: 'EQUAL_TO_SEMVER', attribute: 'v', string: '1.2.3' },
      { type: 'GREATER_THAN_OR_EQUAL_TO_SEMVER', attribute: 'v', string: '1.2.3' },
      { type: 'LESS_THAN_OR_EQUAL_TO_SEMVER', attribute: 'v', string: '1.2.3' },
      { type: 'BETWEEN_SEMVER', attribute: 'v', betweenString: { from: '1.0.0', to: '2.0.0' } },
      { type: 'IN_LIST_SEMVER', attribute: 'v', strings: ['1.0.0'] },
      { type: 'IN_SPLIT', depends: { splitName: 'parent', treatment: 'on' } },
      { type: 'IN_SPLIT', negate: true, depends: { splitName: 'parent', treatments: ['on', 'off'] } },
    ];
    const rules = matchers.map(m => ({ condition: { combiner: 'AND', matchers: [m] }, buckets: [{ treatment: 'on', size: 100 }] }));
    const res = await admin(emu, 'POST', DEF('matchers'), onOff({ rules }));
    expect(res.status).toBe(200);
    expect(res.body.rules).toEqual(rules);
  });

  describe('JSON Patch', () => {
    beforeAll(async () => {
      await createFlag(emu, 'patchy');
      expect((await admin(emu, 'POST', DEF('patchy'), onOff({ treatments: [{ name: 'on' }, { name: 'off', keys: ['k1'] }] }))).status).toBe(200);
    });

    test('documented operations apply and the result is stored', async () => {
      const before = (await admin(emu, 'GET', DEF('patchy'))).body;
      // Flag sets are referenced by id, and the set must exist (test/emulator/flag-sets.test.ts).
      const ws = (await admin(emu, 'GET', '/workspaces')).body.objects[0].id;
      const set = await fetch(`${emu.url}/internal/api/v3/flag-sets`, {
        method: 'POST',
        headers: { 'Authorization': `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'set_1', workspace: { id: ws, type: 'workspace' } }),
      }).then((r) => r.json()) as { id: string };
      const res = await admin(emu, 'PATCH', DEF('patchy'), [
        { op: 'replace', path: '/trafficAllocation', value: 50 },
        { op: 'add', path: '/treatments/0/keys', value: ['3'] },
        { op: 'add', path: '/treatments/0/keys/-', value: '4' },
        { op: 'add', path: '/treatments/0/configurations', value: '{"color":"blue"}' },
        { op: 'replace', path: '/defaultRule', value: [{ treatment: 'on', size: 80 }, { treatment: 'off', size: 20 }] },
        { op: 'remove', path: '/treatments/1/keys/0' },
        { op: 'add', path: '/flagSets', value: [{ id: set.id, type: 'flagSet' }] },
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        trafficAllocation: 50,
        treatments: [{ name: 'on', keys: ['3', '4'], configurations: '{"color":"blue"}' }, { name: 'off', keys: [] }],
        defaultRule: [{ treatment: 'on', size: 80 }, { treatment: 'off', size: 20 }],
        flagSets: [{ id: set.id, type: 'flagSet' }],
      });
      expect(res.body.creationTime).toBe(before.creationTime);
      expect((await admin(emu, 'GET', DEF('patchy'))).body).toEqual(res.body);
    });

    test('/killed can be patched', async () => {
      expect((await admin(emu, 'PATCH', DEF('patchy'), [{ op: 'replace', path: '/killed', value: true }])).body.killed).toBe(true);
      expect((await admin(emu, 'PATCH', DEF('patchy'), [{ op: 'replace', path: '/killed', value: false }])).body.killed).toBe(false);
    });

    test.each([
      ['a result whose buckets no longer sum to 100', [{ op: 'replace', path: '/defaultRule/0/size', value: 10 }], /add up to 100/],
      ['a result that drops a treatment still in the default rule', [{ op: 'remove', path: '/treatments/0' }], /between 2 and 20|not one of/],
      ['replace on a missing member', [{ op: 'replace', path: '/baselineTreatment', value: 'on' }], /does not exist \(use add\)/],
      ['an index out of range', [{ op: 'add', path: '/treatments/9/keys', value: ['x'] }], /out of range/],
      ['an unsupported op', [{ op: 'move', from: '/a', path: '/b' }], /not supported/],
      ['a body that is not an array', { op: 'replace', path: '/killed', value: true }, /JSON array/],
      ['a field FME does not accept', [{ op: 'add', path: '/color', value: 'red' }], /does not accept: color/],
      ['an unknown segment added to targets', [{ op: 'add', path: '/treatments/0/segments', value: ['ghost'] }], /ghost/],
      ['a failing test op', [{ op: 'test', path: '/trafficAllocation', value: 7 }], /test failed/],
    ])('400 for %s, and nothing changes', async (_name, ops, message) => {
      const before = (await admin(emu, 'GET', DEF('patchy'))).body;
      const res = await admin(emu, 'PATCH', DEF('patchy'), ops);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
      expect((await admin(emu, 'GET', DEF('patchy'))).body).toEqual(before);
    });
  });

  test('kill and restore answer true and flip killed', async () => {
    await createFlag(emu, 'killme');
    await admin(emu, 'POST', DEF('killme'), onOff());
    const kill = await admin(emu, 'PUT', DEF('killme') + '/kill');
    expect(kill.status).toBe(200);
    expect(kill.body).toBe(true);
    expect((await admin(emu, 'GET', DEF('killme'))).body.killed).toBe(true);
    // A full update does not un-kill: killed is not a request field.
    expect((await admin(emu, 'PUT', DEF('killme'), onOff({ killed: false }))).body.killed).toBe(true);
    expect((await admin(emu, 'PUT', DEF('killme') + '/restore', { comment: 'back' })).body).toBe(true);
    expect((await admin(emu, 'GET', DEF('killme'))).body.killed).toBe(false);
  });

  test('delete answers true, then the definition is gone', async () => {
    await createFlag(emu, 'delme');
    await admin(emu, 'POST', DEF('delme'), onOff());
    const del = await admin(emu, 'DELETE', DEF('delme'));
    expect(del.status).toBe(200);
    expect(del.body).toBe(true);
    expect((await admin(emu, 'GET', DEF('delme'))).status).toBe(404);
    expect((await admin(emu, 'DELETE', DEF('delme'))).status).toBe(404);
  });

  test('a definition another definition depends on (IN_SPLIT) cannot be deleted', async () => {
    await createFlag(emu, 'dep-parent');
    await createFlag(emu, 'dep-child');
    await admin(emu, 'POST', DEF('dep-parent'), onOff());
    expect((await admin(emu, 'POST', DEF('dep-child'), onOff({
      rules: [{ condition: { matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'dep-parent', treatment: 'on' } }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    }))).status).toBe(200);
    const dropped = await admin(emu, 'PUT', DEF('dep-parent'), {
      treatments: [{ name: 'off' }, { name: 'other' }], defaultTreatment: 'off', defaultRule: [{ treatment: 'off', size: 100 }],
    });
    expect(dropped.status).toBe(400);
    expect(dropped.body.message).toMatch(/on of dep-parent are used by an IN_SPLIT rule of dep-child/);
    const res = await admin(emu, 'DELETE', DEF('dep-parent'));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/dep-child \(Staging\) depend/);
    expect((await admin(emu, 'DELETE', DEF('dep-child'))).status).toBe(200);
    expect((await admin(emu, 'DELETE', DEF('dep-parent'))).status).toBe(200);
  });

  test('list definitions in an environment pages and clamps limit', async () => {
    await admin(emu, 'POST', '/environments/ws/Default', { name: 'Paging' });
    for (let i = 0; i < 55; i++) {
      await createFlag(emu, `page-${i}`);
      expect((await admin(emu, 'POST', DEF(`page-${i}`, 'Paging'), onOff())).status).toBe(200);
    }
    const first = await admin(emu, 'GET', '/splits/ws/Default/environments/Paging?offset=0&limit=20');
    expect(first.body).toMatchObject({ offset: 0, limit: 20, totalCount: 55 });
    expect(first.body.objects).toHaveLength(20);
    expect(first.body.objects[0].name).toBe('page-0');
    const last = await admin(emu, 'GET', '/splits/ws/Default/environments/Paging?offset=40&limit=20');
    expect(last.body.objects.map((o: { name: string }) => o.name)).toEqual(Array.from({ length: 15 }, (_, i) => `page-${i + 40}`));
    const clamped = await admin(emu, 'GET', '/splits/ws/Default/environments/Paging?limit=1000');
    expect(clamped.status).toBe(200);
    expect(clamped.body.limit).toBe(50);
    expect(clamped.body.objects).toHaveLength(50);
  });
});
