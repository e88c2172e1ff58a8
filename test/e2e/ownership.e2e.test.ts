/**
 * The safety suite (docs/ownership.md): no deploy, in any order, across any number of stacks,
 * deletes an FME object that some stack's code still declares, or leaves behind one the code
 * dropped. Every scenario runs the real `terraform apply` against the emulator and checks the
 * exact set of objects in FME after every step, and — through their creation times — that no
 * declared object was deleted and re-created in between.
 */
import { TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY } from './e2e-workspace';
import { FmeAdmin, fmeObjects } from './fme-admin';
import { StackBuild, StacksWorkspace } from './stacks-workspace';
import { FeatureFlag, RemovalPolicy, RolloutPlan } from '../../src';
import { shardInventory } from '../../src/constructs/internal/inventory-shards';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { InventoryEntry } from '../../src/spec/resource-spec';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(600_000);

const ENVIRONMENTS = ['Production', 'Staging'];

/** Each named flag, with a rollout plan in every environment. */
function flags(names: string[], options: { transferFrom?: string; removalPolicy?: RemovalPolicy } = {}): StackBuild {
  return (stack: TerraformStack) => {
    for (const name of names) {
      const flag = new FeatureFlag(stack, name, { flagName: name, transferFrom: options.transferFrom, removalPolicy: options.removalPolicy });
      for (const environment of ENVIRONMENTS) new RolloutPlan(flag, environment, { flag, environment });
    }
  };
}

/** The FME objects those flags are: the flag and one definition per environment. */
function objectsOf(names: string[]): string[] {
  return names.flatMap((n) => [`flag ${n}`, ...ENVIRONMENTS.map((e) => `definition ${n}/${e}`)]).sort();
}

function emulatorWith(workspaces: string[]): Promise<RunningEmulator> {
  return startEmulator({
    adminApiKeys: [E2E_ADMIN_KEY],
    seed: {
      workspaces: workspaces.map((name) => ({
        name,
        environments: [{ name: 'Staging' }, { name: 'Production', production: true }],
        trafficTypes: ['user'],
      })),
    },
  });
}

/** Terraform wraps diagnostics; compare text with whitespace collapsed. */
function flat(result: { stdout: string; stderr: string }): string {
  return `${result.stdout}\n${result.stderr}`.replace(/\s+/g, ' ');
}

/**
 * Asserts the exact set of objects in the workspace, and that each object also present in
 * `before` has the creation time it had then (it was never deleted and re-created).
 */
async function expectObjects(emulator: RunningEmulator, expected: string[], before?: Map<string, number>, workspace = 'Default'): Promise<Map<string, number>> {
  const now = await fmeObjects(emulator, workspace);
  expect([...now.keys()].sort()).toEqual([...expected].sort());
  for (const [object, created] of before ?? []) {
    if (now.has(object)) expect({ object, created: now.get(object) }).toEqual({ object, created });
  }
  return now;
}

beforeAll(() => {
  console.log(`end-to-end ownership suite uses ${requireTerraform()}`);
});

