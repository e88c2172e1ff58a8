/**
 * End to end for docs/terraform-facts.md fact 8 / docs/decisions.md#d4-no-injection-no-secrets: user text that looks like Terraform templates or shell
 * syntax travels synth → terraform apply → handler → FME as plain text, and nothing runs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import { DefaultRule, FeatureFlag, RolloutPlan } from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

describe('user text is data, end to end', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;

  beforeAll(async () => {
    console.log(`end-to-end injection suite uses ${requireTerraform()}`);
    emulator = await startEmulator({ adminApiKeys: [E2E_ADMIN_KEY] });
    ws = new E2eWorkspace(emulator, 'injection');
  });

  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('templates in a description and shell syntax in a key reach FME verbatim', async () => {
    const canary = path.join(os.tmpdir(), `fme-injection-canary-${process.pid}`);
    fs.rmSync(canary, { force: true });
    const description = `\${file("/etc/hostname")} %{ if true }x%{ endif } $(touch ${canary})`;
    const key = `'; touch ${canary} #`;
    const stackDir = ws.synth((stack) => {
      const flag = new FeatureFlag(stack, 'Flag', { flagName: 'injection_flag', description });
      new RolloutPlan(flag, 'Production', {
        flag, environment: 'Production', defaultRule: DefaultRule.serve('off'), individualTargets: [{ treatment: 'on', keys: [key] }],
      });
    });
    await ws.deploy(stackDir);

    const admin = new FmeAdmin(emulator);
    expect((await admin.flag('injection_flag')).description).toBe(description);
    const on = (await admin.definition('injection_flag', 'Production')).treatments.find((t: any) => t.name === 'on');
    expect(on.keys).toEqual([key]);
    expect(fs.existsSync(canary)).toBe(false); // no shell ever ran the text
  });
});
