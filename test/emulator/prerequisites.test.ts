import { admin, createFlag, onOff, raw, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';
import { startSdk } from '../support/split-sdk';

/**
 * Prerequisites on definitions (docs/fme-api.md#prerequisites): stored and returned by the Admin
 * API, validated (strictly where FME's answer is unconfirmed), sent to SDKs as `{n, ts}`, and
 * evaluated by the real Split SDK.
 */

const STAGING = (flag: string) => `/splits/ws/Default/${flag}/environments/Staging`;
const sdkSplit = async (emu: RunningEmulator, flag: string): Promise<any> =>
  (await raw(emu, 'GET', '/api/splitChanges?s=1.3&since=-1', { sdkKey: 'sdk-Staging' })).body.ff.d.find((s: { name: string }) => s.name === flag);
const serving = (treatment: string) => onOff({ defaultRule: [{ treatment, size: 100 }] });

describe('prerequisites (strict)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start(); });
  afterAll(() => emu.stop());

  test('stored, returned on GET, and sent to SDKs as {n, ts}; none is an empty list', async () => {
    await createFlag(emu, 'base');
    await createFlag(emu, 'gated');
    expect((await admin(emu, 'POST', STAGING('base'), serving('on'))).body.prerequisites).toEqual([]);
    const created = await admin(emu, 'POST', STAGING('gated'), onOff({
      defaultRule: [{ treatment: 'on', size: 100 }], prerequisites: [{ flagName: 'base', treatments: ['on'] }],
    }));
    expect(created.status).toBe(200);
    expect((await admin(emu, 'GET', STAGING('gated'))).body.prerequisites).toEqual([{ flagName: 'base', treatments: ['on'] }]);
    expect((await sdkSplit(emu, 'gated')).prerequisites).toEqual([{ n: 'base', ts: ['on'] }]);
    expect((await sdkSplit(emu, 'base')).prerequisites).toEqual([]);
  });

  test('a JSON Patch replaces them; an empty list removes them', async () => {
    await createFlag(emu, 'p_base');
    await createFlag(emu, 'p_gated');
    await admin(emu, 'POST', STAGING('p_base'), serving('on'));
    await admin(emu, 'POST', STAGING('p_gated'), serving('on'));
    const add = await admin(emu, 'PATCH', STAGING('p_gated'), [{ op: 'replace', path: '/prerequisites', value: [{ flagName: 'p_base', treatments: ['off'] }] }]);
    expect(add.status).toBe(200);
    expect(add.body.prerequisites).toEqual([{ flagName: 'p_base', treatments: ['off'] }]);
    const removed = await admin(emu, 'PATCH', STAGING('p_gated'), [{ op: 'replace', path: '/prerequisites', value: [] }]);
    expect(removed.body.prerequisites).toEqual([]);
  });

  test.each([
    ['a flag that does not exist', [{ flagName: 'nope', treatments: ['on'] }], /feature flag 'nope' does not exist/],
    ['the flag itself', [{ flagName: 'v_gated', treatments: ['on'] }], /cannot be its own prerequisite/],
    ['no treatments', [{ flagName: 'v_base', treatments: [] }], /must not be empty/],
    ['the same flag twice', [{ flagName: 'v_base', treatments: ['on'] }, { flagName: 'v_base', treatments: ['off'] }], /already a prerequisite/],
    ['a treatment the flag does not have (strict)', [{ flagName: 'v_base', treatments: ['blue'] }], /'blue' is not a treatment of feature flag 'v_base'/],
    ['a flag without a definition here (strict)', [{ flagName: 'v_undefined', treatments: ['on'] }], /has no definition in this environment/],
    ['an entry that is not an object', ['v_base'], /must be an object \{flagName, treatments\}/],
  ])('refuses %s with 400', async (_what, prerequisites, message) => {
    for (const name of ['v_base', 'v_gated', 'v_undefined']) {
      if ((await admin(emu, 'GET', `/splits/ws/Default/${name}`)).status === 404) await createFlag(emu, name);
    }
    if ((await admin(emu, 'GET', STAGING('v_base'))).status === 404) await admin(emu, 'POST', STAGING('v_base'), serving('on'));
    const res = await admin(emu, 'POST', STAGING('v_gated'), onOff({ prerequisites }));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
  });

  test('refuses a cycle through prerequisites and IN_SPLIT rules', async () => {
    await createFlag(emu, 'c_a');
    await createFlag(emu, 'c_b');
    await admin(emu, 'POST', STAGING('c_a'), serving('on'));
    await admin(emu, 'POST', STAGING('c_b'), onOff({
      rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'c_a', treatment: 'on' } }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    }));
    const res = await admin(emu, 'PATCH', STAGING('c_a'), [{ op: 'add', path: '/prerequisites', value: [{ flagName: 'c_b', treatments: ['on'] }] }]);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/make a cycle: c_a -> c_b -> c_a/);
  });

  test('a prerequisite flag cannot lose the treatment, nor its definition, while another flag requires it', async () => {
    await createFlag(emu, 'k_base');
    await createFlag(emu, 'k_gated');
    await admin(emu, 'POST', STAGING('k_base'), serving('on'));
    await admin(emu, 'POST', STAGING('k_gated'), onOff({ prerequisites: [{ flagName: 'k_base', treatments: ['on'] }] }));
    const dropped = await admin(emu, 'PUT', STAGING('k_base'), {
      treatments: [{ name: 'v1' }, { name: 'off' }], defaultTreatment: 'off', defaultRule: [{ treatment: 'off', size: 100 }],
    });
    expect(dropped.status).toBe(400);
    expect(dropped.text).toMatch(/are prerequisites of k_gated/);
    const removed = await admin(emu, 'DELETE', `${STAGING('k_base')}?title=t&comment=c`);
    expect(removed.status).toBe(409);
    expect(removed.text).toMatch(/k_gated \(Staging\) depend\(s\) on it through IN_SPLIT or as a prerequisite/);
  });

  test('the real Split SDK serves the default treatment while a prerequisite is not met, and the rules once it is', async () => {
    await createFlag(emu, 's_base');
    await createFlag(emu, 's_gated');
    await admin(emu, 'POST', STAGING('s_base'), onOff({ treatments: [{ name: 'on', keys: ['vip'] }, { name: 'off' }] }));
    await admin(emu, 'POST', STAGING('s_gated'), onOff({
      defaultRule: [{ treatment: 'on', size: 100 }], prerequisites: [{ flagName: 's_base', treatments: ['on'] }],
    }));
    const sdk = await startSdk(emu.sdkBaseUrl, 'sdk-Staging');
    try {
      // `vip` gets s_base=on, so s_gated runs its default rule (on); everyone else gets s_base=off, so s_gated's default (off).
      expect(sdk.client.getTreatment('vip', 's_gated')).toBe('on');
      expect(sdk.client.getTreatment('someone', 's_gated')).toBe('off');
    } finally {
      await sdk.destroy();
    }
  });
});