describe('moving flags to another stack of the same app', () => {
  let emulator: RunningEmulator;
  let ws: StacksWorkspace;
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('new owner first: its deploy fails and changes nothing; the old owner hands over; then the new owner converges', async () => {
    emulator = await emulatorWith(['Default']);
    ws = new StacksWorkspace(emulator, 'move-new-first');
    const v1 = ws.synth('app', { a: { build: flags(['f1', 'f2', 'f3', 'f4']) } });
    await ws.deploy(v1.a);
    const baseline = await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']));

    const v2 = ws.synth('app', { a: { build: flags(['f1', 'f2']) }, b: { build: flags(['f3', 'f4']) } });
    const refused = await ws.tryApply(v2.b);
    expect(refused.code).not.toBe(0);
    expect(flat(refused)).toContain('Flag "f3" is owned by stack "a", not by this stack "b"; nothing was changed.');
    expect(flat(refused)).toContain("set transferFrom: 'a' on the FeatureFlag");
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']), baseline);

    const handover = await ws.deploy(v2.a);
    expect(flat(handover)).toContain('flag f3: handed over to stack "b", which declares it now');
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']), baseline);

    await ws.deploy(v2.b);
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']), baseline);
    const admin = new FmeAdmin(emulator);
    expect((await admin.flag('f3')).tags.map((t: { name: string }) => t.name)).toContain('cdktf-fme-owner:b');
    expect((await admin.flag('f1')).tags.map((t: { name: string }) => t.name)).toContain('cdktf-fme-owner:a');
    expect((await ws.plan(v2.a)).changes).toBe(false);
    expect((await ws.plan(v2.b)).changes).toBe(false);
  });

  test('old owner first: it hands the flags over instead of deleting them; the new owner then converges', async () => {
    await emulator.stop();
    ws.cleanup();
    emulator = await emulatorWith(['Default']);
    ws = new StacksWorkspace(emulator, 'move-old-first');
    const v1 = ws.synth('app', { a: { build: flags(['f1', 'f2', 'f3', 'f4']) } });
    await ws.deploy(v1.a);
    const baseline = await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']));

    const v2 = ws.synth('app', { a: { build: flags(['f1', 'f2']) }, b: { build: flags(['f3', 'f4']) } });
    await ws.deploy(v2.a);
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']), baseline);
    await ws.deploy(v2.b);
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']), baseline);
    expect((await ws.plan(v2.b)).changes).toBe(false);

    // Later, the new owner drops one: it is deleted, and only it.
    const v3 = ws.synth('app', { a: { build: flags(['f1', 'f2']) }, b: { build: flags(['f3']) } });
    await ws.deploy(v3.b);
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3']), baseline);
  });
});

describe('moving flags between stacks of different apps (repositories)', () => {
  let emulator: RunningEmulator;
  let ws: StacksWorkspace;
  beforeAll(async () => {
    emulator = await emulatorWith(['Default']);
    ws = new StacksWorkspace(emulator, 'move-apps');
  });
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('the new owner takes the flags over by explicit transfer; the old owner then leaves them alone', async () => {
    const a1 = ws.synth('repo-a', { a: { build: flags(['f1', 'f2', 'f3', 'f4']) } });
    await ws.deploy(a1.a);
    const baseline = await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']));

    // Without the transfer the new owner is refused.
    const b0 = ws.synth('repo-b', { b: { build: flags(['f3', 'f4']) } });
    expect((await ws.tryApply(b0.b)).code).not.toBe(0);
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']), baseline);

    const b1 = ws.synth('repo-b', { b: { build: flags(['f3', 'f4'], { transferFrom: 'a' }) } });
    const takeover = await ws.deploy(b1.b);
    expect(flat(takeover)).toContain('taken over from stack "a"');
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']), baseline);

    const a2 = ws.synth('repo-a', { a: { build: flags(['f1', 'f2']) } });
    const release = await ws.deploy(a2.a);
    expect(flat(release)).toContain('flag f3: left in place, owned by stack "b"');
    await expectObjects(emulator, objectsOf(['f1', 'f2', 'f3', 'f4']), baseline);
    expect((await ws.plan(b1.b)).changes).toBe(false);
  });
});

