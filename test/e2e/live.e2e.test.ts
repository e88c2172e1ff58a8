/**
 * End to end: `cdktf-fme drift` and `diff` on a stack deployed by the real `terraform apply`,
 * against the local emulator; the real Split SDK checks what FME serves after `drift --fix`.
 */
import * as path from 'path';
import axios from 'axios';
import { TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import { DefaultRule, FeatureFlag, FmeConfig, Matcher, RolloutPlan, TargetingRule } from '../../src';
import { main } from '../../src/cli/main';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { typeErrors } from '../live/type-check';
import { seedEveryFeature } from '../live/workspace-seed';
import { startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

function build(countries: string[]) {
  return (stack: TerraformStack, _config: FmeConfig) => {
    const flag = new FeatureFlag(stack, 'Banner', { flagName: 'banner' });
    new RolloutPlan(flag, 'Production', {
      flag,
      environment: 'Production',
      defaultTreatment: 'off',
      rules: [TargetingRule.serve('off', [Matcher.stringInList('country', countries)])],
      defaultRule: DefaultRule.serve('on'),
    });
  };
}

async function cli(ws: E2eWorkspace, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { ...ws.env, FME_RATE_LIMIT_FILE: `${ws.root}/rate-limit.json` } });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function treatment(
  emulator: RunningEmulator, key: string, attributes: Record<string, string> = {}, flag = 'banner', environment = 'Production',
): Promise<string> {
  const sdk = await startSdk(emulator.sdkBaseUrl, `sdk-${environment}`);
  try {
    return sdk.client.getTreatment(key, flag, attributes);
  } finally {
    await sdk.destroy();
  }
}

describe('drift and diff against a terraform-deployed stack', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  beforeAll(async () => {
    requireTerraform();
    emulator = await startEmulator({ adminApiKeys: [E2E_ADMIN_KEY] });
    ws = new E2eWorkspace(emulator, 'live');
  });
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('a kill through the Admin API: drift exits 2 naming it; drift --fix restores it and the SDK serves the code\'s treatment', async () => {
    const dir = ws.synth(build(['FR']));
    await ws.deploy(dir);
    expect(await treatment(emulator, 'alice')).toBe('on');
    expect((await cli(ws, ['drift', dir])).code).toBe(0);

    // Someone kills the flag in FME (UI, pipeline): the Admin API kill endpoint.
    const admin = new FmeAdmin(emulator);
    const kill = await axios.put(`${emulator.adminBaseUrl}/splits/ws/${await admin.ws()}/banner/environments/Production/kill`,
      { title: 'incident', comment: 'killed from the UI' }, { headers: { 'x-api-key': E2E_ADMIN_KEY }, validateStatus: () => true });
    expect(kill.status).toBe(200);
    expect(await treatment(emulator, 'alice')).toBe('off');
    // Terraform cannot see it: the plan is empty.
    expect((await ws.plan(dir)).changes).toBe(false);

    const drift = await cli(ws, ['drift', dir]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('~ flag banner / Production: changed outside the code');
    expect(drift.stdout).toContain('~ killed: killed → not killed');

    const fixed = await cli(ws, ['drift', dir, '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('No drift');
    expect((await admin.definition('banner', 'Production')).killed).toBe(false);
    expect(await treatment(emulator, 'alice')).toBe('on');
    expect(await treatment(emulator, 'alice', { country: 'FR' })).toBe('off');
    // --fix did not touch Terraform: still nothing to plan.
    expect((await ws.plan(dir)).changes).toBe(false);
  });

  test('diff of a rule change prints the rule; after the deploy it is clean', async () => {
    const dir = ws.synth(build(['FR', 'DE']));
    const diff = await cli(ws, ['diff', dir]);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain('~ rule 1: if country in [FR] → off  ⇒  if country in [FR, DE] → off');
    await ws.deploy(dir);
    expect((await cli(ws, ['diff', dir])).code).toBe(0);
    expect(await treatment(emulator, 'alice', { country: 'DE' })).toBe('off');
    expect(ws.transcript.join('\n')).not.toContain(E2E_ADMIN_KEY);
  });
});

describe('import of a workspace made by hand, deployed by terraform', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  beforeAll(async () => {
    requireTerraform();
    // Strict (the default): FME may take no tags on segments (docs/fme-api.md#tags), so the imported
    // segments' owner lives in the stack's inventory only; import warns and still succeeds.
    emulator = await startEmulator({ adminApiKeys: [E2E_ADMIN_KEY] });
    ws = new E2eWorkspace(emulator, 'import');
  });
  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('the generated TypeScript compiles, synthesizes, deploys as a no-op (0 writes) and diffs clean', async () => {
    const admin = new FmeAdmin(emulator);
    await seedEveryFeature(async (method, apiPath, body) => {
      const response = await axios.request({
        method,
        url: `${emulator.adminBaseUrl}${apiPath.replace('{ws}', await admin.ws())}`,
        data: body,
        headers: { 'x-api-key': E2E_ADMIN_KEY },
        validateStatus: () => true,
      });
      if (response.status >= 300) throw new Error(`${method} ${apiPath}: HTTP ${response.status} ${JSON.stringify(response.data)}`);
      return response.data;
    });
    // The SDK's view before: individual targets in Staging, the kill in Production.
    const served = async () => [
      await treatment(emulator, 'qa_alice', {}, 'everything', 'Staging'),
      await treatment(emulator, 'qa_bob', {}, 'everything', 'Staging'),
      await treatment(emulator, 'qa_alice', {}, 'everything', 'Production'),
    ];
    expect(await served()).toEqual(['on', 'off', 'off']);
    const file = path.join(ws.root, 'imported.ts');
    const imported = await cli(ws, ['import', '--stack', 'e2e', '--out', file, '--library', path.resolve(__dirname, '..', '..', 'src'),
      '--api-base-url', emulator.adminBaseUrl, '--flag', '*']);
    expect(imported.stderr).toContain('2 flag(s), 1 segment(s), 1 rule-based segment(s)');
    expect(imported.code).toBe(0);
    expect(typeErrors(file)).toEqual([]);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { importedFromFme } = require(file);
    const dir = ws.synth((stack) => importedFromFme(stack));
    emulator.resetCounters();
    await ws.deploy(dir);
    expect(emulator.counters().writes).toBe(0);
    expect((await cli(ws, ['diff', dir])).code).toBe(0);
    expect((await ws.plan(dir)).changes).toBe(false);
    expect(await served()).toEqual(['on', 'off', 'off']);
  });
});