describe('prerequisites (lenient)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start({ strictness: 'lenient' }); });
  afterAll(() => emu.stop());

  test('accepts a treatment the flag does not have and a flag without a definition here (unconfirmed in FME)', async () => {
    await createFlag(emu, 'l_base');
    await createFlag(emu, 'l_gated');
    await createFlag(emu, 'l_undefined');
    await admin(emu, 'POST', STAGING('l_base'), serving('on'));
    const res = await admin(emu, 'POST', STAGING('l_gated'), onOff({
      prerequisites: [{ flagName: 'l_base', treatments: ['blue'] }, { flagName: 'l_undefined', treatments: ['on'] }],
    }));
    expect(res.status).toBe(200);
    // Still refused: a flag that does not exist.
    expect((await admin(emu, 'PATCH', STAGING('l_gated'), [{ op: 'replace', path: '/prerequisites', value: [{ flagName: 'nope', treatments: ['on'] }] }])).status).toBe(400);
  });
});

describe('prerequisite cycles made by an IN_SPLIT change', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start(); });
  afterAll(() => emu.stop());

  test('an IN_SPLIT rule closing a cycle through another flag\'s prerequisite is refused', async () => {
    await createFlag(emu, 'x_a');
    await createFlag(emu, 'x_b');
    await admin(emu, 'POST', STAGING('x_a'), serving('on'));
    await admin(emu, 'POST', STAGING('x_b'), onOff({ prerequisites: [{ flagName: 'x_a', treatments: ['on'] }] }));
    const rules = [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'x_b', treatment: 'on' } }] }, buckets: [{ treatment: 'on', size: 100 }] }];
    const res = await admin(emu, 'PATCH', STAGING('x_a'), [{ op: 'replace', path: '/rules', value: rules }]);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/make a cycle: x_a -> x_b -> x_a/);
  });
});