describe('one flag declared by two stacks', () => {
  let emulator: RunningEmulator;
  let ws: StacksWorkspace;
  beforeEach(async () => {
    emulator = await emulatorWith(['Default']);
    ws = new StacksWorkspace(emulator, 'shared');
  });
  afterEach(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('in one app, synth refuses it and names both stacks', () => {
    expect(() => ws.synth('app', { a: { build: flags(['shared', 'fa']) }, b: { build: flags(['shared', 'fb']) } }))
      .toThrow(/one owner: flag "shared" is also declared by stack "b" \(b\/shared\) in the same FME workspace/);
  });

  test.each([['a', 'b'], ['b', 'a']])('in two apps, %s deploying first owns it; %s is refused, and dropping it deletes nothing', async (first, second) => {
    const own = (stack: string) => (stack === 'a' ? 'fa' : 'fb');
    const withShared = (stack: string) => ws.synth(`repo-${stack}`, { [stack]: { build: flags(['shared', own(stack)]) } })[stack];
    await ws.deploy(withShared(first));
    const baseline = await expectObjects(emulator, objectsOf(['shared', own(first)]));

    const refused = await ws.tryApply(withShared(second));
    expect(refused.code).not.toBe(0);
    expect(flat(refused)).toContain(`Flag "shared" is owned by stack "${first}", not by this stack "${second}"`);
    // The refused stack still creates what is its own.
    await expectObjects(emulator, objectsOf(['shared', own(first), own(second)]), baseline);

    const dropped = ws.synth(`repo-${second}`, { [second]: { build: flags([own(second)]) } })[second];
    await ws.deploy(dropped);
    await expectObjects(emulator, objectsOf(['shared', own(first), own(second)]), baseline);
    expect((await ws.plan(withShared(first))).changes).toBe(false);
  });
});

describe('names that cannot become paths', () => {
  let emulator: RunningEmulator;
  let ws: StacksWorkspace;
  beforeAll(async () => {
    emulator = await emulatorWith(['Default']);
    ws = new StacksWorkspace(emulator, 'paths');
  });
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test.each(['..', '.', 'Production/..', 'a?b'])('an environment named %j fails synth, and FME is untouched', async (environment) => {
    const v1 = ws.synth('app', { a: { build: flags(['f1']) } });
    await ws.deploy(v1.a);
    const baseline = await expectObjects(emulator, objectsOf(['f1']));
    expect(() => ws.synth('app', {
      a: { build: (stack) => { flags(['f1'])!(stack); new RolloutPlan(stack, 'Odd', { flagName: 'f1', environment }); } },
    })).toThrow(/a\/Odd\] environment/);
    await expectObjects(emulator, objectsOf(['f1']), baseline);
  });
});

describe('changing the workspace of a stack', () => {
  let emulator: RunningEmulator;
  let ws: StacksWorkspace;
  beforeAll(async () => {
    emulator = await emulatorWith(['Default', 'Other']);
    ws = new StacksWorkspace(emulator, 'workspace');
  });
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('moves the objects: created in the new workspace, deleted from the old one', async () => {
    const v1 = ws.synth('app', { a: { build: flags(['f1', 'f2']) } });
    await ws.deploy(v1.a);
    await expectObjects(emulator, objectsOf(['f1', 'f2']), undefined, 'Default');

    const v2 = ws.synth('app', { a: { build: flags(['f1', 'f2']), config: { workspaceName: 'Other' } } });
    const moved = await ws.deploy(v2.a);
    expect(flat(moved)).toContain('the stack now manages another workspace; removing its 6 object(s) from the previous one');
    await expectObjects(emulator, [], undefined, 'Default');
    const other = await expectObjects(emulator, objectsOf(['f1', 'f2']), undefined, 'Other');

    // Naming the same workspace by id is no move: nothing is deleted or re-created.
    const otherId = (await fmeWorkspaces(emulator)).get('Other')!;
    const v3 = ws.synth('app', { a: { build: flags(['f1', 'f2']), config: { workspaceId: otherId } } });
    await ws.deploy(v3.a);
    await expectObjects(emulator, objectsOf(['f1', 'f2']), other, 'Other');
    await expectObjects(emulator, [], undefined, 'Default');
  });
});

describe('removing FmeConfig from a stack', () => {
  let emulator: RunningEmulator;
  let ws: StacksWorkspace;
  beforeAll(async () => {
    emulator = await emulatorWith(['Default']);
    ws = new StacksWorkspace(emulator, 'no-config');
  });
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('together with its objects: Terraform refuses the plan and nothing is orphaned; removing the objects first works', async () => {
    const v1 = ws.synth('app', { a: { build: flags(['f1', 'f2']) } });
    await ws.deploy(v1.a);
    const baseline = await expectObjects(emulator, objectsOf(['f1', 'f2']));

    const bare = ws.synth('app', { a: { build: undefined } });
    const refused = await ws.tryApply(bare.a);
    expect(refused.code).not.toBe(0);
    expect(flat(refused)).toContain('Provider configuration not present');
    expect(flat(refused)).toContain('provider["terraform.io/builtin/terraform"].fme_config is required, but it has been removed');
    await expectObjects(emulator, objectsOf(['f1', 'f2']), baseline);

    // The documented way: remove the objects (deleted per removal policy), then FmeConfig.
    const empty = ws.synth('app', { a: { build: () => undefined } });
    await ws.deploy(empty.a);
    await expectObjects(emulator, []);
    await ws.deploy(ws.synth('app', { a: { build: undefined } }).a);
    await expectObjects(emulator, []);
  });
});

