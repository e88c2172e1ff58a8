/**
 * Flag sets through the bundled handler against the strict emulator (docs/fme-api.md#flag-sets,
 * docs/ownership.md): create, attach, detach, delete, and the ownership rules a flag set shares
 * with segments (the owner marker in its description is its record).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  adminGet, allOutput, API_KEY, bundleHandler, decideChangeRequests, flagSpec, inventory, openChangeRequests, part, plan, runHandler, target,
  TEST_STACK,
} from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import type { FlagSetResourceSpec, InventorySpec } from '../../src/spec/resource-spec';

jest.setTimeout(90_000);

const APPROVER = 'flag-sets-approver-key-3f9c';

beforeAll(() => bundleHandler(), 60_000);
afterAll(() => expect(allOutput.join('\n')).not.toContain(API_KEY));

describe('flag sets through the handler (strict emulator)', () => {
  let em: RunningEmulator;
  let stateDir: string;
  let ws: string;
  beforeAll(async () => {
    em = await startEmulator({
      adminApiKeys: [API_KEY, APPROVER],
      seed: {
        workspaces: [{
          name: 'Default',
          trafficTypes: ['user'],
          environments: [{ name: 'Staging' }, { name: 'Production', production: true }, { name: 'Gated', approvalsRequired: true }],
        }],
      },
    });
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-flag-sets-'));
    ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
  }, 60_000);
  afterAll(async () => {
    await em?.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const t = (retrySeconds = 5) => target(em.adminBaseUrl, retrySeconds);
  const run = (command: string, spec: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
  const reconcile = (previous: InventorySpec, next: InventorySpec) =>
    runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(next) }, stateDir);
  const setSpec = (name: string, fields: Partial<FlagSetResourceSpec> = {}): FlagSetResourceSpec => ({
    v: 2, kind: 'flagSet', target: t(), stack: TEST_STACK, flagSetName: name, removalPolicy: 'destroy', existing: 'adopt', ...fields,
  });
  const v3 = async (method: string, urlPath: string, body?: unknown) => {
    const res = await fetch(`${em.url}/internal/api/v3${urlPath}`, {
      method, headers: { 'x-api-key': API_KEY, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  /** Every flag set in the workspace: name → description. */
  const liveSets = async (): Promise<Record<string, string>> => {
    const list = (await v3('GET', `/flag-sets?workspace_id=${ws}&limit=200`)).body.objects as Array<{ name: string; description: string }>;
    return Object.fromEntries(list.map((s) => [s.name, s.description]));
  };
  const idOf = async (name: string): Promise<string> =>
    ((await v3('GET', `/flag-sets?workspace_id=${ws}&limit=200`)).body.objects as Array<{ id: string; name: string }>).find((s) => s.name === name)!.id;
  const definitionSets = async (flag: string, env = 'Production'): Promise<string[]> => {
    const d = (await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${flag}/environments/${env}`)).body;
    const names = new Map(((await v3('GET', `/flag-sets?workspace_id=${ws}&limit=200`)).body.objects as Array<{ id: string; name: string }>).map((s) => [s.id, s.name]));
    return (d.flagSets ?? []).map((r: { id: string }) => names.get(r.id) ?? `unknown id ${r.id}`).sort();
  };

  test('a flag set is created with the owner marker; converging again writes nothing', async () => {
    const first = await run('converge', setSpec('backend', { description: 'Server-side flags' }));
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('[fme] flag set backend: created');
    expect(await liveSets()).toEqual({ backend: `Server-side flags\n[cdktf-fme-owner:${TEST_STACK}]` });
    em.resetCounters();
    const again = await run('converge', setSpec('backend', { description: 'Server-side flags' }));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('flag set backend: unchanged (1 read, 0 writes)');
    expect(em.counters().writes).toBe(0);
  });

  test('a definition joins the sets the code names; a deploy that names none leaves live sets alone; [] leaves every set', async () => {
    await run('converge', setSpec('mobile'));
    const created = await run('converge', flagSpec(t(), 'checkout', [part('Production', { definition: plan(50, { flagSets: ['backend', 'mobile'] }) })]));
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('in flag set(s) backend, mobile');
    expect(await definitionSets('checkout')).toEqual(['backend', 'mobile']);
    // SDKs see the set names, and a bySet filter finds the flag.
    const sdk = await fetch(`${em.url}/api/splitChanges?s=1.3&since=-1&sets=mobile`, { headers: { Authorization: 'Bearer sdk-Production' } });
    expect((((await sdk.json()) as any).ff.d as Array<{ name: string; sets: string[] }>).map((s) => [s.name, s.sets])).toEqual([['checkout', ['backend', 'mobile']]]);

    // The same sets in another order: nothing to write.
    em.resetCounters();
    const same = await run('converge', flagSpec(t(), 'checkout', [part('Production', { definition: plan(50, { flagSets: ['mobile', 'backend'] }) })]));
    expect(same.stdout).toContain('flag checkout / Production: unchanged');
    expect(em.counters().writes).toBe(0);

    // A change elsewhere in the definition, with no flagSets declared, keeps the live sets.
    const other = await run('converge', flagSpec(t(), 'checkout', [part('Production', { definition: plan(70) })]));
    expect(other.stdout).toContain('definition updated (defaultRule)');
    expect(await definitionSets('checkout')).toEqual(['backend', 'mobile']);

    const narrowed = await run('converge', flagSpec(t(), 'checkout', [part('Production', { definition: plan(70, { flagSets: ['backend'] }) })]));
    expect(narrowed.stdout).toContain('definition updated (flagSets)');
    expect(await definitionSets('checkout')).toEqual(['backend']);

    const none = await run('converge', flagSpec(t(), 'checkout', [part('Production', { definition: plan(70, { flagSets: [] }) })]));
    expect(none.stdout).toContain('definition updated (flagSets)');
    expect(await definitionSets('checkout')).toEqual([]);
  });

  test('in an approval-gated environment the change requests carry the sets by id; an UPDATE that declares none keeps them', async () => {
    const gated = (onPercent: number, fields: Parameters<typeof plan>[1]) =>
      flagSpec(t(), 'gated', [part('Gated', { writeMode: 'changeRequest', definition: plan(onPercent, fields) })]);
    const created = await run('converge', gated(20, { flagSets: ['mobile'] }));
    expect(created.stderr).toBe('');
    const [request] = await openChangeRequests(em.adminBaseUrl, (cr) => cr.split?.name === 'gated');
    expect(request).toMatchObject({ operationType: 'CREATE', split: { flagSets: [{ id: await idOf('mobile') }] } });
    await decideChangeRequests(em.adminBaseUrl, APPROVER, 'APPROVED', [request.id]);
    expect(await definitionSets('gated', 'Gated')).toEqual(['mobile']);

    // Another change, with no flagSets declared: the request carries the live sets.
    await run('converge', gated(30, {}));
    const [update] = await openChangeRequests(em.adminBaseUrl, (cr) => cr.split?.name === 'gated');
    expect(update).toMatchObject({ operationType: 'UPDATE', split: { flagSets: [{ id: await idOf('mobile') }] } });
    await decideChangeRequests(em.adminBaseUrl, APPROVER, 'APPROVED', [update.id]);
    expect(await definitionSets('gated', 'Gated')).toEqual(['mobile']);
  });

  test('a definition naming a set that does not exist fails before anything is written', async () => {
    em.resetCounters();
    const r = await run('converge', flagSpec(t(), 'orphan', [part('Production', { definition: plan(10, { flagSets: ['ghost'] }) })]));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Flag "orphan" names flag set(s) "ghost", which do not exist in this FME workspace; nothing was changed');
    expect(em.counters().writes).toBe(0);
    expect((await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/orphan`)).status).toBe(404);
  });

  test('dropping a set from the code deletes it; one another stack of the app declares is left to it', async () => {
    await run('converge', setSpec('old_set'));
    await run('converge', setSpec('moving'));
    const previous = inventory(t(), [
      { t: 'flagSet', flagSet: 'backend', policy: 'destroy' },
      { t: 'flagSet', flagSet: 'mobile', policy: 'destroy' },
      { t: 'flagSet', flagSet: 'moving', policy: 'destroy' },
      { t: 'flagSet', flagSet: 'old_set', policy: 'destroy' },
    ]);
    const next: InventorySpec = {
      ...inventory(t(), [{ t: 'flagSet', flagSet: 'backend', policy: 'destroy' }, { t: 'flagSet', flagSet: 'mobile', policy: 'destroy' }]),
      elsewhere: [{ stack: 'other', t: 'flagSet', flagSet: 'moving' }],
    };
    const r = await reconcile(previous, next);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('flag set old_set: deleted');
    expect(r.stdout).toContain('flag set moving: left in place for stack "other"');
    expect(Object.keys(await liveSets()).sort()).toEqual(['backend', 'mobile', 'moving']);
  });

  test('a set owned by another stack, or made by hand, is never deleted by this stack', async () => {
    await v3('POST', '/flag-sets', { name: 'by_hand', workspace: { id: ws } });
    const before = Object.keys(await liveSets()).sort();
    const r = await reconcile(
      inventory(t(), [{ t: 'flagSet', flagSet: 'moving', policy: 'destroy' }, { t: 'flagSet', flagSet: 'by_hand', policy: 'destroy' }]),
      inventory(t(), []),
    );
    expect(r.code).toBe(0);
    // `moving` carries this stack's marker, so it goes; `by_hand` has no record of any stack.
    expect(r.stdout).toContain('flag set moving: deleted');
    expect(r.stdout).toContain('flag set by_hand: left in place, FME has no record that this stack manages it');
    expect(Object.keys(await liveSets()).sort()).toEqual(before.filter((n) => n !== 'moving'));

    await run('converge', { ...setSpec('theirs'), stack: 'other' });
    const mine = await run('converge', setSpec('theirs'));
    expect(mine.code).not.toBe(0);
    expect(mine.stderr).toContain('Flag set "theirs" is owned by stack "other", not by this stack');
    const destroy = await run('delete', setSpec('theirs'));
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain('flag set theirs: left in place, owned by stack "other"');
    expect(await liveSets()).toHaveProperty('theirs');
  });

  test('delete honours RETAIN; a set still on a definition is deleted once the flag leaves it (retried meanwhile)', async () => {
    const retained = await run('delete', setSpec('backend', { removalPolicy: 'retain' }));
    expect(retained.stdout).toContain('flag set backend: retained (removal policy RETAIN), nothing deleted');
    expect(await liveSets()).toHaveProperty('backend');

    await run('converge', flagSpec(t(), 'checkout', [part('Production', { definition: plan(70, { flagSets: ['backend'] }) })]));
    expect(await definitionSets('checkout')).toEqual(['backend']);
    // The set's own destroy step and the flag's converge run in parallel, as Terraform runs them.
    const deleting = run('delete', { ...setSpec('backend'), target: t(20) });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await run('converge', flagSpec(t(), 'checkout', [part('Production', { definition: plan(70, { flagSets: [] }) })]));
    const deleted = await deleting;
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout).toContain('flag set backend: deleted');
    expect(await liveSets()).not.toHaveProperty('backend');
  });

  test('a set that stays on a definition is refused until the retry bound, with a message saying what to do', async () => {
    await run('converge', flagSpec(t(), 'pinned', [part('Production', { definition: plan(10, { flagSets: ['mobile'] }) })]));
    const r = await run('delete', { ...setSpec('mobile'), target: t(2) });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/FME still refuses to delete flag set "mobile" after 2 s/);
    expect(await definitionSets('pinned')).toEqual(['mobile']);
    expect(await liveSets()).toHaveProperty('mobile');
  });

  test('a flag archived as it leaves the code leaves its flag sets first, so the set can then be deleted', async () => {
    await run('converge', setSpec('seasonal'));
    const banner = flagSpec(t(), 'holiday_banner', [part('Production', { definition: plan(100, { flagSets: ['seasonal'] }) })], { removalPolicy: 'archive' });
    await run('converge', banner);
    expect(await definitionSets('holiday_banner')).toEqual(['seasonal']);
    const before = inventory(t(), [
      { t: 'definition', flag: 'holiday_banner', env: 'Production', policy: 'archive' },
      { t: 'flag', flag: 'holiday_banner', policy: 'archive' },
      { t: 'flagSet', flagSet: 'seasonal', policy: 'destroy' },
    ]);
    // The flag leaves the code: archived, its definition kept but out of the set.
    const archived = await reconcile(before, inventory(t(), [{ t: 'flagSet', flagSet: 'seasonal', policy: 'destroy' }]));
    expect(archived.stderr).toBe('');
    expect(archived.stdout).toContain('flag holiday_banner / Production: taken out of its flag sets before the flag is archived');
    expect(archived.stdout).toContain('flag holiday_banner: archived');
    expect((await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/holiday_banner`)).body.status).toBe('ARCHIVED');
    expect(await definitionSets('holiday_banner')).toEqual([]);
    // Then the set leaves too: deleted at once, no retry needed.
    const deleted = await run('delete', { ...setSpec('seasonal'), target: t(2) });
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('flag set seasonal: deleted');
  });

  test('exact flag sets left in the workspace', async () => {
    expect(Object.keys(await liveSets()).sort()).toEqual(['by_hand', 'mobile', 'theirs']);
    expect(await idOf('mobile')).toMatch(/[0-9a-f-]{36}/);
  });
});
