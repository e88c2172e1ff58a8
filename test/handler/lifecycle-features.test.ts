import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adminGet, API_KEY, bundleHandler, flagSpec, inventory, part, plan, runHandler, target } from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';

/**
 * The handler's side of issue 14's lifecycle features, against the emulator: impression tracking
 * converged in place (and left alone when the code does not set it), archive instead of delete
 * (delete, reconcile, and unarchive when the flag comes back), the definition removal in
 * approval-gated environments as an ARCHIVE change request, and scheduled change requests.
 */

const APPROVER = 'lifecycle-approver-key';
let em: RunningEmulator;
let stateDir: string;
let ws: string;

beforeAll(async () => {
  bundleHandler();
  em = await startEmulator({
    adminApiKeys: [API_KEY, APPROVER],
    seed: {
      workspaces: [{
        name: 'Default',
        environments: [{ name: 'Staging' }, { name: 'Production', production: true, approvalsRequired: true }],
        trafficTypes: ['user'],
      }],
    },
  });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-lifecycle-'));
  ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
}, 60_000);

afterAll(async () => {
  await em?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
});

const run = (command: string, spec: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
const reconcile = (previous: unknown, next: unknown) =>
  runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(next) }, stateDir);
const flag = async (name: string) => adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${name}`);
const definition = async (name: string, env = 'Staging') => adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${name}/environments/${env}`);

