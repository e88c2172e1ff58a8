import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  adminGet, allOutput, API_KEY, bundleHandler, decideChangeRequests, flagSpec, openChangeRequests, part, plan, runHandler, segmentSpec, target,
} from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';

const APPROVER_KEY = 'approver-key-for-tests';
let em: RunningEmulator;
let stateDir: string;
let ws: string;

beforeAll(async () => {
  bundleHandler();
  em = await startEmulator({
    adminApiKeys: [API_KEY, APPROVER_KEY],
    seed: {
      workspaces: [{
        name: 'Default',
        trafficTypes: ['user', 'account'],
        environments: [{ name: 'Staging' }, { name: 'Production', production: true }, { name: 'Approved', approvalsRequired: true }],
        flags: [{ name: 'legacy_flag', trafficType: 'user', description: 'made by hand' }],
        segments: [{ name: 'seeded_seg', trafficType: 'user', keys: { Production: ['k0'] } }],
      }],
    },
  });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-handler-'));
  ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
}, 60_000);

afterAll(async () => {
  await em?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
  // The key was in every child's environment; it must never have been printed.
  expect(allOutput.join('\n')).not.toContain(API_KEY);
});

const run = (command: string, spec: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
const definition = async (flag: string, env: string) => adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${flag}/environments/${env}`);

describe('converge of an owned flag', () => {
  const spec = (productionOn: number) => flagSpec(target(em.adminBaseUrl), 'new_checkout', [
    part('Production', { definition: plan(productionOn) }),
    part('Staging', { definition: plan(100) }),
  ], { metadata: { trafficType: 'user', description: 'New checkout', tags: ['checkout'], rolloutStatus: 'Ramping' } });

  test('creates the flag and its definitions', async () => {
    const r = await run('converge', spec(10));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // reads: the flag (absent) and the rollout status list (for "Ramping"); writes: POST, then the
    // tags (the ownership record) alone, then the rollout status: one refused field cannot drop the record.
    expect(r.stdout).toContain('[fme] flag new_checkout: created (2 reads, 3 writes)');
    const patches = em.counters().byRoute['PATCH /splits/ws/:ws/:flag'];
    expect(patches).toBe(2);
    expect(r.stdout).toContain('[fme] flag new_checkout / Production: definition created (0 reads, 1 write)');
    const flag = (await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/new_checkout`)).body;
    expect(flag.rolloutStatus.name).toBe('Ramping');
    // The owner record (docs/ownership.md) sits next to the user's tags.
    expect(flag.tags.map((t: { name: string }) => t.name).sort()).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:handler-test', 'checkout']);
    const prod = await definition('new_checkout', 'Production');
    expect(prod.status).toBe(200);
    expect(prod.body.defaultRule).toEqual([{ treatment: 'on', size: 10 }, { treatment: 'off', size: 90 }]);
    expect((await definition('new_checkout', 'Staging')).body.defaultRule).toEqual([{ treatment: 'on', size: 100 }, { treatment: 'off', size: 0 }]);
  });

  test('a repeated converge reads each object once and writes nothing', async () => {
    em.resetCounters();
    const r = await run('converge', spec(10));
    expect(r.code).toBe(0);
    const c = em.counters();
    expect({ reads: c.reads, writes: c.writes }).toEqual({ reads: 3, writes: 0 });
    expect(c.byRoute).toEqual({ 'GET /splits/ws/:ws/:flag': 1, 'GET /splits/ws/:ws/:flag/environments/:env': 2 });
    expect(r.stdout).toContain('[fme] flag new_checkout / Production: unchanged (1 read, 0 writes)');
  });

  test('changing one environment\'s plan is one read and one write for that definition, in place', async () => {
    const before = (await definition('new_checkout', 'Production')).body;
    em.resetCounters();
    const r = await run('converge', spec(50));
    expect(r.code).toBe(0);
    const c = em.counters();
    expect({ reads: c.reads, writes: c.writes }).toEqual({ reads: 3, writes: 1 });
    expect(c.byRoute['PATCH /splits/ws/:ws/:flag/environments/:env']).toBe(1);
    expect(r.stdout).toContain('[fme] flag new_checkout / Production: definition updated (defaultRule) (1 read, 1 write)');
    const after = (await definition('new_checkout', 'Production')).body;
    expect(after.creationTime).toBe(before.creationTime);
    expect(after.defaultRule).toEqual([{ treatment: 'on', size: 50 }, { treatment: 'off', size: 50 }]);
  });

  test('kill and restore use one write each', async () => {
    const killed = spec(50);
    const withKill = { ...killed, environments: [part('Production', { definition: plan(50), killed: true }), killed.environments[1]] };
    em.resetCounters();
    let r = await run('converge', withKill);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] flag new_checkout / Production: killed (1 read, 1 write)');
    expect(em.counters().byRoute['PUT /splits/ws/:ws/:flag/environments/:env/kill']).toBe(1);
    expect((await definition('new_checkout', 'Production')).body.killed).toBe(true);

    r = await run('converge', spec(50));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] flag new_checkout / Production: restored (1 read, 1 write)');
    expect((await definition('new_checkout', 'Production')).body.killed).toBe(false);
  });

  test('changed metadata: one PATCH for the tags, one for the other fields', async () => {
    const changed = { ...spec(50), metadata: { trafficType: 'user', description: 'Checkout v2', tags: ['checkout', 'web'], rolloutStatus: 'Ramping' } };
    em.resetCounters();
    let r = await run('converge', changed);
    expect(r.code).toBe(0);
    expect(em.counters().byRoute['PATCH /splits/ws/:ws/:flag']).toBe(2);
    expect(r.stdout).toContain('[fme] flag new_checkout: metadata updated (1 read, 2 writes)');
    em.resetCounters();
    r = await run('converge', { ...changed, metadata: { ...changed.metadata, description: 'Checkout v3' } });
    expect(r.stdout).toContain('[fme] flag new_checkout: metadata updated (1 read, 1 write)');
    expect((await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/new_checkout`)).body.description).toBe('Checkout v3');
    r = await run('converge', changed);
    expect((await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/new_checkout`)).body.description).toBe('Checkout v2');
  });
});

