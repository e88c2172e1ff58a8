import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adminGet, API_KEY, bundleHandler, flagSpec, inventory, part, plan, runHandler, target } from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';

/**
 * The handler's side of prerequisites (docs/fme-api.md#prerequisites), against the strict emulator:
 * written with the definition, compared as part of it (a prerequisite the code does not declare is
 * removed), kept when the plan is managed elsewhere, and carried by change requests — also
 * scheduled ones (docs/fme-api.md#scheduled-change-requests).
 */

const APPROVER = 'prereq-approver-key';
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
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-prereq-'));
  ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
}, 60_000);

afterAll(async () => {
  await em?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
});

const run = (command: string, spec: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
const definition = async (name: string, env = 'Staging') => adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${name}/environments/${env}`);

async function adminWrite(method: string, urlPath: string, body: unknown, key = API_KEY): Promise<{ status: number; body: any }> {
  const res = await fetch(`${em.adminBaseUrl}${urlPath}`, { method, headers: { 'x-api-key': key, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function ok(spec: unknown): Promise<string> {
  const r = await run('converge', spec);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

const requires = (flagName: string, treatments: string[]) => ({ prerequisites: [{ flagName, treatments }] });

describe('prerequisites, direct writes', () => {
  test('created with the definition, unchanged on the next deploy, converged in place when they change', async () => {
    const t = target(em.adminBaseUrl);
    await ok(flagSpec(t, 'base', [part('Staging', { definition: plan(0) })]));
    const gated = (extra: object) => flagSpec(t, 'gated', [part('Staging', { definition: plan(100, extra) })]);
    expect(await ok(gated(requires('base', ['on'])))).toContain('definition created');
    expect((await definition('gated')).body.prerequisites).toEqual([{ flagName: 'base', treatments: ['on'] }]);
    expect(await ok(gated(requires('base', ['on'])))).toContain('unchanged');

    expect(await ok(gated(requires('base', ['off', 'on'])))).toContain('definition updated (prerequisites)');
    expect((await definition('gated')).body.prerequisites).toEqual([{ flagName: 'base', treatments: ['off', 'on'] }]);
  });

  test('a prerequisite set in FME that the code does not declare is removed (the plan is the whole targeting)', async () => {
    const t = target(em.adminBaseUrl);
    await ok(flagSpec(t, 'ui_base', [part('Staging', { definition: plan(0) })]));
    const spec = flagSpec(t, 'ui_gated', [part('Staging', { definition: plan(100) })]);
    await ok(spec);
    const patched = await adminWrite('PATCH', `/splits/ws/${ws}/ui_gated/environments/Staging?title=t&comment=c`,
      [{ op: 'replace', path: '/prerequisites', value: [{ flagName: 'ui_base', treatments: ['on'] }] }]);
    expect(patched.status).toBe(200);
    expect(await ok(spec)).toContain('definition updated (prerequisites)');
    expect((await definition('ui_gated')).body.prerequisites).toEqual([]);
    expect(await ok(spec)).toContain('unchanged');
  });

  test('a plan managed elsewhere keeps its prerequisites when the stack changes only its targets', async () => {
    const t = target(em.adminBaseUrl);
    await ok(flagSpec(t, 'kept_base', [part('Staging', { definition: plan(0) })]));
    await ok(flagSpec(t, 'kept', [part('Staging', { definition: plan(100, requires('kept_base', ['on'])) })]));
    // Another stack only adds individual targets to the same definition.
    const targetsOnly = flagSpec(t, 'kept', [part('Staging', { addTargets: { on: { keys: ['qa_1'] } } })], { metadata: undefined, stack: 'other-stack' });
    expect(await ok(targetsOnly)).toContain('definition updated (treatments)');
    const live = (await definition('kept')).body;
    expect(live.prerequisites).toEqual([{ flagName: 'kept_base', treatments: ['on'] }]);
    expect(live.treatments.find((x: any) => x.name === 'on').keys).toEqual(['qa_1']);
  });
});

describe('prerequisites in approval-gated environments', () => {
  test('a scheduled UPDATE change request carries the prerequisites and applies them when its time comes', async () => {
    const t = target(em.adminBaseUrl);
    // Production requires approvals: the prerequisite flag's definition arrives there through an approved CREATE first.
    const approveAll = async (flag: string) => {
      const open = (await adminGet(em.adminBaseUrl, '/changeRequests?status=REQUESTED')).body.data.filter((c: any) => c.split?.name === flag);
      for (const cr of open) expect((await adminWrite('PUT', `/changeRequests/${cr.id}`, { status: 'APPROVED' }, APPROVER)).status).toBe(200);
      return open.length;
    };
    await ok(flagSpec(t, 'sched_base', [part('Production', { writeMode: 'changeRequest', definition: plan(0) })]));
    expect(await approveAll('sched_base')).toBe(1);
    const gated = (extra: object, changeDetails?: object) =>
      flagSpec(t, 'sched_gated', [part('Production', { writeMode: 'changeRequest', definition: plan(100, extra), ...(changeDetails ? { changeDetails } : {}) })]);
    await ok(gated({}));
    expect(await approveAll('sched_gated')).toBe(1);
    expect((await definition('sched_gated', 'Production')).body.prerequisites).toEqual([]);

    const scheduledFor = Date.now() + 1500;
    const out = await ok(gated(requires('sched_base', ['on']), { scheduledFor, scheduledForTimezone: 'Europe/Berlin' }));
    expect(out).toMatch(/change request \S+ submitted \(UPDATE, scheduled for /);
    const cr = (await adminGet(em.adminBaseUrl, '/changeRequests?status=SCHEDULE_REQUESTED')).body.data.find((c: any) => c.split?.name === 'sched_gated');
    expect(cr).toMatchObject({ operationType: 'UPDATE', scheduledFor, split: { prerequisites: [{ flagName: 'sched_base', treatments: ['on'] }] } });
    expect((await adminWrite('PUT', `/changeRequests/${cr.id}`, { status: 'APPROVED' }, APPROVER)).body.status).toBe('SCHEDULED');
    // Not yet applied: the definition has no prerequisite until the scheduled time.
    expect((await definition('sched_gated', 'Production')).body.prerequisites).toEqual([]);
    // Bounded wait for the emulator's clock to pass the scheduled time; no timed assertion.
    for (let i = 0; i < 100 && Date.now() <= scheduledFor; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await definition('sched_gated', 'Production')).body.prerequisites).toEqual([{ flagName: 'sched_base', treatments: ['on'] }]);
    expect(await ok(gated(requires('sched_base', ['on'])))).toContain('unchanged');

    // Dropping them from the code sends an explicit empty list (an UPDATE may merge or replace: unconfirmed).
    expect(await ok(gated({}))).toMatch(/submitted \(UPDATE\)/);
    const removal = (await adminGet(em.adminBaseUrl, '/changeRequests?status=REQUESTED')).body.data.find((c: any) => c.split?.name === 'sched_gated');
    expect(removal.split.prerequisites).toEqual([]);
  });
});

describe('prerequisites when flags leave the code', () => {
  test('reconcile removes a flag and the flag it requires together, whatever their order', async () => {
    const t = target(em.adminBaseUrl);
    // `a_required` sorts before `z_requiring`: its definition comes first in the inventory.
    await ok(flagSpec(t, 'a_required', [part('Staging', { definition: plan(0) })]));
    await ok(flagSpec(t, 'z_requiring', [part('Staging', { definition: plan(100, requires('a_required', ['on'])) })]));
    const previous = inventory(t, [
      { t: 'definition', flag: 'a_required', env: 'Staging', policy: 'destroy' },
      { t: 'definition', flag: 'z_requiring', env: 'Staging', policy: 'destroy' },
      { t: 'flag', flag: 'a_required', policy: 'destroy' },
      { t: 'flag', flag: 'z_requiring', policy: 'destroy' },
    ]);
    const r = await runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(inventory(t, [])) }, stateDir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/a_required`)).status).toBe(404);
    expect((await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/z_requiring`)).status).toBe(404);
  });
});
