/**
 * End to end (issue 14): cdktf synth + the real `terraform apply`/`destroy` against the local FME
 * emulator, with the real Split SDK showing each lifecycle feature's effect:
 * - impression tracking per definition (`RolloutPlan.trackImpressions`): the SDK's manager view of
 *   the split says `impressionsDisabled`;
 * - archive instead of delete (`RemovalPolicy.ARCHIVE`): the SDK answers `control` once the flag
 *   leaves the code, and the flag's treatment again once it comes back (unarchived);
 * - scheduled change requests (`FmeEnvironmentOptions.schedule`): an approved request waits for its
 *   time, then the SDK serves the plan.
 * (docs/fme-api.md#impression-tracking, #archive-and-unarchive, #scheduled-change-requests)
 */
import axios from 'axios';
import { TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import { ChangeRequestSchedule, DefaultRule, FeatureFlag, FmeConfig, FmeConfigProps, RemovalPolicy, RolloutPlan } from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SdkSession, startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

const APPROVER_KEY = 'e2e-lifecycle-approver-7d1f';

interface Knobs {
  readonly withOldBanner: boolean;
  readonly withLaunch: boolean;
}

function build(knobs: Knobs) {
  return (stack: TerraformStack, _config: FmeConfig) => {
    const quiet = new FeatureFlag(stack, 'Quiet', { flagName: 'quiet' });
    new RolloutPlan(quiet, 'Staging', { flag: quiet, environment: 'Staging', defaultRule: DefaultRule.serve('on'), trackImpressions: false });
    const loud = new FeatureFlag(stack, 'Loud', { flagName: 'loud' });
    new RolloutPlan(loud, 'Staging', { flag: loud, environment: 'Staging', defaultRule: DefaultRule.serve('on') });
    if (knobs.withOldBanner) {
      const banner = new FeatureFlag(stack, 'OldBanner', { flagName: 'old_banner', removalPolicy: RemovalPolicy.ARCHIVE });
      new RolloutPlan(banner, 'Staging', { flag: banner, environment: 'Staging', defaultRule: DefaultRule.serve('on') });
    }
    if (knobs.withLaunch) {
      const launch = new FeatureFlag(stack, 'Launch', { flagName: 'launch' });
      new RolloutPlan(launch, 'Production', { flag: launch, environment: 'Production', defaultRule: DefaultRule.serve('on') });
    }
  };
}

async function withSdk<T>(emulator: RunningEmulator, environment: string, fn: (sdk: SdkSession) => T): Promise<T> {
  const sdk = await startSdk(emulator.sdkBaseUrl, `sdk-${environment}`);
  try {
    return fn(sdk);
  } finally {
    await sdk.destroy();
  }
}

describe('lifecycle features against the FME emulator, seen by the Split SDK', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  let admin: FmeAdmin;
  let stackDir: string;
  let config: FmeConfigProps;

  beforeAll(async () => {
    console.log(`end-to-end lifecycle-features suite uses ${requireTerraform()}`);
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
    ws = new E2eWorkspace(emulator, 'lifecycle-features');
    admin = new FmeAdmin(emulator);
  });

  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('trackImpressions: false reaches the SDK as impressionsDisabled; an unset prop leaves impressions on', async () => {
    config = { approvalEnvironments: ['Production'] };
    stackDir = ws.synth(build({ withOldBanner: true, withLaunch: false }), config);
    await ws.deploy(stackDir);
    expect((await admin.definition('quiet', 'Staging')).impressionsDisabled).toBe(true);
    const views = await withSdk(emulator, 'Staging', (sdk) => ({
      quiet: sdk.split('quiet'), loud: sdk.split('loud'), treatment: sdk.client.getTreatment('someone', 'quiet'),
    }));
    expect(views.quiet?.impressionsDisabled).toBe(true);
    expect(views.loud?.impressionsDisabled).toBe(false);
    expect(views.treatment).toBe('on');
  });

  test('RemovalPolicy.ARCHIVE: a flag that leaves the code is archived, and the SDK answers control', async () => {
    expect(await withSdk(emulator, 'Staging', (sdk) => sdk.client.getTreatment('someone', 'old_banner'))).toBe('on');
    stackDir = ws.synth(build({ withOldBanner: false, withLaunch: false }), config);
    await ws.deploy(stackDir);
    expect((await admin.flag('old_banner')).status).toBe('ARCHIVED');
    expect(await admin.definition('old_banner', 'Staging')).toBeDefined(); // kept with the archived flag
    const seen = await withSdk(emulator, 'Staging', (sdk) => ({ treatment: sdk.client.getTreatment('someone', 'old_banner'), view: sdk.split('old_banner') }));
    expect(seen).toEqual({ treatment: 'control', view: null });
  });

  test('adding the archived flag back to the code unarchives it: the SDK serves it again', async () => {
    stackDir = ws.synth(build({ withOldBanner: true, withLaunch: false }), config);
    await ws.deploy(stackDir);
    expect((await admin.flag('old_banner')).status).toBe('ACTIVE');
    expect(await withSdk(emulator, 'Staging', (sdk) => sdk.client.getTreatment('someone', 'old_banner'))).toBe('on');
  });

  test('a scheduled change request, approved, waits for its time; then the SDK serves the plan', async () => {
    const scheduledFor = Date.now() + 45_000; // well after the deploy and the approval below
    config = { approvalEnvironments: ['Production'], environmentOptions: { Production: { schedule: ChangeRequestSchedule.at(new Date(scheduledFor), 'Europe/Berlin') } } };
    stackDir = ws.synth(build({ withOldBanner: true, withLaunch: true }), config);
    await ws.deploy(stackDir);
    const headers = { 'x-api-key': APPROVER_KEY };
    const pending = (await axios.get(`${emulator.adminBaseUrl}/changeRequests?status=SCHEDULE_REQUESTED`, { headers })).data.data;
    const request = pending.find((c: any) => c.split?.name === 'launch');
    expect(request).toMatchObject({ operationType: 'CREATE', scheduledFor, scheduledForTimezone: 'Europe/Berlin' });
    const approved = await axios.put(`${emulator.adminBaseUrl}/changeRequests/${request.id}`, { status: 'APPROVED', comment: 'at launch time' }, { headers });
    expect(approved.data.status).toBe('SCHEDULED');
    expect(await withSdk(emulator, 'Production', (sdk) => sdk.client.getTreatment('someone', 'launch'))).toBe('control');

    // Bounded wait for the emulator's clock to pass the scheduled time (no timed assertion).
    for (let i = 0; i < 600 && Date.now() <= scheduledFor; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await withSdk(emulator, 'Production', (sdk) => sdk.client.getTreatment('someone', 'launch'))).toBe('on');
    expect((await axios.get(`${emulator.adminBaseUrl}/changeRequests/${request.id}`, { headers })).data.status).toBe('PUBLISHED');
  });

  test('destroy archives the ARCHIVE flag and deletes the others', async () => {
    await ws.destroy(stackDir);
    expect((await admin.flag('old_banner')).status).toBe('ARCHIVED');
    expect(await admin.flag('quiet')).toBeUndefined();
    expect(await withSdk(emulator, 'Staging', (sdk) => sdk.client.getTreatment('someone', 'old_banner'))).toBe('control');
  });
});
