import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  adminGet, allOutput, API_KEY, bundleHandler, decideChangeRequests, flagSpec, inventory, KEY_VAR, openChangeRequests, part, plan, runHandler, target,
} from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { Log } from '../../src/handler/log';
import { movedWorkspace } from '../../src/handler/removal/workspace-move';
import type { DefinitionSpec, FlagResourceSpec } from '../../src/spec/resource-spec';

/**
 * The handler against the strict emulator (src/emulator/README.md, "Fidelity"): each test is one
 * divergence from real FME that the review in docs/fme-api.md found, and failed before its fix.
 */
const APPROVER_KEY = 'approver-key-for-fidelity-tests';
let em: RunningEmulator;
let stateDir: string;
const wsIds: Record<string, string> = {};

beforeAll(async () => {
  bundleHandler();
  em = await startEmulator({
    adminApiKeys: [API_KEY, APPROVER_KEY],
    strictness: 'strict',
    seed: {
      workspaces: [
        {
          name: 'Default',
          trafficTypes: ['user'],
          environments: [
            { name: 'Production' },
            { name: 'Gated', approvalsRequired: true },
            { name: 'Chosen', approvalsRequired: true, submittersChooseApprovers: true },
          ],
        },
        { name: 'Audited', requiresTitleAndComments: true, trafficTypes: ['user'], environments: [{ name: 'Production' }] },
        // Two Harness projects with the same name in different organizations.
        { name: 'Shop', id: 'ws-retail-shop', organizationIdentifier: 'retail', projectIdentifier: 'shop', trafficTypes: ['user'], environments: [{ name: 'Production' }] },
        { name: 'Shop', id: 'ws-wholesale-shop', organizationIdentifier: 'wholesale', projectIdentifier: 'shop', trafficTypes: ['user'], environments: [{ name: 'Production' }] },
      ],
    },
  });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-fidelity-'));
  for (const w of (await adminGet(em.adminBaseUrl, '/workspaces')).body.objects) wsIds[w.name] ??= w.id;
}, 60_000);

afterAll(async () => {
  await em?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
  expect(allOutput.join('\n')).not.toContain(API_KEY);
});

const run = (spec: unknown, command = 'converge') => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
const flagOf = async (ws: string, flag: string) => (await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${flag}`)).body;
const definitionOf = async (ws: string, flag: string, env: string) => adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${flag}/environments/${env}`);

/** Decides every open change request as the approver; returns their ids. */
async function decide(status: 'APPROVED' | 'REJECTED'): Promise<string[]> {
  const ids = (await openChangeRequests(em.adminBaseUrl)).map((cr) => cr.id);
  await decideChangeRequests(em.adminBaseUrl, APPROVER_KEY, status, ids);
  return ids;
}

