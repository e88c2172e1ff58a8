import { admin, createFlag, createSegment, onOff, raw, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

const sdk = (emu: RunningEmulator, path: string, key = 'sdk-Staging') => raw(emu, 'GET', `/api${path}`, { sdkKey: key });

describe('SDK API: splitChanges', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ sdkKeys: ['emulator-sdk-key', 'prod-key=Production'] });
    await createSegment(emu, 'beta', { Staging: ['b1', 'b2'] });
    await createSegment(emu, 'staff', { Staging: ['s1'] });
    await createFlag(emu, 'full');
    const res = await admin(emu, 'POST', '/splits/ws/Default/full/environments/Staging', {
      treatments: [
        { name: 'on', configurations: '{"color":"blue"}', keys: ['k1', 'k2'], segments: ['beta'] },
        { name: 'off', keys: ['k3'] },
        { name: 'v3', segments: ['staff'] },
      ],
      defaultTreatment: 'off',
      baselineTreatment: 'off',
      trafficAllocation: 80,
      rules: [
        { condition: { combiner: 'AND', matchers: [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'] }, { type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 18 }] }, buckets: [{ treatment: 'on', size: 100 }] },
        { condition: { matchers: [{ type: 'IN_SEGMENT', string: 'beta', negate: true }] }, buckets: [{ treatment: 'v3', size: 25 }, { treatment: 'off', size: 75 }] },
      ],
      defaultRule: [{ treatment: 'off', size: 60 }, { treatment: 'on', size: 40 }],
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => emu.stop());

  test('spec 1.3 answers {ff, rbs}; s=1.2 and no s answer the legacy shape', async () => {
    const v13 = (await sdk(emu, '/splitChanges?s=1.3&since=-1&rbSince=-1')).body;
    expect(Object.keys(v13).sort()).toEqual(['ff', 'rbs']);
    expect(v13.ff.s).toBe(-1);
    expect(v13.ff.t).toBeGreaterThan(0);
    expect(v13.rbs).toEqual({ d: [], s: -1, t: -1 });
    for (const q of ['?s=1.2&since=-1', '?since=-1']) {
      const legacy = (await sdk(emu, `/splitChanges${q}`)).body;
      expect(legacy).toEqual({ splits: v13.ff.d, since: -1, till: v13.ff.t });
    }
  });

  test('nothing changed: empty d with since == till', async () => {
    const first = (await sdk(emu, '/splitChanges?s=1.3&since=-1')).body;
    const again = (await sdk(emu, `/splitChanges?s=1.3&since=${first.ff.t}`)).body;
    expect(again.ff).toEqual({ d: [], s: first.ff.t, t: first.ff.t });
  });

  test('translation: targets first, then rules, then the default rule; partitions cover every treatment', async () => {
    const split = (await sdk(emu, '/splitChanges?s=1.3&since=-1')).body.ff.d.find((s: { name: string }) => s.name === 'full');
    expect(split).toMatchObject({
      name: 'full',
      trafficTypeName: 'user',
      trafficAllocation: 80,
      status: 'ACTIVE',
      killed: false,
      defaultTreatment: 'off',
      algo: 2,
      configurations: { on: '{"color":"blue"}' },
      sets: [],
      impressionsDisabled: false,
    });
    expect(Number.isInteger(split.seed) && Number.isInteger(split.trafficAllocationSeed)).toBe(true);
    const summary = split.conditions.map((c: any) => [c.conditionType, c.matcherGroup.matchers.map((m: any) => m.matcherType).join('+'), c.label]);
    expect(summary).toEqual([
      ['WHITELIST', 'WHITELIST', 'whitelisted'],
      ['WHITELIST', 'IN_SEGMENT', 'whitelisted segment beta'],
      ['WHITELIST', 'WHITELIST', 'whitelisted'],
      ['WHITELIST', 'IN_SEGMENT', 'whitelisted segment staff'],
      ['ROLLOUT', 'WHITELIST+GREATER_THAN_OR_EQUAL_TO', expect.stringContaining('country in list [US]')],
      ['ROLLOUT', 'IN_SEGMENT', 'not in segment beta'],
      ['ROLLOUT', 'ALL_KEYS', 'default rule'],
    ]);
    const [keys, seg, , , rule1, rule2, def] = split.conditions;
    expect(keys.matcherGroup.matchers[0]).toMatchObject({ keySelector: null, whitelistMatcherData: { whitelist: ['k1', 'k2'] } });
    expect(keys.partitions).toEqual([{ treatment: 'on', size: 100 }]);
    expect(seg.matcherGroup.matchers[0]).toMatchObject({ keySelector: { trafficType: 'user', attribute: null }, userDefinedSegmentMatcherData: { segmentName: 'beta' } });
    expect(rule1.matcherGroup).toMatchObject({
      combiner: 'AND',
      matchers: [
        { keySelector: { trafficType: 'user', attribute: 'country' }, whitelistMatcherData: { whitelist: ['US'] }, negate: false },
        { keySelector: { trafficType: 'user', attribute: 'age' }, unaryNumericMatcherData: { dataType: 'NUMBER', value: 18 } },
      ],
    });
    expect(rule1.partitions).toEqual([{ treatment: 'on', size: 100 }, { treatment: 'off', size: 0 }, { treatment: 'v3', size: 0 }]);
    expect(rule2.matcherGroup.matchers[0].negate).toBe(true);
    expect(rule2.partitions).toEqual([{ treatment: 'on', size: 0 }, { treatment: 'off', size: 75 }, { treatment: 'v3', size: 25 }]);
    expect(def.partitions).toEqual([{ treatment: 'on', size: 40 }, { treatment: 'off', size: 60 }, { treatment: 'v3', size: 0 }]);
    for (const c of split.conditions) expect(c.partitions.reduce((n: number, p: { size: number }) => n + p.size, 0)).toBe(100);
  });

  test('matcher data per family follows the admin → SDK table', async () => {
    await createFlag(emu, 'families');
    await createFlag(emu, 'dep');
    await admin(emu, 'POST', '/splits/ws/Default/dep/environments/Staging', onOff());
    const matchers = [
      { type: 'BETWEEN_DATE', attribute: 'd', between: { from: 1, to: 2 } },
      { type: 'ON_DATE', attribute: 'd', date: 5 },
      { type: 'BETWEEN_NUMBER', attribute: 'n', between: { from: 1, to: 2 } },
      { type: 'BOOLEAN', attribute: 'b', bool: false },
      { type: 'MATCHES_STRING', attribute: 's', string: '^x' },
      { type: 'ANY_OF_SET', attribute: 'p', strings: ['a'] },
      { type: 'IN_SPLIT', depends: { splitName: 'dep', treatment: 'on' } },
      { type: 'BETWEEN_SEMVER', attribute: 'v', betweenString: { from: '1.0.0', to: '2.0.0' } },
      { type: 'IN_LIST_SEMVER', attribute: 'v', strings: ['1.0.0'] },
      { type: 'EQUAL_TO_SEMVER', attribute: 'v', string: '1.0.0' },
      { type: 'IN_LIST_STRING', strings: ['key-1'] },
    ];
    const rules = matchers.map(m => ({ condition: { matchers: [m] }, buckets: [{ treatment: 'on', size: 100 }] }));
    expect((await admin(emu, 'POST', '/splits/ws/Default/families/environments/Staging', onOff({ rules }))).status).toBe(200);
    const split = (await sdk(emu, '/splitChanges?s=1.3&since=-1')).body.ff.d.find((s: { name: string }) => s.name === 'families');
    const m = split.conditions.slice(0, matchers.length).map((c: any) => c.matcherGroup.matchers[0]);
    expect(m[0]).toMatchObject({ matcherType: 'BETWEEN', betweenMatcherData: { dataType: 'DATETIME', start: 1, end: 2 } });
    expect(m[1]).toMatchObject({ matcherType: 'EQUAL_TO', unaryNumericMatcherData: { dataType: 'DATETIME', value: 5 } });
    expect(m[2]).toMatchObject({ matcherType: 'BETWEEN', betweenMatcherData: { dataType: 'NUMBER', start: 1, end: 2 } });
    expect(m[3]).toMatchObject({ matcherType: 'EQUAL_TO_BOOLEAN', booleanMatcherData: false });
    expect(m[4]).toMatchObject({ matcherType: 'MATCHES_STRING', stringMatcherData: '^x' });
    expect(m[5]).toMatchObject({ matcherType: 'CONTAINS_ANY_OF_SET', whitelistMatcherData: { whitelist: ['a'] } });
    expect(m[6]).toMatchObject({ matcherType: 'IN_SPLIT_TREATMENT', dependencyMatcherData: { split: 'dep', treatments: ['on'] }, keySelector: { attribute: null } });
    expect(m[7]).toMatchObject({ matcherType: 'BETWEEN_SEMVER', betweenStringMatcherData: { start: '1.0.0', end: '2.0.0' } });
    expect(m[8]).toMatchObject({ matcherType: 'IN_LIST_SEMVER', whitelistMatcherData: { whitelist: ['1.0.0'] } });
    expect(m[9]).toMatchObject({ matcherType: 'EQUAL_TO_SEMVER', stringMatcherData: '1.0.0' });
    expect(m[10]).toMatchObject({ matcherType: 'WHITELIST', keySelector: { trafficType: 'user', attribute: null }, whitelistMatcherData: { whitelist: ['key-1'] } });
  });

  test('seeds are stable per flag and environment and differ between environments', async () => {
    await admin(emu, 'POST', '/splits/ws/Default/full/environments/Production', onOff());
    const staging = (await sdk(emu, '/splitChanges?s=1.3&since=-1')).body.ff.d.find((s: { name: string }) => s.name === 'full');
    const prod = (await sdk(emu, '/splitChanges?s=1.3&since=-1', 'sdk-Production')).body.ff.d.find((s: { name: string }) => s.name === 'full');
    expect(prod.seed).not.toBe(staging.seed);
    expect(prod.trafficAllocationSeed).not.toBe(staging.trafficAllocationSeed);
    await admin(emu, 'PATCH', '/splits/ws/Default/full/environments/Staging', [{ op: 'replace', path: '/trafficAllocation', value: 90 }]);
    const after = (await sdk(emu, '/splitChanges?s=1.3&since=-1')).body.ff.d.find((s: { name: string }) => s.name === 'full');
    expect([after.seed, after.trafficAllocationSeed]).toEqual([staging.seed, staging.trafficAllocationSeed]);
    expect(after.changeNumber).toBeGreaterThan(staging.changeNumber);
  });

  test('incremental changes, kill, and removal served once as ARCHIVED', async () => {
    await createFlag(emu, 'temp');
    await admin(emu, 'POST', '/splits/ws/Default/temp/environments/Staging', onOff());
    const t0 = (await sdk(emu, '/splitChanges?s=1.3&since=-1')).body.ff.t;
    await admin(emu, 'PUT', '/splits/ws/Default/temp/environments/Staging/kill');
    const killed = (await sdk(emu, `/splitChanges?s=1.3&since=${t0}`)).body.ff;
    expect(killed.d.map((s: any) => [s.name, s.killed])).toEqual([['temp', true]]);
    expect(killed.t).toBeGreaterThan(t0);
    await admin(emu, 'DELETE', '/splits/ws/Default/temp/environments/Staging');
    const removed = (await sdk(emu, `/splitChanges?s=1.3&since=${killed.t}`)).body.ff;
    expect(removed.d).toHaveLength(1);
    expect(removed.d[0]).toMatchObject({ name: 'temp', status: 'ARCHIVED' });
    expect(removed.d[0].changeNumber).toBeGreaterThan(killed.t);
    expect(removed.t).toBe(removed.d[0].changeNumber);
    // A fresh SDK never sees it; an SDK that is up to date sees nothing more.
    expect((await sdk(emu, '/splitChanges?s=1.3&since=-1')).body.ff.d.map((s: any) => s.name)).not.toContain('temp');
    expect((await sdk(emu, `/splitChanges?s=1.3&since=${removed.t}`)).body.ff.d).toEqual([]);
  });

  test('SDK keys: one environment per key', async () => {
    const names = async (key: string) => (await sdk(emu, '/splitChanges?s=1.3&since=-1', key)).body.ff.d.map((s: { name: string }) => s.name).sort();
    expect(await names('sdk-Production')).toEqual(['full']);
    expect(await names('prod-key')).toEqual(['full']);
    expect(await names('emulator-sdk-key')).toEqual(await names('sdk-Staging'));
    const envs = (await admin(emu, 'GET', '/environments/ws/Default')).body;
    expect(await names(`sdk-${envs[1].id}`)).toEqual(['full']);
    expect((await sdk(emu, '/splitChanges?s=1.3&since=-1', 'wrong')).status).toBe(401);
    expect((await raw(emu, 'GET', '/api/splitChanges?since=-1')).status).toBe(401);
  });
});

describe('SDK API: segmentChanges, memberships, and discarded posts', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start();
    await createSegment(emu, 'beta', { Staging: ['a', 'b'] });
  });
  afterAll(() => emu.stop());

  test('segmentChanges converges to since == till and reports removals', async () => {
    const first = (await sdk(emu, '/segmentChanges/beta?since=-1')).body;
    expect(first).toMatchObject({ name: 'beta', since: -1, removed: [] });
    expect(first.added.sort()).toEqual(['a', 'b']);
    expect((await sdk(emu, `/segmentChanges/beta?since=${first.till}`)).body).toEqual({ name: 'beta', added: [], removed: [], since: first.till, till: first.till });
    await admin(emu, 'PUT', '/segments/Staging/beta/removeKeys', { keys: ['a'], comment: 'c' });
    const next = (await sdk(emu, `/segmentChanges/beta?since=${first.till}`)).body;
    expect(next).toMatchObject({ added: ['b'], removed: ['a'], since: first.till });
    expect(next.till).toBeGreaterThan(first.till);
  });

  test('unknown and inactive segments are served empty and converge', async () => {
    for (const path of ['/segmentChanges/ghost?since=-1', '/segmentChanges/beta?since=-1']) {
      const key = path.includes('beta') ? 'sdk-Production' : 'sdk-Staging';
      const first = (await sdk(emu, path, key)).body;
      expect(first.added).toEqual([]);
      const second = (await sdk(emu, path.replace('-1', String(first.till)), key)).body;
      expect(second.since).toBe(second.till);
    }
  });

  test('memberships lists the segments holding a key', async () => {
    expect((await sdk(emu, '/memberships/b')).body.ms.k).toEqual([{ n: 'beta' }]);
    expect((await sdk(emu, '/memberships/zzz')).body.ms.k).toEqual([]);
  });

  test('impressions, events and telemetry posts are accepted; version answers', async () => {
    for (const p of ['/api/testImpressions/bulk', '/api/testImpressions/count', '/api/events/bulk', '/api/v1/metrics/config', '/api/v1/metrics/usage', '/api/v1/keys/ss']) {
      expect((await raw(emu, 'POST', p, { sdkKey: 'sdk-Staging', body: [{ any: 'thing' }] })).status).toBe(200);
    }
    expect((await raw(emu, 'GET', '/api/version')).status).toBe(200);
    expect(emu.counters().byRoute).not.toHaveProperty('POST /api/events/bulk');
  });
});
