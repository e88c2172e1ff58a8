import { APPROVER_KEY, admin, createFlag, onOff, raw, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

/**
 * The emulator's side of issue 14's lifecycle features (docs/fme-api.md#impression-tracking,
 * #archive-and-unarchive, #scheduled-change-requests): impression tracking per definition, archive
 * and unarchive, and scheduled change requests.
 */

const sdk = (emu: RunningEmulator, path: string) => raw(emu, 'GET', `/api${path}`, { sdkKey: 'sdk-Staging' });
const STAGING = (flag: string) => `/splits/ws/Default/${flag}/environments/Staging`;

async function sdkSplit(emu: RunningEmulator, flag: string, since = -1): Promise<any> {
  const body = (await sdk(emu, `/splitChanges?s=1.3&since=${since}`)).body;
  return body.ff.d.find((s: { name: string }) => s.name === flag);
}

async function tillOf(emu: RunningEmulator): Promise<number> {
  return (await sdk(emu, '/splitChanges?s=1.3&since=-1')).body.ff.t;
}

describe('impression tracking', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start(); });
  afterAll(() => emu.stop());

  test('a JSON Patch of /impressionsDisabled shows on GET and reaches the SDK', async () => {
    await createFlag(emu, 'quiet');
    expect((await admin(emu, 'POST', STAGING('quiet'), onOff())).body.impressionsDisabled).toBe(false);
    expect((await sdkSplit(emu, 'quiet')).impressionsDisabled).toBe(false);
    const patched = await admin(emu, 'PATCH', STAGING('quiet'), [{ op: 'replace', path: '/impressionsDisabled', value: true }]);
    expect(patched.status).toBe(200);
    expect((await admin(emu, 'GET', STAGING('quiet'))).body.impressionsDisabled).toBe(true);
    expect((await sdkSplit(emu, 'quiet')).impressionsDisabled).toBe(true);
  });

  test('a value that is not a boolean is refused', async () => {
    await createFlag(emu, 'loud');
    await admin(emu, 'POST', STAGING('loud'), onOff());
    expect((await admin(emu, 'PATCH', STAGING('loud'), [{ op: 'replace', path: '/impressionsDisabled', value: 'yes' }])).status).toBe(400);
  });
});

describe('archive and unarchive', () => {
  let emu: RunningEmulator;
  let lenient: RunningEmulator;
  beforeAll(async () => {
    emu = await start();
    lenient = await start({ strictness: 'lenient' });
  });
  afterAll(async () => { await emu.stop(); await lenient.stop(); });

  test('an archived flag reaches SDKs as ARCHIVED, keeps its definition, and comes back ACTIVE when unarchived', async () => {
    await createFlag(emu, 'old_banner');
    await admin(emu, 'POST', STAGING('old_banner'), onOff({ defaultRule: [{ treatment: 'on', size: 100 }] }));
    expect((await admin(emu, 'GET', '/splits/ws/Default/old_banner')).body.status).toBe('ACTIVE');
    const before = await tillOf(emu);

    const archived = await admin(emu, 'POST', '/splits/ws/Default/old_banner/archive', {});
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe('ARCHIVED');
    expect((await admin(emu, 'GET', '/splits/ws/Default/old_banner')).body.status).toBe('ARCHIVED');
    // An SDK that synced before the archive gets the flag again, ARCHIVED: it drops it and answers control.
    expect((await sdkSplit(emu, 'old_banner', before)).status).toBe('ARCHIVED');
    // The definition stays stored.
    expect((await admin(emu, 'GET', STAGING('old_banner'))).body.defaultRule).toEqual([{ treatment: 'on', size: 100 }]);

    const middle = await tillOf(emu);
    const unarchived = await admin(emu, 'POST', '/splits/ws/Default/old_banner/unarchive', {});
    expect(unarchived.body.status).toBe('ACTIVE');
    const back = await sdkSplit(emu, 'old_banner', middle);
    expect(back.status).toBe('ACTIVE');
    expect(back.conditions.at(-1).partitions).toEqual([{ treatment: 'on', size: 100 }, { treatment: 'off', size: 0 }]);
  });

  test('strict: definition writes on an archived flag, and archiving twice, are refused with 409', async () => {
    await createFlag(emu, 'frozen');
    await admin(emu, 'POST', STAGING('frozen'), onOff());
    await admin(emu, 'POST', '/splits/ws/Default/frozen/archive', {});
    const patch = await admin(emu, 'PATCH', STAGING('frozen'), [{ op: 'replace', path: '/trafficAllocation', value: 50 }]);
    expect(patch.status).toBe(409);
    expect(patch.body.message).toMatch(/archived; unarchive it/);
    expect((await admin(emu, 'PUT', `${STAGING('frozen')}/kill`)).status).toBe(409);
    expect((await admin(emu, 'POST', '/splits/ws/Default/frozen/archive', {})).status).toBe(409);
    expect((await admin(emu, 'POST', '/splits/ws/Default/other_never_archived/unarchive', {})).status).toBe(404);
  });

  test('lenient: the same writes are accepted', async () => {
    await createFlag(lenient, 'frozen');
    await admin(lenient, 'POST', STAGING('frozen'), onOff());
    await admin(lenient, 'POST', '/splits/ws/Default/frozen/archive', {});
    expect((await admin(lenient, 'PATCH', STAGING('frozen'), [{ op: 'replace', path: '/trafficAllocation', value: 50 }])).status).toBe(200);
    expect((await admin(lenient, 'POST', '/splits/ws/Default/frozen/archive', {})).status).toBe(200);
  });

  test('a flag another flag depends on cannot be archived', async () => {
    await createFlag(emu, 'base');
    await createFlag(emu, 'dependent');
    await admin(emu, 'POST', STAGING('base'), onOff());
    await admin(emu, 'POST', STAGING('dependent'), onOff({
      rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'base', treatments: ['on'] } }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    }));
    const refused = await admin(emu, 'POST', '/splits/ws/Default/base/archive', {});
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/dependent \(Staging\)/);
  });
});