test('owners: the strict emulator refuses /owners in the v2 PATCH, and a spec that still carries owners converges with its ownership record', async () => {
  const refused = await fetch(`${em.adminBaseUrl}/splits/ws/${wsIds.Default}/nobody`, {
    method: 'PATCH',
    headers: { 'x-api-key': API_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify([{ op: 'replace', path: '/owners', value: [{ id: 'a@example.com', type: 'user' }] }]),
  });
  expect(refused.status).not.toBe(200);
  // A spec written by an earlier version (owners in the metadata, kept in Terraform state).
  const spec = flagSpec(target(em.adminBaseUrl), 'owned_flag', [], { metadata: { trafficType: 'user', owners: ['a@example.com'], rolloutStatus: 'Ramping' } });
  const r = await run(spec);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const flag = await flagOf(wsIds.Default, 'owned_flag');
  expect(flag.tags.map((t: { name: string }) => t.name).sort()).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:handler-test']);
  expect(flag.rolloutStatus.name).toBe('Ramping');
});

test('null matcher fields in a live definition compare equal to absent ones: a repeated converge writes nothing', async () => {
  const withRules: DefinitionSpec = plan(50, {
    rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US', 'CA'] }] }, buckets: [{ treatment: 'on', size: 100 }] }],
  });
  const spec = flagSpec(target(em.adminBaseUrl), 'ruled_flag', [part('Production', { definition: withRules })]);
  expect((await run(spec)).code).toBe(0);
  const live = (await definitionOf(wsIds.Default, 'ruled_flag', 'Production')).body;
  expect(live.rules[0].condition.matchers[0]).toMatchObject({ bool: null, number: null, string: null, depends: null });
  em.resetCounters();
  const again = await run(spec);
  expect(again.stdout).toContain('[fme] flag ruled_flag / Production: unchanged (1 read, 0 writes)');
  expect(em.counters().writes).toBe(0);
});

test('kill and restore on a workspace that requires titles and comments send them', async () => {
  const audited = (killed: boolean): FlagResourceSpec => flagSpec({ ...target(em.adminBaseUrl), workspaceName: 'Audited' }, 'audited_flag', [
    part('Production', { definition: plan(20), killed, changeDetails: { title: 'Incident 7', comment: 'checkout errors' } }),
  ]);
  expect((await run(audited(false))).code).toBe(0);
  const killed = await run(audited(true));
  expect(killed.stderr).toBe('');
  expect(killed.stdout).toContain('[fme] flag audited_flag / Production: killed (1 read, 1 write)');
  expect((await definitionOf(wsIds.Audited, 'audited_flag', 'Production')).body.killed).toBe(true);
  const restored = await run(audited(false));
  expect(restored.stdout).toContain('[fme] flag audited_flag / Production: restored (1 read, 1 write)');
});

test('a workspace name shared by several workspaces is an error listing them; the Harness project picks one', async () => {
  const byName = await run(flagSpec({ ...target(em.adminBaseUrl), workspaceName: 'Shop' }, 'shop_flag', []));
  expect(byName.code).toBe(1);
  expect(byName.stderr).toContain('FME workspace "Shop" is ambiguous: 2 workspaces match');
  expect(byName.stderr).toContain('ws-retail-shop (organization retail, project shop)');
  expect(byName.stderr).toContain('ws-wholesale-shop (organization wholesale, project shop)');
  expect((await adminGet(em.adminBaseUrl, '/splits/ws/ws-retail-shop/shop_flag')).status).toBe(404);

  const { workspaceName: _, ...rest } = target(em.adminBaseUrl);
  const byProject = await run(flagSpec({ ...rest, harnessProject: { organizationIdentifier: 'wholesale', projectIdentifier: 'shop' } }, 'shop_flag', []));
  expect(byProject.stderr).toBe('');
  expect((await adminGet(em.adminBaseUrl, '/splits/ws/ws-wholesale-shop/shop_flag')).status).toBe(200);
  expect((await adminGet(em.adminBaseUrl, '/splits/ws/ws-retail-shop/shop_flag')).status).toBe(404);
});

test('a stack that moves from one Harness project to another of the same name is seen to move workspace', async () => {
  const { workspaceName: _, ...rest } = target(em.adminBaseUrl);
  const inProject = (organizationIdentifier: string) => inventory({ ...rest, harnessProject: { organizationIdentifier, projectIdentifier: 'shop' } }, []);
  const env = { [KEY_VAR]: API_KEY, FME_RATE_LIMIT_FILE: path.join(stateDir, 'rate-limit.json') };
  const log = new Log({ out: () => undefined, err: () => undefined });
  await expect(movedWorkspace(inProject('retail'), inProject('wholesale'), log, env)).resolves.toBe(true);
  await expect(movedWorkspace(inProject('retail'), inProject('retail'), log, env)).resolves.toBe(false);
  await expect(movedWorkspace(inProject('retail'), inventory({ ...rest, workspaceId: 'ws-retail-shop' }, []), log, env)).resolves.toBe(false);
});

test('authScheme bearer sends the key as Authorization: Bearer, and x-api-key is the default', async () => {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 401, message: 'no' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/api/v2`;
    await run(flagSpec({ ...target(base), authScheme: 'bearer' }, 'any', []));
    await run(flagSpec(target(base), 'any', []));
  } finally {
    server.close();
  }
  expect([seen[0].authorization, seen[0]['x-api-key']]).toEqual([`Bearer ${API_KEY}`, undefined]);
  expect([seen[1].authorization, seen[1]['x-api-key']]).toEqual([undefined, API_KEY]);
});

describe('change requests', () => {
  test('where submitters choose approvers, a request without them fails the deploy (it was a warning); with them it is submitted', async () => {
    const spec = (approvers?: string[]) => flagSpec(target(em.adminBaseUrl), 'chosen_flag', [
      part('Chosen', { definition: plan(10), writeMode: 'changeRequest', ...(approvers ? { changeDetails: { approvers } } : {}) }),
    ]);
    const refused = await run(spec());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('lets submitters choose their approvers');
    expect(refused.stderr).toContain('name them with FmeConfig approvers for this environment');
    const submitted = await run(spec(['lead@example.com']));
    expect(submitted.code).toBe(0);
    expect(submitted.stdout).toMatch(/chosen_flag \/ Chosen: change request \S+ submitted \(CREATE\)/);
    expect((await openChangeRequests(em.adminBaseUrl)).map((cr) => cr.approvers)).toEqual([['lead@example.com']]);
    await decide('REJECTED');
  });

  test('failUntilApproved: the deploy fails while the request waits, re-submits a rejected one, and succeeds once approved', async () => {
    const spec = flagSpec(target(em.adminBaseUrl), 'waiting_flag', [
      part('Gated', { definition: plan(30), writeMode: 'changeRequest', changeDetails: { failUntilApproved: true } }),
    ]);
    const first = await run(spec);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/waiting_flag \/ Gated: change request \S+ submitted \(CREATE\)/);
    expect(first.stderr).toContain('Flag "waiting_flag" waits for approval in Gated: the change is not in FME yet');

    const pending = await run(spec);
    expect(pending.code).toBe(1);
    expect(pending.stdout).toContain('change request not submitted: one is already open in FME');

    expect(await decide('REJECTED')).toHaveLength(1);
    const resubmitted = await run(spec);
    expect(resubmitted.code).toBe(1);
    expect(resubmitted.stdout).toMatch(/waiting_flag \/ Gated: change request \S+ submitted \(CREATE\)/);

    expect(await decide('APPROVED')).toHaveLength(1);
    const done = await run(spec);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('[fme] flag waiting_flag / Gated: unchanged (1 read, 0 writes)');
    expect((await definitionOf(wsIds.Default, 'waiting_flag', 'Gated')).body.defaultRule).toEqual([{ treatment: 'on', size: 30 }, { treatment: 'off', size: 70 }]);
  });

  test('an update waiting for approval is reported from the definition\'s open request, without a second submission', async () => {
    const spec = (on: number) => flagSpec(target(em.adminBaseUrl), 'waiting_flag', [
      part('Gated', { definition: plan(on), writeMode: 'changeRequest', changeDetails: { title: 'Ramp to 60', comment: 'weekly ramp' } }),
    ]);
    expect((await run(spec(60))).stdout).toMatch(/change request \S+ submitted \(UPDATE\)/);
    em.resetCounters();
    const again = await run(spec(60));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/waiting_flag \/ Gated: waiting for change request \S+ \(already open in FME/);
    expect(em.counters().writes).toBe(0);
    expect((await openChangeRequests(em.adminBaseUrl)).map((cr) => [cr.title, cr.comment])).toEqual([['Ramp to 60', 'weekly ramp']]);
    await decide('APPROVED');
  });

  test('kill and restore through change requests; RESTORE carries the rollout status (the strict emulator requires it)', async () => {
    const spec = (killed: boolean) => flagSpec(target(em.adminBaseUrl), 'waiting_flag', [
      part('Gated', { definition: plan(60), writeMode: 'changeRequest', killed }),
    ]);
    expect((await run(spec(true))).stdout).toMatch(/change request \S+ submitted \(KILL\)/);
    await decide('APPROVED');
    const restored = await run(spec(false));
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/change request \S+ submitted \(RESTORE\)/);
    await decide('APPROVED');
    expect((await definitionOf(wsIds.Default, 'waiting_flag', 'Gated')).body.killed).toBe(false);
  });

  test('an UPDATE request keeps the definition\'s flag sets and impression setting, which the code does not declare', async () => {
    const set = await fetch(`${em.url}/internal/api/v3/flag-sets`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'set_1', workspace: { id: wsIds.Default, type: 'workspace' } }),
    }).then((r) => r.json()) as { id: string };
    const created = await fetch(`${em.adminBaseUrl}/changeRequests/ws/${wsIds.Default}/environments/Gated`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        split: { name: 'owned_flag', ...plan(10), impressionsDisabled: true, flagSets: [{ id: set.id, type: 'FlagSet' }] },
        operationType: 'CREATE',
        title: 'made in the UI',
        comment: 'by hand',
        approvers: [],
      }),
    });
    expect(created.status).toBe(200);
    await decide('APPROVED');
    const spec = flagSpec(target(em.adminBaseUrl), 'owned_flag', [part('Gated', { definition: plan(40), writeMode: 'changeRequest' })], {
      metadata: { trafficType: 'user', rolloutStatus: 'Ramping' },
    });
    expect((await run(spec)).stdout).toMatch(/change request \S+ submitted \(UPDATE\)/);
    await decide('APPROVED');
    const live = (await definitionOf(wsIds.Default, 'owned_flag', 'Gated')).body;
    expect(live.defaultRule).toEqual([{ treatment: 'on', size: 40 }, { treatment: 'off', size: 60 }]);
    expect([live.impressionsDisabled, live.flagSets]).toEqual([true, [{ id: set.id, type: 'FlagSet' }]]);
  });
});
