/**
 * End to end: cdktf synth + the real `terraform apply`/`destroy` against the local FME emulator,
 * checked with the emulator's Admin API and the real Split SDK. Covers the lifecycle decisions:
 * a rollout change converges in place (docs/decisions.md#d2-rollout-changes-never-delete), code is the inventory (docs/decisions.md#d3-code-is-the-inventory), retained objects stay,
 * destroy leaves objects the stack did not create.
 */
import * as fs from 'fs';
import { TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import {
  Allocation, DefaultRule, FeatureFlag, FmeConfig, RemovalPolicy, RolloutPlan,
} from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

interface Knobs {
  /** Percent of `on` in alpha's Production default rule. */
  alphaOn: number;
  alphaName: string;
  alphaInStaging: boolean;
  withBeta: boolean;
  withGamma: boolean;
}

const V1: Knobs = { alphaOn: 50, alphaName: 'alpha', alphaInStaging: true, withBeta: true, withGamma: true };

/** The app under test, as a function of the knobs each step turns. */
function build(knobs: Knobs) {
  return (stack: TerraformStack, _config: FmeConfig) => {
    const alpha = new FeatureFlag(stack, 'Alpha', { flagName: knobs.alphaName, description: 'alpha flag' });
    new RolloutPlan(alpha, 'Production', {
      flag: alpha,
      environment: 'Production',
      defaultTreatment: 'off',
      defaultRule: DefaultRule.distribute([Allocation.of('on', knobs.alphaOn), Allocation.of('off', 100 - knobs.alphaOn)]),
    });
    if (knobs.alphaInStaging) {
      new RolloutPlan(alpha, 'Staging', { flag: alpha, environment: 'Staging', defaultTreatment: 'off', defaultRule: DefaultRule.serve('on') });
    }
    if (knobs.withBeta) {
      const beta = new FeatureFlag(stack, 'Beta', { flagName: 'beta' });
      new RolloutPlan(beta, 'Production', { flag: beta, environment: 'Production', defaultTreatment: 'off', defaultRule: DefaultRule.serve('on') });
    }
    if (knobs.withGamma) {
      const gamma = new FeatureFlag(stack, 'Gamma', { flagName: 'gamma', removalPolicy: RemovalPolicy.RETAIN });
      new RolloutPlan(gamma, 'Production', {
        flag: gamma, environment: 'Production', defaultTreatment: 'off', defaultRule: DefaultRule.serve('on'), removalPolicy: RemovalPolicy.RETAIN,
      });
    }
    // A flag created outside this stack (seeded in the emulator): the stack only owns its Production plan.
    new RolloutPlan(stack, 'ExternalProduction', {
      flagName: 'external_flag', trafficType: 'user', environment: 'Production', defaultTreatment: 'off', defaultRule: DefaultRule.serve('on'),
    });
  };
}

/** Fraction of 10,000 keys that get `treatment` from `flag` in `environment`, from the real SDK. */
async function share(emulator: RunningEmulator, environment: string, flag: string, treatment: string): Promise<number> {
  const sdk = await startSdk(emulator.sdkBaseUrl, `sdk-${environment}`);
  try {
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (sdk.client.getTreatment(`user_${i}`, flag) === treatment) hits++;
    return hits / 10_000;
  } finally {
    await sdk.destroy();
  }
}

async function treatmentOf(emulator: RunningEmulator, environment: string, flag: string, key = 'someone'): Promise<string> {
  const sdk = await startSdk(emulator.sdkBaseUrl, `sdk-${environment}`);
  try {
    return sdk.client.getTreatment(key, flag);
  } finally {
    await sdk.destroy();
  }
}

describe('lifecycle against the FME emulator', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  let admin: FmeAdmin;
  let stackDir: string;

  beforeAll(async () => {
    console.log(`end-to-end lifecycle suite uses ${requireTerraform()}`);
    emulator = await startEmulator({
      adminApiKeys: [E2E_ADMIN_KEY],
      seed: {
        workspaces: [{
          name: 'Default',
          environments: [{ name: 'Staging' }, { name: 'Production', production: true }],
          trafficTypes: ['user', 'account'],
          flags: [{ name: 'external_flag', trafficType: 'user', description: 'managed by another team' }],
        }],
      },
    });
    ws = new E2eWorkspace(emulator, 'lifecycle');
    admin = new FmeAdmin(emulator);
  });

  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('first deploy creates every flag and definition', async () => {
    stackDir = ws.synth(build(V1));
    await ws.deploy(stackDir);
    for (const flag of ['alpha', 'beta', 'gamma']) expect(await admin.flag(flag)).toBeDefined();
    expect(await admin.definition('alpha', 'Staging')).toBeDefined();
    expect(await admin.definition('external_flag', 'Production')).toBeDefined();
    const on = await share(emulator, 'Production', 'alpha', 'on');
    expect(Math.abs(on - 0.5)).toBeLessThanOrEqual(0.02);
  });

  test('a second deploy with no change: terraform reports no changes and FME sees zero API calls', async () => {
    stackDir = ws.synth(build(V1));
    expect((await ws.plan(stackDir)).changes).toBe(false);
    emulator.resetCounters();
    await ws.deploy(stackDir);
    expect(emulator.counters().total).toBe(0);
  });

  test('changing an allocation converges the definition in place', async () => {
    const before = await admin.definition('alpha', 'Production');
    stackDir = ws.synth(build({ ...V1, alphaOn: 80 }));
    emulator.resetCounters();
    await ws.deploy(stackDir);
    const calls = emulator.counters();
    const after = await admin.definition('alpha', 'Production');
    expect(after.creationTime).toBe(before.creationTime);
    expect(after.defaultRule).toEqual(expect.arrayContaining([{ treatment: 'on', size: 80 }, { treatment: 'off', size: 20 }]));
    expect(calls.writes).toBe(1);
    console.log(`one-definition change: ${calls.reads} reads, ${calls.writes} writes`);
    const on = await share(emulator, 'Production', 'alpha', 'on');
    expect(Math.abs(on - 0.8)).toBeLessThanOrEqual(0.02);
  });

  test('removing a RolloutPlan deletes its definition; the SDK returns control', async () => {
    stackDir = ws.synth(build({ ...V1, alphaOn: 80, alphaInStaging: false }));
    await ws.deploy(stackDir);
    expect(await admin.definition('alpha', 'Staging')).toBeUndefined();
    expect(await admin.flag('alpha')).toBeDefined();
    expect(await treatmentOf(emulator, 'Staging', 'alpha')).toBe('control');
  });

  test('removing a FeatureFlag deletes the flag', async () => {
    stackDir = ws.synth(build({ ...V1, alphaOn: 80, alphaInStaging: false, withBeta: false }));
    await ws.deploy(stackDir);
    expect(await admin.flag('beta')).toBeUndefined();
    expect(await treatmentOf(emulator, 'Production', 'beta')).toBe('control');
  });

  test('renaming a flag deletes the old one and creates the new one', async () => {
    stackDir = ws.synth(build({ ...V1, alphaOn: 80, alphaInStaging: false, withBeta: false, alphaName: 'alpha_v2' }));
    await ws.deploy(stackDir);
    expect(await admin.flag('alpha')).toBeUndefined();
    expect(await admin.flag('alpha_v2')).toBeDefined();
    expect(await treatmentOf(emulator, 'Production', 'alpha')).toBe('control');
    expect(['on', 'off']).toContain(await treatmentOf(emulator, 'Production', 'alpha_v2'));
  });

  test('removing a retained flag leaves it in FME', async () => {
    stackDir = ws.synth(build({ ...V1, alphaOn: 80, alphaInStaging: false, withBeta: false, alphaName: 'alpha_v2', withGamma: false }));
    await ws.deploy(stackDir);
    expect(await admin.flag('gamma')).toBeDefined();
    expect(await admin.definition('gamma', 'Production')).toBeDefined();
    expect(await treatmentOf(emulator, 'Production', 'gamma')).toBe('on');
  });

  test('destroy leaves nothing the stack created and leaves what it did not create', async () => {
    await ws.destroy(stackDir);
    expect(await admin.flag('alpha_v2')).toBeUndefined();
    expect(await admin.definition('external_flag', 'Production')).toBeUndefined();
    expect(await admin.flag('external_flag')).toBeDefined(); // created by another team
    expect(await admin.flag('gamma')).toBeDefined(); // retained
  });

  test('the API key never appears in synthesized files, state, plan output or handler logs', () => {
    const synthesized = fs.readFileSync(`${stackDir}/cdk.tf.json`, 'utf8');
    const state = fs.existsSync(ws.statePath) ? fs.readFileSync(ws.statePath, 'utf8') : '';
    expect(synthesized).not.toContain(E2E_ADMIN_KEY);
    expect(state).not.toContain(E2E_ADMIN_KEY);
    expect(ws.transcript.join('\n')).not.toContain(E2E_ADMIN_KEY);
    expect(ws.transcript.join('\n')).toContain('[fme]'); // the handler did log: the check above is not vacuous
  });
});
