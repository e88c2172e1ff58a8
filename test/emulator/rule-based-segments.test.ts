import { SplitFactory } from '@splitsoftware/splitio';
import { admin, APPROVER_KEY, createFlag, createSegment, onOff, raw, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

/**
 * Rule-based segments in the emulator (docs/fme-api.md#rule-based-segments): the Admin routes,
 * change requests, the SDK `rbs` payload of `/splitChanges?s=1.3`, and the real Split SDK
 * evaluating a flag that targets one.
 */
jest.setTimeout(60_000);

const sdk = (emu: RunningEmulator, path: string) => raw(emu, 'GET', `/api${path}`, { sdkKey: 'sdk-Staging' });
const adults = { rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 18 }] } }] };

async function ok(p: Promise<{ status: number; text: string }>): Promise<void> {
  const res = await p;
  if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
}

describe('emulator: rule-based segments', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({
      sdkKeys: ['sdk-Staging=Staging'],
      seed: { workspaces: [{ name: 'Default', environments: [{ name: 'Staging' }, { name: 'Production', approvalsRequired: true }], trafficTypes: ['user', 'account'] }] },
    });
    await createSegment(emu, 'blocked', { Staging: ['bob'] });
  });
  afterAll(() => emu.stop());

  test('create, activate, set rules with exclusions; lists and the SDK payload', async () => {
    await ok(admin(emu, 'POST', '/rule-based-segments/ws/Default/trafficTypes/user', { name: 'adults', description: 'of age' }));
    expect((await admin(emu, 'POST', '/rule-based-segments/ws/Default/trafficTypes/user', { name: 'adults' })).status).toBe(409);
    expect((await admin(emu, 'PUT', '/rule-based-segments/ws/Default/adults/environments/Staging', { ...adults, comment: 'c' })).status).toBe(404);
    await ok(admin(emu, 'POST', '/rule-based-segments/Staging/adults'));
    const before = (await sdk(emu, '/splitChanges?s=1.3&since=-1&rbSince=-1')).body.rbs;
    const put = await admin(emu, 'PUT', '/rule-based-segments/ws/Default/adults/environments/Staging', {
      title: 't', comment: 'c', ...adults, excludedKeys: ['amy'], excludedSegments: [{ name: 'blocked', type: 'standard_segment' }],
    });
    expect(put.status).toBe(200);
    const list = (await admin(emu, 'GET', '/rule-based-segments/ws/Default')).body;
    expect(list).toEqual([expect.objectContaining({ name: 'adults', description: 'of age', trafficType: expect.objectContaining({ name: 'user' }) })]);
    const inEnv = (await admin(emu, 'GET', '/rule-based-segments/ws/Default/environments/Staging')).body.objects;
    expect(inEnv).toEqual([expect.objectContaining({ name: 'adults', ...adults, excludedKeys: ['amy'], excludedSegments: [{ name: 'blocked', type: 'standard_segment' }] })]);

    const after = (await sdk(emu, `/splitChanges?s=1.3&since=-1&rbSince=${before.t}`)).body.rbs;
    expect(after.s).toBe(before.t);
    expect(after.d).toEqual([{
      name: 'adults',
      changeNumber: after.t,
      status: 'ACTIVE',
      trafficTypeName: 'user',
      excluded: { keys: ['amy'], segments: [{ type: 'standard', name: 'blocked' }] },
      conditions: [{
        conditionType: 'ROLLOUT',
        matcherGroup: {
          combiner: 'AND',
          matchers: [expect.objectContaining({
            matcherType: 'GREATER_THAN_OR_EQUAL_TO', keySelector: { trafficType: 'user', attribute: 'age' }, unaryNumericMatcherData: { dataType: 'NUMBER', value: 18 },
          })],
        },
      }],
    }]);
    expect((await sdk(emu, `/splitChanges?s=1.3&since=-1&rbSince=${after.t}`)).body.rbs).toEqual({ d: [], s: after.t, t: after.t });
  });

  test('strict validation: unknown exclusions, self references, cycles, deleting what is used', async () => {
    const put = (name: string, body: unknown) => admin(emu, 'PUT', `/rule-based-segments/ws/Default/${name}/environments/Staging`, { comment: 'c', ...body as object });
    expect((await put('adults', { ...adults, excludedSegments: [{ name: 'nope', type: 'standard_segment' }] })).status).toBe(400);
    expect((await put('adults', { ...adults, excludedSegments: [{ name: 'blocked', type: 'standard' }] })).status).toBe(400);
    expect((await put('adults', { rules: [{ condition: { matchers: [{ type: 'IN_RULE_BASED_SEGMENT', string: 'adults' }] } }] })).status).toBe(400);
    await ok(admin(emu, 'POST', '/rule-based-segments/ws/Default/trafficTypes/user', { name: 'outer' }));
    await ok(admin(emu, 'POST', '/rule-based-segments/Staging/outer'));
    await ok(put('outer', { rules: [{ condition: { matchers: [{ type: 'IN_RULE_BASED_SEGMENT', string: 'adults' }] } }] }));
    const cycle = await put('adults', { ...adults, excludedSegments: [{ name: 'outer', type: 'rule_based_segment' }] });
    expect(cycle.status).toBe(400);
    expect(cycle.body.message).toMatch(/would contain itself through outer -> adults/);
    expect((await admin(emu, 'DELETE', '/rule-based-segments/ws/Default/adults')).status).toBe(409);
    expect((await admin(emu, 'DELETE', '/segments/ws/Default/blocked')).status).toBe(409);
    await ok(admin(emu, 'DELETE', '/rule-based-segments/Staging/outer'));
    await ok(admin(emu, 'DELETE', '/rule-based-segments/ws/Default/outer'));
    expect((await admin(emu, 'GET', '/rule-based-segments/ws/Default')).body.map((s: { name: string }) => s.name)).toEqual(['adults']);
  });

  test('approval-gated environments: PUT is refused, a ruleBasedSegment change request applies once approved', async () => {
    await ok(admin(emu, 'POST', '/rule-based-segments/Production/adults'));
    expect((await admin(emu, 'PUT', '/rule-based-segments/ws/Default/adults/environments/Production', { comment: 'c', ...adults })).status).toBe(403);
    const cr = await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
      ruleBasedSegment: { name: 'adults', ...adults, excludedKeys: ['zed'], excludedSegments: [] }, operationType: 'UPDATE', title: 't', comment: 'c', approvers: [],
    });
    expect(cr.status).toBe(200);
    expect((await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
      ruleBasedSegment: { name: 'adults', ...adults }, operationType: 'UPDATE', title: 't', comment: 'c', approvers: [],
    })).status).toBe(409);
    await ok(admin(emu, 'PUT', `/changeRequests/${cr.body.id}`, { status: 'APPROVED', comment: 'ok' }, { key: APPROVER_KEY }));
    const inEnv = (await admin(emu, 'GET', '/rule-based-segments/ws/Default/environments/Production')).body.objects;
    expect(inEnv).toEqual([expect.objectContaining({ name: 'adults', excludedKeys: ['zed'] })]);
  });

  test('the real Split SDK puts matching keys in the segment, never excluded ones, and waits for referenced segments', async () => {
    await createFlag(emu, 'adult_feature');
    await ok(admin(emu, 'POST', '/splits/ws/Default/adult_feature/environments/Staging', onOff({
      rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_RULE_BASED_SEGMENT', string: 'adults' }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    })));
    const factory = SplitFactory({
      core: { authorizationKey: 'sdk-Staging' },
      urls: { sdk: emu.sdkBaseUrl, events: emu.sdkBaseUrl, auth: emu.sdkBaseUrl, streaming: emu.url, telemetry: emu.sdkBaseUrl },
      streamingEnabled: false,
      startup: { readyTimeout: 10, requestTimeoutBeforeReady: 5 },
      scheduler: { impressionsRefreshRate: 300, eventsPushRate: 300 },
    } as SplitIO.INodeSettings);
    const client = factory.client();
    try {
      await client.whenReady();
      expect(client.getTreatment('ann', 'adult_feature', { age: 30 })).toBe('on');
      expect(client.getTreatment('kid', 'adult_feature', { age: 10 })).toBe('off');
      expect(client.getTreatment('amy', 'adult_feature', { age: 30 })).toBe('off'); // excluded key
      expect(client.getTreatment('bob', 'adult_feature', { age: 30 })).toBe('off'); // in the excluded segment
    } finally {
      await client.destroy();
    }
  });
});