describe('targets on a definition managed elsewhere', () => {
  const t = () => target(em.adminBaseUrl);

  beforeAll(async () => {
    const r = await run('converge', flagSpec(t(), 'shared_flag', [part('Production', { definition: plan(0) })]));
    expect(r.code).toBe(0);
  });

  const keysOf = async (treatment: string) =>
    ((await definition('shared_flag', 'Production')).body.treatments.find((x: { name: string }) => x.name === treatment).keys ?? []).sort();

  test('set, add and remove individual targets, leaving the rest of the plan alone', async () => {
    const targetsOnly = (fields: object) => flagSpec(t(), 'shared_flag', [part('Production', fields)], { metadata: undefined });
    let r = await run('converge', targetsOnly({ setTargets: { on: { keys: ['alice', 'carol'] } } }));
    expect(r.code).toBe(0);
    expect(await keysOf('on')).toEqual(['alice', 'carol']);

    r = await run('converge', targetsOnly({ addTargets: { on: { keys: ['bob'] } }, removeTargets: { on: { keys: ['alice'] } } }));
    expect(r.code).toBe(0);
    expect(await keysOf('on')).toEqual(['bob', 'carol']);

    em.resetCounters();
    r = await run('converge', targetsOnly({ addTargets: { on: { keys: ['bob'] } } }));
    expect({ reads: em.counters().reads, writes: em.counters().writes }).toEqual({ reads: 1, writes: 0 });

    r = await run('converge', targetsOnly({ defaultRule: [{ treatment: 'on', size: 25 }, { treatment: 'off', size: 75 }] }));
    expect(r.code).toBe(0);
    const d = (await definition('shared_flag', 'Production')).body;
    expect(d.defaultRule).toEqual([{ treatment: 'on', size: 25 }, { treatment: 'off', size: 75 }]);
    expect(d.treatments.find((x: { name: string }) => x.name === 'on').keys.sort()).toEqual(['bob', 'carol']);
  });

  test('fails clearly when the definition does not exist', async () => {
    const r = await run('converge', flagSpec(t(), 'shared_flag', [part('Staging', { setTargets: { on: { keys: ['x'] } } })], { metadata: undefined }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Flag "shared_flag" has no definition in environment "Staging"');
  });

  test('fails clearly when the referenced flag does not exist, or the environment is unknown', async () => {
    let r = await run('converge', flagSpec(t(), 'ghost_flag', [part('Production', { definition: plan(10) })], { metadata: undefined }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Flag "ghost_flag" does not exist in the workspace and this stack does not own it');
    r = await run('converge', flagSpec(t(), 'shared_flag', [part('Nowhere', { definition: plan(10) })], { metadata: undefined }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FME rejected create definition of flag "shared_flag" in environment "Nowhere": HTTP 404 Could not find environment Nowhere[^\n]*\n$/);
  });

  test('fails clearly for an unknown treatment', async () => {
    const r = await run('converge', flagSpec(t(), 'shared_flag', [part('Production', { addTargets: { blue: { keys: ['x'] } } })], { metadata: undefined }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no treatment "blue"');
  });
});

describe('existing-object policy', () => {
  test('fail refuses a flag the library did not create, naming the flag and the policy', async () => {
    const r = await run('converge', flagSpec(target(em.adminBaseUrl), 'legacy_flag', [], { existing: 'fail' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Flag "legacy_flag" already exists in FME and was not created by cdktf-harness-fme');
    expect(r.stderr).toContain('Set existingObjects: ExistingObjectPolicy.ADOPT on the FmeConfig');
  });

  test('fail still converges a flag the library created earlier', async () => {
    const r = await run('converge', flagSpec(target(em.adminBaseUrl), 'new_checkout', [], { existing: 'fail', metadata: { trafficType: 'user' } }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('adopt takes the flag over', async () => {
    const r = await run('converge', flagSpec(target(em.adminBaseUrl), 'legacy_flag', [part('Staging', { definition: plan(5) })]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] flag legacy_flag: metadata updated');
    expect((await definition('legacy_flag', 'Staging')).status).toBe(200);
  });
});

describe('approval-gated environment', () => {
  test('submits a change request instead of writing, without failing the deploy', async () => {
    const spec = flagSpec(target(em.adminBaseUrl), 'gated_flag', [part('Approved', { definition: plan(20), writeMode: 'changeRequest' })]);
    const r = await run('converge', spec);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[fme\] flag gated_flag \/ Approved: change request \S+ submitted \(CREATE\); approve it in FME/);
    expect((await definition('gated_flag', 'Approved')).status).toBe(404);
  });

  test('a second submission while one is open is reported, not failed; approval applies it; a kill goes through a change request too', async () => {
    const spec = (killed?: boolean) => flagSpec(target(em.adminBaseUrl), 'gated_flag', [part('Approved', { definition: plan(20), writeMode: 'changeRequest', killed })]);
    let r = await run('converge', spec());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[fme\] flag gated_flag \/ Approved: change request not submitted: one is already open in FME \(Feature flag gated_flag already has an open change request/);

    const approve = async () => decideChangeRequests(em.adminBaseUrl, APPROVER_KEY, 'APPROVED', (await openChangeRequests(em.adminBaseUrl)).map((cr) => cr.id));
    await approve();
    expect((await definition('gated_flag', 'Approved')).body.defaultRule).toEqual([{ treatment: 'on', size: 20 }, { treatment: 'off', size: 80 }]);

    r = await run('converge', spec());
    expect(r.stdout).toContain('[fme] flag gated_flag / Approved: unchanged (1 read, 0 writes)');

    r = await run('converge', spec(true));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/change request \S+ submitted \(KILL\); approve it in FME/);
    await approve();
    expect((await definition('gated_flag', 'Approved')).body.killed).toBe(true);
  });

  test('a direct write there fails with FME\'s 403 named', async () => {
    const r = await run('converge', flagSpec(target(em.adminBaseUrl), 'gated_flag', [part('Approved', { definition: plan(30), killed: true })]));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FME rejected update definition of flag "gated_flag" in environment "Approved": HTTP 403');
  });
});

test('a run that failed half-way converges when repeated (crash safety), even with existing: fail', async () => {
  const good = plan(40);
  const bad = plan(40, { defaultRule: [{ treatment: 'on', size: 40 }] });
  const spec = (prod: typeof good) => flagSpec(target(em.adminBaseUrl), 'half_done', [part('Production', { definition: prod }), part('Staging', { definition: good })], { existing: 'fail' });
  let r = await run('converge', spec(bad));
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('[fme] flag half_done: created');
  r = await run('converge', spec(good));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('[fme] flag half_done: unchanged (1 read, 0 writes)');
  expect(r.stdout).toContain('[fme] flag half_done / Production: definition created (1 read, 1 write)');
});

test('a permanent 400 fails with the named message', async () => {
  const bad = plan(50, { defaultRule: [{ treatment: 'on', size: 50 }, { treatment: 'off', size: 40 }] });
  const r = await run('converge', flagSpec(target(em.adminBaseUrl), 'bad_flag', [part('Production', { definition: bad })]));
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^\[fme\] error: FME rejected create definition of flag "bad_flag" in environment "Production": HTTP 400 .+/);
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
});

describe('segments', () => {
  const spec = (keys: string[]) => segmentSpec(target(em.adminBaseUrl), 'beta_users', [{ environment: 'Production', removalPolicy: 'destroy', keys }]);
  const keysIn = async (env: string) => {
    const envId = (await adminGet(em.adminBaseUrl, `/environments/ws/${ws}`)).body.find((e: { name: string }) => e.name === env).id;
    const r = await adminGet(em.adminBaseUrl, `/segments/${envId}/beta_users/keys`);
    return r.status === 200 ? r.body.keys.map((k: { key: string }) => k.key).sort() : undefined;
  };

  test('create, activate and set keys; repeat is read-only; change adds and removes', async () => {
    let r = await run('converge', spec(['u1', 'u2']));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('[fme] segment beta_users: created');
    expect(await keysIn('Production')).toEqual(['u1', 'u2']);

    em.resetCounters();
    r = await run('converge', spec(['u1', 'u2']));
    expect(em.counters().writes).toBe(0);
    expect(r.stdout).toContain('[fme] segment beta_users / Production: unchanged');

    r = await run('converge', spec(['u2', 'u3']));
    expect(r.stdout).toContain('1 key(s) added, 1 key(s) removed');
    expect(await keysIn('Production')).toEqual(['u2', 'u3']);
  });

  test('an existing segment is refused under fail and adopted under adopt', async () => {
    const seeded = (existing: 'fail' | 'adopt') =>
      segmentSpec(target(em.adminBaseUrl), 'seeded_seg', [{ environment: 'Production', removalPolicy: 'destroy', addKeys: ['k1'] }], { existing });
    let r = await run('converge', seeded('fail'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Segment "seeded_seg" already exists in FME and was not created by cdktf-harness-fme');
    r = await run('converge', seeded('adopt'));
    expect(r.stderr).toBe('');
    // The strict emulator takes no tags on segments (the first segment test found out; the answer
    // is cached): an adopted segment cannot be recorded in FME, and the deploy says so
    // (docs/ownership.md, "Limits"). Where FME takes segment tags the adoption is recorded:
    // test/handler/segments-ownership.test.ts runs both modes.
    expect(r.stdout).toContain('[fme] segment seeded_seg: adopted (1 read, 0 writes)');
    expect(r.stdout).toContain('[fme] warning: Segment "seeded_seg": FME takes no tags on segments in this workspace');
    // 2 reads: the keys, and the environment list (the failed run before forgot the cached ids)
    expect(r.stdout).toContain('[fme] segment seeded_seg / Production: 1 key(s) added (2 reads, 1 write)');
    // unrecorded, so the fail policy still refuses it
    r = await run('converge', seeded('fail'));
    expect(r.code).toBe(1);
  });

  test('delete empties, deactivates and deletes the segment; a second delete succeeds', async () => {
    let r = await run('delete', spec(['u2', 'u3']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await adminGet(em.adminBaseUrl, `/segments/ws/${ws}/beta_users`)).status).toBe(404);
    r = await run('delete', spec(['u2', 'u3']));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] segment beta_users: already absent');
  });
});