describe('scheduled change requests', () => {
  const SEED = {
    workspaces: [{
      name: 'Default',
      environments: [{ name: 'Production', production: true, approvalsRequired: true }],
      trafficTypes: ['user'],
      flags: [{ name: 'launch', trafficType: 'user' }, { name: 'later', trafficType: 'user' }],
    }],
  };
  const PROD = (flag: string) => `/splits/ws/Default/${flag}/environments/Production`;
  const submit = (emu: RunningEmulator, flag: string, extra: Record<string, unknown>) => admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
    split: { name: flag, ...onOff() }, operationType: 'CREATE', title: 't', comment: 'c', approvers: [], ...extra,
  });
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start({ seed: SEED }); });
  afterAll(() => emu.stop());

  test('an unknown time zone, a time that is not ms since the epoch, or a time zone without a time are refused with 400', async () => {
    expect((await submit(emu, 'later', { scheduledFor: Date.now() + 60_000, scheduledForTimezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await submit(emu, 'later', { scheduledFor: '2030-01-01' })).status).toBe(400);
    expect((await submit(emu, 'later', { scheduledForTimezone: 'Europe/Berlin' })).status).toBe(400);
  });

  test('SCHEDULE_REQUESTED, then SCHEDULED when approved, then PUBLISHED when its time has come (the emulator clock)', async () => {
    const scheduledFor = Date.now() + 1500;
    const submitted = await submit(emu, 'launch', { scheduledFor, scheduledForTimezone: 'Europe/Berlin' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'SCHEDULE_REQUESTED', scheduledFor, scheduledForTimezone: 'Europe/Berlin' });
    const approved = await admin(emu, 'PUT', `/changeRequests/${submitted.body.id}`, { status: 'APPROVED' }, { key: APPROVER_KEY });
    // Approved well before its time (the request was submitted moments ago with 1.5 s to go).
    expect(approved.body.status).toBe('SCHEDULED');
    expect((await admin(emu, 'GET', PROD('launch'))).status).toBe(404);
    // Still pending: a second request for the flag is refused as one already open.
    expect((await submit(emu, 'launch', {})).status).toBe(409);

    // Bounded wait for the emulator's clock to pass the scheduled time; no timed assertion.
    for (let i = 0; i < 100 && Date.now() <= scheduledFor; i++) await new Promise((r) => setTimeout(r, 50));
    const live = await admin(emu, 'GET', PROD('launch'));
    expect(live.status).toBe(200);
    expect((await admin(emu, 'GET', `/changeRequests/${submitted.body.id}`)).body.status).toBe('PUBLISHED');
  });
});
