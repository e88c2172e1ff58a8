/**
 * End to end (issue 14): a `LargeSegment` with keys files per environment, targeted by a flag with
 * `Matcher.inLargeSegment`, through cdktf synth and the real `terraform apply`/`destroy` against the
 * local FME emulator; the real Split client-side SDK (which evaluates large segments) shows the
 * membership. Keys go through UPLOAD change requests and pre-signed uploads, only when a file changed;
 * in an approval-gated environment they land once the request is approved (docs/fme-api.md#large-segments).
 */
import * as fs from 'fs';
import * as path from 'path';
import axios from 'axios';
import { TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { DefaultRule, FeatureFlag, FmeConfig, LargeSegment, Matcher, RolloutPlan, TargetingRule } from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { treatmentsFor } from '../support/split-client-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

const APPROVER_KEY = 'e2e-large-segment-approver-3c9e';

describe('large segments against the FME emulator, seen by the Split client-side SDK', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  let stackDir: string;

  /** Keys files live in the app's folder, as a user's would. */
  const file = (name: string, keys: string[]) => {
    const p = path.join(ws.root, name);
    fs.writeFileSync(p, `${keys.join('\n')}\n`);
    return p;
  };

  const build = (staging: string[], production: string[]) => (stack: TerraformStack, _config: FmeConfig) => {
    const vip = new LargeSegment(stack, 'Vip', {
      largeSegmentName: 'vip',
      description: 'VIP customers',
      environmentKeys: [
        { environment: 'Staging', keysFile: file('vip-staging.csv', staging) },
        { environment: 'Production', keysFile: file('vip-production.csv', production) },
      ],
    });
    const promo = new FeatureFlag(stack, 'Promo', { flagName: 'promo' });
    for (const environment of ['Staging', 'Production']) {
      new RolloutPlan(promo, environment, {
        flag: promo,
        environment,
        defaultRule: DefaultRule.serve('off'),
        rules: [TargetingRule.serve('on', [Matcher.inLargeSegment(vip.largeSegmentName)])],
      });
    }
  };

  const state = async () => (await axios.get(`${emulator.url}/__emulator/state`)).data;
  /** The large segments in the emulator, with their keys per environment: the exact set of objects. */
  const largeSegments = async () => {
    const s = await state();
    return s.largeSegments.map((l: any) => ({
      name: l.name,
      environments: Object.fromEntries(s.largeSegmentEnvironments.filter((le: any) => le.largeSegmentId === l.id)
        .map((le: any) => [s.environments.find((e: any) => e.id === le.environmentId).name, le.keys])),
    }));
  };
  const uploads = async () => (await state()).changeRequests.filter((c: any) => c.largeSegment).map((c: any) => c.status).sort();
  const sdk = (env: string, keys: string[]) => treatmentsFor(emulator.sdkBaseUrl, `sdk-${env}`, 'promo', keys);

  beforeAll(async () => {
    console.log(`end-to-end large-segments suite uses ${requireTerraform()}`);
    emulator = await startEmulator({
      adminApiKeys: [E2E_ADMIN_KEY, APPROVER_KEY],
      seed: {
        workspaces: [{
          name: 'Default',
          environments: [{ name: 'Staging' }, { name: 'Production', production: true, approvalsRequired: true }],
          trafficTypes: ['user'],
        }],
      },
    });
    ws = new E2eWorkspace(emulator, 'large-segments');
  });

  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('deploy: keys land in Staging at once; in Production once the change request is approved', async () => {
    stackDir = ws.synth(build(['alice', 'carol'], ['dave']), { approvalEnvironments: ['Production'] });
    expect(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).not.toContain('carol');
    const applied = await ws.deploy(stackDir);
    expect(applied.stdout).toMatch(/uploaded 2\/2 keys/);
    expect(await largeSegments()).toEqual([{ name: 'vip', environments: { Staging: ['alice', 'carol'], Production: [] } }]);
    expect(await uploads()).toEqual(['PUBLISHED', 'REQUESTED']);
    expect(await sdk('Staging', ['alice', 'bob', 'carol'])).toEqual({ alice: 'on', bob: 'off', carol: 'on' });
    // Production requires approvals: the flag's definition waits too, so the SDK has nothing to serve yet.
    expect(await sdk('Production', ['dave'])).toEqual({ dave: 'control' });

    const pending = (await state()).changeRequests.filter((c: any) => c.status === 'REQUESTED');
    expect(pending.map((c: any) => (c.largeSegment ? `large segment ${c.largeSegment.name}` : `flag ${c.split.name}`)).sort()).toEqual(['flag promo', 'large segment vip']);
    const headers = { 'x-api-key': APPROVER_KEY };
    for (const cr of pending) {
      expect((await axios.put(`${emulator.adminBaseUrl}/changeRequests/${cr.id}`, { status: 'APPROVED' }, { headers })).data.status).toBe('PUBLISHED');
    }
    expect(await largeSegments()).toEqual([{ name: 'vip', environments: { Staging: ['alice', 'carol'], Production: ['dave'] } }]);
    expect(await sdk('Production', ['dave', 'alice'])).toEqual({ dave: 'on', alice: 'off' });
  });

  test('an unchanged app plans no change; a changed file is uploaded again, the other is not', async () => {
    stackDir = ws.synth(build(['alice', 'carol'], ['dave']), { approvalEnvironments: ['Production'] });
    expect((await ws.plan(stackDir)).changes).toBe(false);

    stackDir = ws.synth(build(['bob', 'carol'], ['dave']), { approvalEnvironments: ['Production'] });
    const applied = await ws.deploy(stackDir);
    expect(applied.stdout).toMatch(/large segment vip \/ Production: .*keys unchanged/);
    expect(await uploads()).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
    expect(await largeSegments()).toEqual([{ name: 'vip', environments: { Staging: ['bob', 'carol'], Production: ['dave'] } }]);
    expect(await sdk('Staging', ['alice', 'bob'])).toEqual({ alice: 'off', bob: 'on' });
  });

  test('destroy deletes the flag and the large segment', async () => {
    const destroyed = await ws.destroy(stackDir);
    expect(destroyed.stdout).toContain('large segment vip: deleted');
    expect(await largeSegments()).toEqual([]);
    expect((await state()).flags).toEqual([]);
    expect(await sdk('Staging', ['bob'])).toEqual({ bob: 'control' });
    expect(ws.transcript.join('\n')).not.toContain(E2E_ADMIN_KEY);
  });
});
