import { SplitFactory } from '@splitsoftware/splitio';
import { admin, createFlag, createSegment, onOff, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

/**
 * The real Split Node SDK pointed at the emulator (docs/fme-api.md#sdk-data-plane) must evaluate the
 * treatments each rollout plan implies. Waits are bounded: readiness and updates time out.
 */
jest.setTimeout(60_000);

type Client = SplitIO.IClient;

const DAY = 24 * 3600 * 1000;
const JAN_10 = Date.UTC(2024, 0, 10, 12, 30);
const onWhen = (matcher: Record<string, unknown>) => onOff({
  rules: [{ condition: { combiner: 'AND', matchers: [matcher] }, buckets: [{ treatment: 'on', size: 100 }] }],
});

/** matcher, attributes that match, attributes that do not. */
const FAMILIES: [string, Record<string, unknown>, SplitIO.Attributes, SplitIO.Attributes][] = [
  ['in-list', { type: 'IN_LIST_STRING', attribute: 'country', strings: ['US', 'CA'] }, { country: 'CA' }, { country: 'FR' }],
  ['starts-with', { type: 'STARTS_WITH_STRING', attribute: 'email', strings: ['admin'] }, { email: 'admin@x.io' }, { email: 'user@x.io' }],
  ['ends-with', { type: 'ENDS_WITH_STRING', attribute: 'email', strings: ['@x.io'] }, { email: 'a@x.io' }, { email: 'a@y.io' }],
  ['contains', { type: 'CONTAINS_STRING', attribute: 'email', strings: ['qa'] }, { email: 'qa-1@x.io' }, { email: 'dev@x.io' }],
  ['regex', { type: 'MATCHES_STRING', attribute: 'email', string: '^[a-z]+@corp\\.com$' }, { email: 'ann@corp.com' }, { email: 'ann@corp.co' }],
  ['equal-set', { type: 'EQUAL_SET', attribute: 'perms', strings: ['read', 'write'] }, { perms: ['write', 'read'] }, { perms: ['read'] }],
  ['any-of-set', { type: 'ANY_OF_SET', attribute: 'perms', strings: ['admin', 'root'] }, { perms: ['read', 'root'] }, { perms: ['read'] }],
  ['all-of-set', { type: 'ALL_OF_SET', attribute: 'perms', strings: ['read', 'write'] }, { perms: ['read', 'write', 'x'] }, { perms: ['read'] }],
  ['part-of-set', { type: 'PART_OF_SET', attribute: 'perms', strings: ['read', 'write'] }, { perms: ['read'] }, { perms: ['read', 'delete'] }],
  ['boolean', { type: 'BOOLEAN', attribute: 'vip', bool: true }, { vip: true }, { vip: false }],
  ['eq-number', { type: 'EQUAL_NUMBER', attribute: 'age', number: 42 }, { age: 42 }, { age: 41 }],
  ['gte-number', { type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 18 }, { age: 18 }, { age: 17 }],
  ['lte-number', { type: 'LESS_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 12 }, { age: 12 }, { age: 13 }],
  ['between-number', { type: 'BETWEEN_NUMBER', attribute: 'age', between: { from: 20, to: 30 } }, { age: 25 }, { age: 31 }],
  ['on-date', { type: 'ON_DATE', attribute: 'signup', date: JAN_10 }, { signup: JAN_10 + 3600_000 }, { signup: JAN_10 + DAY }],
  ['after-date', { type: 'ON_OR_AFTER_DATE', attribute: 'signup', date: JAN_10 }, { signup: JAN_10 + 5 * DAY }, { signup: JAN_10 - 5 * DAY }],
  ['before-date', { type: 'ON_OR_BEFORE_DATE', attribute: 'signup', date: JAN_10 }, { signup: JAN_10 - 5 * DAY }, { signup: JAN_10 + 5 * DAY }],
  ['between-date', { type: 'BETWEEN_DATE', attribute: 'signup', between: { from: JAN_10, to: JAN_10 + 10 * DAY } }, { signup: JAN_10 + 2 * DAY }, { signup: JAN_10 + 20 * DAY }],
  ['eq-semver', { type: 'EQUAL_TO_SEMVER', attribute: 'version', string: '1.2.3' }, { version: '1.2.3' }, { version: '1.2.4' }],
  ['gte-semver', { type: 'GREATER_THAN_OR_EQUAL_TO_SEMVER', attribute: 'version', string: '2.0.0' }, { version: '2.1.0' }, { version: '1.9.9' }],
  ['lte-semver', { type: 'LESS_THAN_OR_EQUAL_TO_SEMVER', attribute: 'version', string: '2.0.0' }, { version: '1.0.0' }, { version: '2.0.1' }],
  ['between-semver', { type: 'BETWEEN_SEMVER', attribute: 'version', betweenString: { from: '1.0.0', to: '2.0.0' } }, { version: '1.5.0' }, { version: '2.5.0' }],
  ['in-list-semver', { type: 'IN_LIST_SEMVER', attribute: 'version', strings: ['1.0.0', '3.0.0'] }, { version: '3.0.0' }, { version: '2.0.0' }],
  ['negated', { type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'], negate: true }, { country: 'FR' }, { country: 'US' }],
];

function sdkFactory(emu: RunningEmulator, sdkKey: string): SplitIO.ISDK {
  return SplitFactory({
    core: { authorizationKey: sdkKey },
    urls: { sdk: emu.sdkBaseUrl, events: emu.sdkBaseUrl, auth: emu.sdkBaseUrl, streaming: emu.url, telemetry: emu.sdkBaseUrl },
    streamingEnabled: false,
    scheduler: { featuresRefreshRate: 0.5, segmentsRefreshRate: 0.5, impressionsRefreshRate: 300, eventsPushRate: 300 },
    startup: { readyTimeout: 10, requestTimeoutBeforeReady: 5 },
    debug: false,
  } as SplitIO.INodeSettings);
}

/** Resolves on the next SDK_UPDATE, or rejects after `ms`. */
function nextUpdate(client: Client, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no SDK_UPDATE within ${ms} ms`)), ms);
    client.once(client.Event.SDK_UPDATE, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Waits (bounded) until `check` holds, re-checking after each SDK update. */
async function until(client: Client, check: () => boolean, updates = 5): Promise<void> {
  for (let i = 0; i < updates && !check(); i++) await nextUpdate(client);
  expect(check()).toBe(true);
}

describe('the Split Node SDK evaluates what the emulator serves', () => {
  let emu: RunningEmulator;
  let factory: SplitIO.ISDK;
  let client: Client;

  beforeAll(async () => {
    emu = await start();
    await createSegment(emu, 'beta', { Staging: ['carol', 'seg-user'] });
    const def = (flag: string, body: Record<string, unknown>) => admin(emu, 'POST', `/splits/ws/Default/${flag}/environments/Staging`, body)
      .then(r => { if (r.status !== 200) throw new Error(`${flag}: ${r.text}`); });

    await createFlag(emu, 'targets');
    await def('targets', {
      treatments: [{ name: 'on', keys: ['alice'], segments: ['beta'] }, { name: 'off', keys: ['bob'] }],
      defaultTreatment: 'off',
      defaultRule: [{ treatment: 'off', size: 100 }],
    });
    await createFlag(emu, 'segment-rule');
    await def('segment-rule', onWhen({ type: 'IN_SEGMENT', string: 'beta' }));
    await createFlag(emu, 'depends');
    await def('depends', onWhen({ type: 'IN_SPLIT', depends: { splitName: 'targets', treatment: 'on' } }));
    for (const [name, matcher] of FAMILIES) {
      await createFlag(emu, `m-${name}`);
      await def(`m-${name}`, onWhen(matcher));
    }
    await createFlag(emu, 'fifty');
    await def('fifty', onOff({ defaultRule: [{ treatment: 'on', size: 50 }, { treatment: 'off', size: 50 }] }));
    await createFlag(emu, 'configs');
    await def('configs', {
      treatments: [{ name: 'blue', configurations: '{"color":"blue","size":3}' }, { name: 'red', configurations: '{"color":"red"}' }],
      defaultTreatment: 'red',
      defaultRule: [{ treatment: 'blue', size: 100 }],
    });
    await createFlag(emu, 'killed');
    await def('killed', onOff({ defaultRule: [{ treatment: 'on', size: 100 }] }));
    await admin(emu, 'PUT', '/splits/ws/Default/killed/environments/Staging/kill');
    await createFlag(emu, 'no-exposure');
    await def('no-exposure', onOff({ trafficAllocation: 0, defaultRule: [{ treatment: 'on', size: 100 }] }));
    await createFlag(emu, 'some-exposure');
    await def('some-exposure', onOff({ trafficAllocation: 30, defaultRule: [{ treatment: 'on', size: 100 }] }));
    await createFlag(emu, 'doomed');
    await def('doomed', onOff({ defaultRule: [{ treatment: 'on', size: 100 }] }));

    factory = sdkFactory(emu, 'sdk-Staging');
    client = factory.client();
    await client.ready();
  });

  afterAll(async () => {
    await client?.destroy();
    await emu?.stop();
  });

  test('individual keys and segment targets come first', () => {
    expect(client.getTreatment('alice', 'targets')).toBe('on');
    expect(client.getTreatment('bob', 'targets')).toBe('off');
    expect(client.getTreatment('carol', 'targets')).toBe('on');
    expect(client.getTreatment('dave', 'targets')).toBe('off');
  });

  test('a segment rule', () => {
    expect(client.getTreatment('seg-user', 'segment-rule')).toBe('on');
    expect(client.getTreatment('stranger', 'segment-rule')).toBe('off');
  });

  test('IN_SPLIT depends on another flag\'s treatment', () => {
    expect(client.getTreatment('alice', 'depends')).toBe('on');
    expect(client.getTreatment('bob', 'depends')).toBe('off');
  });

  test.each(FAMILIES)('matcher family %s', (name, _matcher, yes, no) => {
    expect(client.getTreatment('someone', `m-${name}`, yes)).toBe('on');
    expect(client.getTreatment('someone', `m-${name}`, no)).toBe('off');
  });

  test('a 50/50 default rule splits 10,000 keys within ±2 points', () => {
    let on = 0;
    for (let i = 0; i < 10_000; i++) if (client.getTreatment(`user-${i}`, 'fifty') === 'on') on++;
    expect(on / 100).toBeGreaterThanOrEqual(48);
    expect(on / 100).toBeLessThanOrEqual(52);
  });

  test('getTreatmentWithConfig returns the JSON configuration', () => {
    const result = client.getTreatmentWithConfig('anyone', 'configs');
    expect(result.treatment).toBe('blue');
    expect(JSON.parse(result.config!)).toEqual({ color: 'blue', size: 3 });
  });

  test('a killed flag serves its default treatment', () => {
    expect(client.getTreatment('anyone', 'killed')).toBe('off');
  });

  test('limit exposure: 0% serves the default treatment, 30% exposes about 30%', () => {
    for (let i = 0; i < 200; i++) expect(client.getTreatment(`user-${i}`, 'no-exposure')).toBe('off');
    let on = 0;
    for (let i = 0; i < 4000; i++) if (client.getTreatment(`user-${i}`, 'some-exposure') === 'on') on++;
    expect(on / 40).toBeGreaterThan(25);
    expect(on / 40).toBeLessThan(35);
  });

  test('an unknown flag is control', () => {
    expect(client.getTreatment('anyone', 'never-defined')).toBe('control');
  });

  test('updates reach the SDK on the next poll, and a deleted definition becomes control', async () => {
    expect(client.getTreatment('zed', 'doomed')).toBe('on');
    await admin(emu, 'PATCH', '/splits/ws/Default/doomed/environments/Staging', [{ op: 'replace', path: '/defaultRule', value: [{ treatment: 'off', size: 100 }] }]);
    await until(client, () => client.getTreatment('zed', 'doomed') === 'off');
    await admin(emu, 'PUT', '/segments/Staging/beta/uploadKeys?replace=false', { keys: ['zed'], comment: 'add' });
    await until(client, () => client.getTreatment('zed', 'targets') === 'on');
    expect((await admin(emu, 'DELETE', '/splits/ws/Default/doomed/environments/Staging')).status).toBe(200);
    await until(client, () => client.getTreatment('zed', 'doomed') === 'control');
  });
});

describe('an SDK key sees only its environment', () => {
  test('Production and Staging serve different plans', async () => {
    const emu = await start();
    const factories: SplitIO.ISDK[] = [];
    try {
      await createFlag(emu, 'per-env');
      await admin(emu, 'POST', '/splits/ws/Default/per-env/environments/Staging', onOff({ defaultRule: [{ treatment: 'on', size: 100 }] }));
      await admin(emu, 'POST', '/splits/ws/Default/per-env/environments/Production', onOff());
      const staging = sdkFactory(emu, 'sdk-Staging');
      const production = sdkFactory(emu, 'sdk-Production');
      factories.push(staging, production);
      await Promise.all([staging.client().ready(), production.client().ready()]);
      expect(staging.client().getTreatment('k', 'per-env')).toBe('on');
      expect(production.client().getTreatment('k', 'per-env')).toBe('off');
    } finally {
      for (const f of factories) await f.client().destroy();
      await emu.stop();
    }
  });
});
