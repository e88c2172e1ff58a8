/**
 * End to end (issue 14, prerequisites): cdktf synth + the real `terraform apply`/`destroy` against
 * the strict local FME emulator, with the real Split SDK showing prerequisite gating
 * (docs/fme-api.md#prerequisites): flag `gated_feature` requires `gate` = `on`. While `gate` serves
 * `off`, the SDK answers `gated_feature`'s default treatment; after a deploy switching `gate` to
 * `on`, it answers `gated_feature`'s own rules. Both flags leaving the code together, and `cdktf
 * destroy`, delete the requiring flag before the one it requires (FME refuses the other order). The
 * exact set of FME objects is checked after every step, with creation times proving nothing was
 * deleted and re-created.
 */
import { TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin, fmeObjects } from './fme-admin';
import { DefaultRule, FeatureFlag, FmeConfig, Matcher, Prerequisite, RolloutPlan, TargetingRule } from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

interface Knobs {
  /** What `gate` serves everyone. */
  readonly gate: 'on' | 'off';
  /** Whether `gated_feature` declares its prerequisite. */
  readonly prerequisite: boolean;
  /** Whether the flags are in the code at all. @default true */
  readonly present?: boolean;
}

function build(knobs: Knobs) {
  return (stack: TerraformStack, _config: FmeConfig) => {
    if (knobs.present === false) return;
    const gate = new FeatureFlag(stack, 'Gate', { flagName: 'gate' });
    new RolloutPlan(gate, 'Staging', { flag: gate, environment: 'Staging', defaultRule: DefaultRule.serve(knobs.gate) });
    const feature = new FeatureFlag(stack, 'GatedFeature', { flagName: 'gated_feature', treatments: [{ name: 'on' }, { name: 'beta' }, { name: 'off' }] });
    new RolloutPlan(feature, 'Staging', {
      flag: feature,
      environment: 'Staging',
      ...(knobs.prerequisite ? { prerequisites: [Prerequisite.flag(gate, ['on'])] } : {}),
      rules: [TargetingRule.serve('beta', [Matcher.keyInList(['tester'])])],
      defaultRule: DefaultRule.serve('on'),
    });
  };
}

const ALL_OBJECTS = ['definition gate/Staging', 'definition gated_feature/Staging', 'flag gate', 'flag gated_feature'];

describe('prerequisites against the FME emulator, seen by the Split SDK', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  let admin: FmeAdmin;
  let stackDir: string;
  let baseline: Map<string, number>;

  beforeAll(async () => {
    console.log(`end-to-end prerequisites suite uses ${requireTerraform()}`);
    emulator = await startEmulator({
      adminApiKeys: [E2E_ADMIN_KEY],
      seed: { workspaces: [{ name: 'Default', environments: [{ name: 'Staging' }], trafficTypes: ['user'] }] },
    });
    ws = new E2eWorkspace(emulator, 'prerequisites');
    admin = new FmeAdmin(emulator);
  });

  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  /** The exact set of objects, and the creation times of those seen in `baseline` unchanged. */
  async function expectObjects(expected: string[]): Promise<Map<string, number>> {
    const now = await fmeObjects(emulator);
    expect([...now.keys()].sort()).toEqual([...expected].sort());
    for (const [object, created] of baseline ?? []) {
      if (now.has(object)) expect({ object, created: now.get(object) }).toEqual({ object, created });
    }
    return now;
  }

  async function treatments(): Promise<Record<string, string>> {
    const sdk = await startSdk(emulator.sdkBaseUrl, 'sdk-Staging');
    try {
      return {
        gate: sdk.client.getTreatment('someone', 'gate'),
        someone: sdk.client.getTreatment('someone', 'gated_feature'),
        tester: sdk.client.getTreatment('tester', 'gated_feature'),
      };
    } finally {
      await sdk.destroy();
    }
  }

  test('while the prerequisite flag serves off, the gated flag serves its default treatment to every key', async () => {
    stackDir = ws.synth(build({ gate: 'off', prerequisite: true }));
    await ws.deploy(stackDir);
    baseline = await expectObjects(ALL_OBJECTS);
    expect((await admin.definition('gated_feature', 'Staging')).prerequisites).toEqual([{ flagName: 'gate', treatments: ['on'] }]);
    expect(await treatments()).toEqual({ gate: 'off', someone: 'off', tester: 'off' });
  });

  test('after a deploy switching the prerequisite flag to on, the gated flag serves its rules', async () => {
    stackDir = ws.synth(build({ gate: 'on', prerequisite: true }));
    await ws.deploy(stackDir);
    await expectObjects(ALL_OBJECTS);
    expect(await treatments()).toEqual({ gate: 'on', someone: 'on', tester: 'beta' });
  });

  test('dropping the prerequisite from the code removes it: the gated flag serves its rules whatever the gate serves', async () => {
    stackDir = ws.synth(build({ gate: 'off', prerequisite: false }));
    await ws.deploy(stackDir);
    await expectObjects(ALL_OBJECTS);
    expect((await admin.definition('gated_feature', 'Staging')).prerequisites).toEqual([]);
    expect(await treatments()).toEqual({ gate: 'off', someone: 'on', tester: 'beta' });
  });

  test('both flags leaving the code in one deploy are deleted, the requiring one first', async () => {
    stackDir = ws.synth(build({ gate: 'off', prerequisite: true }));
    await ws.deploy(stackDir);
    await expectObjects(ALL_OBJECTS);
    expect(await treatments()).toEqual({ gate: 'off', someone: 'off', tester: 'off' });
    stackDir = ws.synth(build({ gate: 'off', prerequisite: true, present: false }));
    await ws.deploy(stackDir);
    await expectObjects([]);
  });

  test('destroy removes the gated flag before the flag it requires, leaving nothing', async () => {
    baseline = new Map();
    stackDir = ws.synth(build({ gate: 'on', prerequisite: true }));
    await ws.deploy(stackDir);
    await expectObjects(ALL_OBJECTS);
    expect(await treatments()).toEqual({ gate: 'on', someone: 'on', tester: 'beta' });
    await ws.destroy(stackDir);
    await expectObjects([]);
  });
});