describe('renaming a stack', () => {
  let emulator: RunningEmulator;
  let ws: StacksWorkspace;
  beforeAll(async () => {
    emulator = await emulatorWith(['Default']);
    ws = new StacksWorkspace(emulator, 'rename');
  });
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('the renamed stack is refused until it keeps the stack id or transfers; nothing is deleted', async () => {
    const v1 = ws.synth('app', { a: { build: flags(['f1', 'f2']) } });
    await ws.deploy(v1.a);
    const baseline = await expectObjects(emulator, objectsOf(['f1', 'f2']));

    const renamed = ws.synth('app', { a2: { build: flags(['f1', 'f2']) } });
    const refused = await ws.tryApply(renamed.a2);
    expect(flat(refused)).toContain('Flag "f1" is owned by stack "a", not by this stack "a2"');
    await expectObjects(emulator, objectsOf(['f1', 'f2']), baseline);

    const kept = ws.synth('app', { a3: { build: flags(['f1', 'f2']), config: { stackId: 'a' } } });
    await ws.deploy(kept.a3);
    await expectObjects(emulator, objectsOf(['f1', 'f2']), baseline);

    const transferred = ws.synth('app', { a2: { build: flags(['f1', 'f2']), config: { transferFrom: ['a'] } } });
    await ws.deploy(transferred.a2);
    await expectObjects(emulator, objectsOf(['f1', 'f2']), baseline);
    expect((await new FmeAdmin(emulator).flag('f2')).tags.map((t: { name: string }) => t.name)).toContain('cdktf-fme-owner:a2');
  });
});

describe('the inventory shrinking to fewer shards in the deploy that removes objects', () => {
  let emulator: RunningEmulator;
  let ws: StacksWorkspace;
  beforeAll(async () => {
    emulator = await emulatorWith(['Default']);
    ws = new StacksWorkspace(emulator, 'shards');
  });
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('every removed object is deleted, including those the vanished shard listed', async () => {
    // Long names make big inventory entries, so a few hundred flags fill two shards.
    const names = (n: number) => Array.from({ length: n }, (_, i) => `f${String(i).padStart(3, '0')}_${'x'.repeat(90)}`);
    const shardsFor = (n: number) => shardInventory({
      v: 2,
      kind: 'inventory',
      target: { apiBaseUrl: emulator.adminBaseUrl, workspaceName: 'Default', apiKeyEnvVar: 'FME_API_KEY', maxRetrySeconds: 300 },
      stack: 'a',
      objects: names(n).flatMap((flag): InventoryEntry[] => [
        { t: 'flag', flag, policy: 'destroy' }, ...ENVIRONMENTS.map((env): InventoryEntry => ({ t: 'definition', flag, env, policy: 'destroy' })),
      ]),
    }).length;
    const before = 200;
    const after = 60;
    expect([shardsFor(before), shardsFor(after)]).toEqual([2, 1]);

    await ws.deploy(ws.synth('app', { a: { build: flags(names(before)) } }).a);
    const baseline = await expectObjects(emulator, objectsOf(names(before)));
    await ws.deploy(ws.synth('app', { a: { build: flags(names(after)) } }).a);
    await expectObjects(emulator, objectsOf(names(after)), baseline);
  });
});

async function fmeWorkspaces(emulator: RunningEmulator): Promise<Map<string, string>> {
  const response = await fetch(`${emulator.adminBaseUrl}/workspaces`, { headers: { 'x-api-key': E2E_ADMIN_KEY } });
  const body = await response.json() as { objects: Array<{ id: string; name: string }> };
  return new Map(body.objects.map((w) => [w.name, w.id]));
}
