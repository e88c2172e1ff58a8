/**
 * The handler against the emulator, with specs of several stacks: the ownership record is written,
 * checked before any write, handed over, and respected by every deletion (docs/ownership.md).
 * Segments, whose record depends on whether FME takes tags on them, are tested against both
 * emulator modes in test/handler/segments-ownership.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  adminGet, allOutput, API_KEY, bundleHandler, flagSpec, inventory, part, plan, runHandler, target,
} from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { clearStaleMarkers } from '../../src/handler/markers';
import type { InventorySpec } from '../../src/spec/resource-spec';

let em: RunningEmulator;
let stateDir: string;
let ws: string;
let envIds: Record<string, string>;

beforeAll(async () => {
  bundleHandler();
  em = await startEmulator({ adminApiKeys: [API_KEY] });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-ownership-'));
  ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
  const envs: Array<{ id: string; name: string }> = (await adminGet(em.adminBaseUrl, `/environments/ws/${ws}`)).body;
  envIds = Object.fromEntries(envs.map((e) => [e.name, e.id]));
}, 60_000);

afterAll(async () => {
  await em?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
  expect(allOutput.join('\n')).not.toContain(API_KEY);
});

const t = () => target(em.adminBaseUrl, 5);
const run = (command: string, spec: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
const reconcile = (previous: InventorySpec, next: InventorySpec) =>
  runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(next) }, stateDir);
const tagsOf = async (flag: string): Promise<string[]> => ((await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${flag}`)).body.tags ?? []).map((x: { name: string }) => x.name).sort();
const status = async (urlPath: string) => (await adminGet(em.adminBaseUrl, urlPath)).status;

async function ok(command: string, spec: unknown): Promise<string> {
  const r = await run(command, spec);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('converge checks the owner before it writes anything', () => {
  test('a flag another stack owns is refused with both stacks named, and nothing is written', async () => {
    await ok('converge', flagSpec(t(), 'owned_by_a', [part('Production', { definition: plan(10) })], { stack: 'a' }));
    em.resetCounters();
    const r = await run('converge', flagSpec(t(), 'owned_by_a', [part('Production', { definition: plan(90) })], { stack: 'b' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Flag "owned_by_a" is owned by stack "a", not by this stack "b"; nothing was changed.');
    expect(r.stderr).toContain("set transferFrom: 'a' on the FeatureFlag (or transferFrom: ['a'] on this stack's FmeConfig)");
    expect(em.counters().writes).toBe(0);
    expect(await tagsOf('owned_by_a')).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:a']);
  });

  test('with transferFrom the new stack takes it over and records itself', async () => {
    const out = await ok('converge', flagSpec(t(), 'owned_by_a', [part('Production', { definition: plan(90) })], { stack: 'b', transferFrom: ['a'] }));
    expect(out).toContain('[fme] flag owned_by_a: metadata updated, taken over from stack "a"');
    expect(await tagsOf('owned_by_a')).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:b']);
  });

  test('a flag made by an earlier version (managed, no owner) is recorded as the stack\'s without adoption', async () => {
    await ok('converge', flagSpec(t(), 'legacy_managed', [], { stack: 'a' }));
    // Strip the owner tag, as a flag written before ownership existed would look.
    await fetch(`${em.adminBaseUrl}/splits/ws/${ws}/legacy_managed`, {
      method: 'PATCH',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify([{ op: 'replace', path: '/tags', value: [{ name: 'cdktf-fme-managed' }] }]),
    });
    const out = await ok('converge', flagSpec(t(), 'legacy_managed', [], { stack: 'c', existing: 'fail' }));
    expect(out).toContain('ownership recorded');
    expect(await tagsOf('legacy_managed')).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:c']);
  });
});

describe('rollout plans on a flag another stack owns', () => {
  test('the plan\'s stack records itself on the flag before it writes the definition; the owner keeps that record', async () => {
    await ok('converge', flagSpec(t(), 'platform_flag', [part('Production', { definition: plan(10) })], { stack: 'platform' }));
    const teamPlan = flagSpec(t(), 'platform_flag', [part('Staging', { definition: plan(50) })], { stack: 'team', metadata: undefined });
    await ok('converge', teamPlan);
    expect(await tagsOf('platform_flag')).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:platform', `cdktf-fme-plan:team:${envIds.Staging}`]);
    expect(await status(`/splits/ws/${ws}/platform_flag/environments/Staging`)).toBe(200);

    // The owner converging its own metadata and plans keeps the other stack's record.
    await ok('converge', flagSpec(t(), 'platform_flag', [part('Production', { definition: plan(20) })], { stack: 'platform', metadata: { trafficType: 'user', tags: ['web'] } }));
    expect(await tagsOf('platform_flag')).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:platform', `cdktf-fme-plan:team:${envIds.Staging}`, 'web']);
  });

  test('a definition the flag\'s owner manages is not taken without transferFrom', async () => {
    const r = await run('converge', flagSpec(t(), 'platform_flag', [part('Production', { definition: plan(70) })], { stack: 'team', metadata: undefined }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The definition of flag "platform_flag" in environment "Production" is owned by stack "platform", not by this stack "team"');
    expect((await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/platform_flag/environments/Production`)).body.defaultRule[0]).toEqual({ treatment: 'on', size: 20 });
  });

  test('the owner cannot delete the flag while another stack manages one of its definitions', async () => {
    const asPlatform = (objects: InventorySpec['objects']) => ({ ...inventory(t(), objects), stack: 'platform' });
    const r = await reconcile(
      asPlatform([{ t: 'flag', flag: 'platform_flag', policy: 'destroy' }, { t: 'definition', flag: 'platform_flag', env: 'Production', policy: 'destroy' }]),
      asPlatform([]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Flag "platform_flag" was not deleted: stack "team" still manages its definition in 1 environment(s)');
    expect(await status(`/splits/ws/${ws}/platform_flag`)).toBe(200);
    expect(await status(`/splits/ws/${ws}/platform_flag/environments/Staging`)).toBe(200);
    // Its own definition went first (definitions before flags), as a re-run after the fix would do anyway.
    expect(await status(`/splits/ws/${ws}/platform_flag/environments/Production`)).toBe(404);
  });

  test('the plan\'s stack removing its plan deletes only its definition and its record', async () => {
    const teamInventory = (objects: InventorySpec['objects']) => ({ ...inventory(t(), objects), stack: 'team' });
    const r = await reconcile(teamInventory([{ t: 'definition', flag: 'platform_flag', env: 'Staging', policy: 'destroy' }]), teamInventory([]));
    expect(r.code).toBe(0);
    expect(await status(`/splits/ws/${ws}/platform_flag/environments/Staging`)).toBe(404);
    expect(await tagsOf('platform_flag')).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:platform', 'web']);

    // Now nothing stops the owner's pending removal of the flag (Terraform re-runs the failed step).
    const asPlatform = (objects: InventorySpec['objects']) => ({ ...inventory(t(), objects), stack: 'platform' });
    const again = await reconcile(asPlatform([{ t: 'flag', flag: 'platform_flag', policy: 'destroy' }]), asPlatform([]));
    expect(again.code).toBe(0);
    expect(await status(`/splits/ws/${ws}/platform_flag`)).toBe(404);
  });
});

describe('removal respects the owner', () => {
  test('a stack whose code dropped a flag another stack owns leaves it in place', async () => {
    await ok('converge', flagSpec(t(), 'kept_by_b', [part('Production', { definition: plan(10) })], { stack: 'b' }));
    const asA = (objects: InventorySpec['objects']) => ({ ...inventory(t(), objects), stack: 'a' });
    const r = await reconcile(asA([{ t: 'flag', flag: 'kept_by_b', policy: 'destroy' }, { t: 'definition', flag: 'kept_by_b', env: 'Production', policy: 'destroy' }]), asA([]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] flag kept_by_b / Production: left in place, owned by stack "b"');
    expect(r.stdout).toContain('[fme] flag kept_by_b: left in place, owned by stack "b"');
    expect(await status(`/splits/ws/${ws}/kept_by_b/environments/Production`)).toBe(200);
  });

  test('an object another stack of the app now declares is handed over, not deleted', async () => {
    await ok('converge', flagSpec(t(), 'moving', [part('Production', { definition: plan(10) }), part('Staging', { definition: plan(10) })], { stack: 'a' }));
    const previous = {
      ...inventory(t(), [
        { t: 'definition', flag: 'moving', env: 'Production', policy: 'destroy' },
        { t: 'definition', flag: 'moving', env: 'Staging', policy: 'destroy' },
        { t: 'flag', flag: 'moving', policy: 'destroy' },
      ]),
      stack: 'a',
    };
    // Stack b now declares the flag and its Production plan, not the Staging one.
    const next: InventorySpec = { ...inventory(t(), []), stack: 'a', elsewhere: [{ stack: 'b', t: 'flag', flag: 'moving' }, { stack: 'b', t: 'definition', flag: 'moving', env: 'Production' }] };
    const r = await reconcile(previous, next);
    expect(r.code).toBe(0);
    expect(await tagsOf('moving')).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:b']);
    expect(await status(`/splits/ws/${ws}/moving/environments/Production`)).toBe(200);
    expect(await status(`/splits/ws/${ws}/moving/environments/Staging`)).toBe(404);
  });

  test('a destroy step replayed from a version 1 spec (no stack id) never deletes a stack\'s object', async () => {
    const { stack: _stack, ...legacy } = flagSpec(t(), 'kept_by_b', [part('Production', { definition: plan(10) })]);
    const r = await run('delete', { ...legacy, v: 1 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] flag kept_by_b: left in place, owned by stack "b"');
    expect(await status(`/splits/ws/${ws}/kept_by_b`)).toBe(200);
  });
});

test('a converge clears the bootstrap markers that other applies left behind, and keeps its own apply\'s', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-markers-'));
  try {
    for (const name of ['111-aaa', '111-bbb', '222-ccc']) fs.writeFileSync(path.join(dir, name), '');
    clearStaleMarkers('222', dir);
    expect(fs.readdirSync(dir)).toEqual(['222-ccc']);
    clearStaleMarkers(undefined, dir); // not run by a synthesized resource: leaves everything
    expect(fs.readdirSync(dir)).toEqual(['222-ccc']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
