/**
 * End to end (issue 14): flag sets as code. cdktf synth + the real `terraform apply`/`destroy`
 * against the strict FME emulator; the real Split SDK, configured with
 * `sync.splitFilters: [{ type: 'bySet', values: ['backend'] }]`, receives exactly the flags whose
 * definitions are in that set (docs/fme-api.md#flag-sets). After every step the test checks the
 * exact set of FME objects, flag sets included.
 */
import axios from 'axios';
import { TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { fmeObjects } from './fme-admin';
import { DefaultRule, FeatureFlag, FlagSet, IFlagSetRef, RolloutPlan } from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SdkSession, startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

interface Knobs {
  /** Flag set names per flag (Staging); a flag absent from the map declares no flagSets. */
  readonly sets: Record<string, string[] | undefined>;
  /** Whether the stack declares the `frontend` set. */
  readonly withFrontend: boolean;
}

function build(knobs: Knobs) {
  return (stack: TerraformStack) => {
    const declared: Record<string, IFlagSetRef> = { backend: new FlagSet(stack, 'Backend', { flagSetName: 'backend', description: 'server flags' }) };
    if (knobs.withFrontend) declared.frontend = new FlagSet(stack, 'Frontend', { flagSetName: 'frontend' });
    for (const name of ['alpha', 'beta', 'gamma']) {
      const flag = new FeatureFlag(stack, name, { flagName: name });
      const names = knobs.sets[name];
      new RolloutPlan(flag, 'Staging', {
        flag,
        environment: 'Staging',
        defaultRule: DefaultRule.serve('on'),
        ...(names !== undefined ? { flagSets: names.map((n) => declared[n] ?? FlagSet.fromName(n)) } : {}),
      });
    }
  };
}

describe('flag sets against the FME emulator, seen by the Split SDK filtering by set', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  let stackDir: string;

  beforeAll(async () => {
    console.log(`end-to-end flag-sets suite uses ${requireTerraform()}`);
    emulator = await startEmulator({
      adminApiKeys: [E2E_ADMIN_KEY],
      seed: { workspaces: [{ name: 'Default', environments: [{ name: 'Staging' }], trafficTypes: ['user'] }] },
    });
    ws = new E2eWorkspace(emulator, 'flag-sets');
  });

  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  /** Every FME object (flags, definitions, segments) and every flag set, as sorted labels. */
  async function objects(): Promise<string[]> {
    const headers = { 'x-api-key': E2E_ADMIN_KEY };
    const wsId = (await axios.get(`${emulator.adminBaseUrl}/workspaces?name=Default`, { headers })).data.objects[0].id;
    const sets = (await axios.get(`${emulator.url}/internal/api/v3/flag-sets?workspace_id=${wsId}&limit=200`, { headers })).data.objects;
    return [...(await fmeObjects(emulator)).keys(), ...sets.map((s: { name: string }) => `flag set ${s.name}`)].sort();
  }

  async function withSdk<T>(sets: string[], fn: (sdk: SdkSession) => T): Promise<T> {
    const sdk = await startSdk(emulator.sdkBaseUrl, 'sdk-Staging', 10, sets);
    try {
      return fn(sdk);
    } finally {
      await sdk.destroy();
    }
  }

  test('the sets are created, definitions join them, and a bySet SDK gets exactly the flags in its set', async () => {
    stackDir = ws.synth(build({ sets: { alpha: ['backend'], beta: ['backend', 'frontend'] }, withFrontend: true }));
    await ws.deploy(stackDir);
    expect(await objects()).toEqual([
      'definition alpha/Staging', 'definition beta/Staging', 'definition gamma/Staging',
      'flag alpha', 'flag beta', 'flag gamma', 'flag set backend', 'flag set frontend',
    ]);
    const seen = await withSdk(['backend'], (sdk) => ({
      names: sdk.names().sort(),
      alpha: sdk.client.getTreatment('k', 'alpha'),
      gamma: sdk.client.getTreatment('k', 'gamma'),
    }));
    expect(seen).toEqual({ names: ['alpha', 'beta'], alpha: 'on', gamma: 'control' });
    expect(await withSdk(['frontend'], (sdk) => sdk.names())).toEqual(['beta']);
  });

  test('a flag leaves its set, and a set dropped from the code is deleted once no definition carries it', async () => {
    stackDir = ws.synth(build({ sets: { alpha: [], beta: ['backend'] }, withFrontend: false }));
    await ws.deploy(stackDir);
    expect(await objects()).toEqual([
      'definition alpha/Staging', 'definition beta/Staging', 'definition gamma/Staging',
      'flag alpha', 'flag beta', 'flag gamma', 'flag set backend',
    ]);
    const seen = await withSdk(['backend'], (sdk) => ({ names: sdk.names(), alpha: sdk.client.getTreatment('k', 'alpha') }));
    expect(seen).toEqual({ names: ['beta'], alpha: 'control' });
  });

  test('a plan that stops declaring flagSets leaves the live sets alone; a redeploy changes nothing', async () => {
    stackDir = ws.synth(build({ sets: { alpha: [] }, withFrontend: false }));
    await ws.deploy(stackDir);
    expect(await withSdk(['backend'], (sdk) => sdk.names())).toEqual(['beta']);
    expect((await ws.plan(stackDir)).changes).toBe(false);
  });

  test('destroy deletes the flags and the set', async () => {
    await ws.destroy(stackDir);
    expect(await objects()).toEqual([]);
  });
});