async function adminWrite(method: string, urlPath: string, body: unknown, key = API_KEY): Promise<{ status: number; body: any }> {
  const res = await fetch(`${em.adminBaseUrl}${urlPath}`, { method, headers: { 'x-api-key': key, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function ok(command: string, spec: unknown): Promise<string> {
  const r = await run(command, spec);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('impression tracking', () => {
  test('set in the code: created with impressions disabled, then converged back in place', async () => {
    const t = target(em.adminBaseUrl);
    const out = await ok('converge', flagSpec(t, 'quiet_flag', [part('Staging', { definition: plan(10, { impressionsDisabled: true }) })]));
    expect(out).toContain('[fme] flag quiet_flag / Staging: definition created with impressions disabled');
    const created = (await definition('quiet_flag')).body;
    expect(created.impressionsDisabled).toBe(true);

    const again = await ok('converge', flagSpec(t, 'quiet_flag', [part('Staging', { definition: plan(10, { impressionsDisabled: false }) })]));
    expect(again).toContain('definition updated (impressionsDisabled)');
    const updated = (await definition('quiet_flag')).body;
    expect(updated.impressionsDisabled).toBe(false);
    expect(updated.creationTime).toBe(created.creationTime);
  });

  test('not set in the code: a setting made in FME stays, and nothing is written', async () => {
    const t = target(em.adminBaseUrl);
    const spec = flagSpec(t, 'ui_quiet', [part('Staging', { definition: plan(10) })]);
    await ok('converge', spec);
    expect((await adminWrite('PATCH', `/splits/ws/${ws}/ui_quiet/environments/Staging`, [{ op: 'replace', path: '/impressionsDisabled', value: true }])).status).toBe(200);
    em.resetCounters();
    const out = await ok('converge', spec);
    expect(out).toContain('[fme] flag ui_quiet / Staging: unchanged');
    expect(em.counters().writes).toBe(0);
    expect((await definition('ui_quiet')).body.impressionsDisabled).toBe(true);
  });
});

describe('archive instead of delete', () => {
  test('delete archives the flag and keeps its definition; converging it again unarchives it', async () => {
    const t = target(em.adminBaseUrl);
    const spec = flagSpec(t, 'old_banner', [part('Staging', { definition: plan(100), removalPolicy: 'archive' })], { removalPolicy: 'archive' });
    await ok('converge', spec);
    const out = await ok('delete', spec);
    expect(out).toContain('[fme] flag old_banner / Staging: left in place, kept with its flag, which is archived');
    expect(out).toContain('[fme] flag old_banner: archived');
    expect((await flag('old_banner')).body.status).toBe('ARCHIVED');
    expect((await definition('old_banner')).status).toBe(200);
    expect(await ok('delete', spec)).toContain('[fme] flag old_banner: already archived');

    const back = await ok('converge', spec);
    expect(back).toContain('[fme] flag old_banner: unarchived');
    expect((await flag('old_banner')).body.status).toBe('ACTIVE');
  });

  test('reconcile archives a flag that left the code, and deletes a definition that left while its flag stays', async () => {
    const t = target(em.adminBaseUrl);
    await ok('converge', flagSpec(t, 'gone_flag', [part('Staging', { definition: plan(10) })]));
    await ok('converge', flagSpec(t, 'kept_flag', [part('Staging', { definition: plan(10) })]));
    const previous = inventory(t, [
      { t: 'definition', flag: 'gone_flag', env: 'Staging', policy: 'archive' },
      { t: 'definition', flag: 'kept_flag', env: 'Staging', policy: 'archive' },
      { t: 'flag', flag: 'gone_flag', policy: 'archive' },
      { t: 'flag', flag: 'kept_flag', policy: 'archive' },
    ]);
    const next = inventory(t, [{ t: 'flag', flag: 'kept_flag', policy: 'archive' }]);
    const r = await reconcile(previous, next);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('[fme] flag kept_flag / Staging: definition deleted');
    expect(r.stdout).toContain('[fme] flag gone_flag: archived');
    expect((await flag('gone_flag')).body.status).toBe('ARCHIVED');
    expect((await definition('gone_flag')).status).toBe(200);
    expect((await definition('kept_flag')).status).toBe(404);
    expect((await flag('kept_flag')).body.status).toBe('ACTIVE');
  });

  test('a flag owned by another stack is neither archived nor deleted', async () => {
    const t = target(em.adminBaseUrl);
    await ok('converge', flagSpec(t, 'theirs', [part('Staging', { definition: plan(10) })], { stack: 'other-stack' }));
    const out = await ok('delete', flagSpec(t, 'theirs', [part('Staging', { definition: plan(10), removalPolicy: 'archive' })], { removalPolicy: 'archive' }));
    expect(out).toContain('[fme] flag theirs: left in place, owned by stack "other-stack"');
    expect((await flag('theirs')).body.status).toBe('ACTIVE');
  });

  test('in an approval-gated environment the definition is removed through an ARCHIVE change request', async () => {
    const t = target(em.adminBaseUrl);
    await ok('converge', flagSpec(t, 'gated_flag', []));
    // Create the Production definition through an approved change request.
    const envId = (await adminGet(em.adminBaseUrl, `/environments/ws/${ws}`)).body.find((e: { name: string }) => e.name === 'Production').id;
    const status = (await flag('gated_flag')).body.rolloutStatus.id;
    const cr = await adminWrite('POST', `/changeRequests/ws/${ws}/environments/${envId}`, {
      split: { name: 'gated_flag', ...plan(10) }, operationType: 'CREATE', title: 't', comment: 'c', rolloutStatus: { id: status }, approvers: [],
    });
    expect((await adminWrite('PUT', `/changeRequests/${cr.body.id}`, { status: 'APPROVED' }, APPROVER)).body.status).toBe('PUBLISHED');

    const previous = inventory(t, [{ t: 'definition', flag: 'gated_flag', env: 'Production', policy: 'destroy' }]);
    const r = await reconcile(previous, inventory(t, []));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/flag gated_flag \/ Production: change request \S+ submitted \(ARCHIVE\)/);
    const open = (await adminGet(em.adminBaseUrl, '/changeRequests')).body.data.find((c: any) => c.split?.name === 'gated_flag');
    expect(open).toMatchObject({ operationType: 'ARCHIVE', status: 'REQUESTED', rolloutStatus: { id: status } });
    expect((await adminWrite('PUT', `/changeRequests/${open.id}`, { status: 'APPROVED' }, APPROVER)).body.status).toBe('PUBLISHED');
    expect((await definition('gated_flag', 'Production')).status).toBe(404);
  });
});

describe('scheduled change requests', () => {
  test('every change request in the environment carries scheduledFor and the time zone', async () => {
    const t = target(em.adminBaseUrl);
    const scheduledFor = Date.UTC(2031, 0, 15, 9, 0, 0);
    const spec = flagSpec(t, 'launch_flag', [part('Production', {
      writeMode: 'changeRequest', definition: plan(50), changeDetails: { scheduledFor, scheduledForTimezone: 'Europe/Berlin' },
    })]);
    const out = await ok('converge', spec);
    expect(out).toContain('(CREATE, scheduled for 2031-01-15T09:00:00.000Z); approve it in FME');
    const cr = (await adminGet(em.adminBaseUrl, '/changeRequests?status=SCHEDULE_REQUESTED')).body.data.find((c: any) => c.split?.name === 'launch_flag');
    expect(cr).toMatchObject({ operationType: 'CREATE', scheduledFor, scheduledForTimezone: 'Europe/Berlin' });
    // Approved before its time: it waits (SCHEDULED), and the next deploy reports it instead of submitting another.
    expect((await adminWrite('PUT', `/changeRequests/${cr.id}`, { status: 'APPROVED' }, APPROVER)).body.status).toBe('SCHEDULED');
    expect((await definition('launch_flag', 'Production')).status).toBe(404);
    expect(await ok('converge', spec)).toContain('change request not submitted: one is already open in FME');
    expect((await adminGet(em.adminBaseUrl, '/changeRequests?status=SCHEDULE_REQUESTED')).body.data.filter((c: any) => c.split?.name === 'launch_flag')).toEqual([]);
  });
});
