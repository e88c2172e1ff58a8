/**
 * End to end for segments in approval-gated environments, with Terraform and the real SDK, against
 * the strict emulator (the default): segments take no tags there, a segment just activated is not
 * visible to the first key calls, and key changes in `approvalEnvironments` go through change
 * requests (docs/fme-api.md#segments, #change-requests; docs/ownership.md). Activation and deleting
 * a segment need no approval; the deploy succeeds once the requests are submitted.
 */
import axios from 'axios';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import { DefaultRule, FeatureFlag, Matcher, RolloutPlan, Segment, TargetingRule } from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

const APPROVER_KEY = 'e2e-segment-approver-key-51d0';

describe('segments in approval-gated environments (strict emulator)', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  let admin: FmeAdmin;

  beforeAll(async () => {
    console.log(`end-to-end segment approvals suite uses ${requireTerraform()}`);
    emulator = await startEmulator({
      adminApiKeys: [E2E_ADMIN_KEY, APPROVER_KEY],
      strictness: 'strict',
      seed: {
        workspaces: [{
          name: 'Default',
          environments: [{ name: 'Staging' }, { name: 'Production', production: true, approvalsRequired: true }],
          trafficTypes: ['user'],
        }],
      },
    });
    ws = new E2eWorkspace(emulator, 'segment-approvals');
    admin = new FmeAdmin(emulator);
  });

  afterAll(async () => {
    expect(ws.transcript.join('\n')).not.toContain(E2E_ADMIN_KEY);
    ws?.cleanup();
    await emulator?.stop();
  });

  const build = (productionKeys: string[]) => ws.synth((stack) => {
    new Segment(stack, 'Beta', {
      segmentName: 'beta_testers',
      description: 'Customers in the beta',
      environmentKeys: [{ environment: 'Staging', keys: ['s1', 's2'] }, { environment: 'Production', keys: productionKeys }],
    });
    const flag = new FeatureFlag(stack, 'Banner', { flagName: 'beta_banner' });
    new RolloutPlan(flag, 'Production', {
      flag,
      environment: 'Production',
      defaultTreatment: 'off',
      rules: [TargetingRule.serve('on', [Matcher.inSegment('beta_testers')])],
      defaultRule: DefaultRule.serve('off'),
    });
  }, { approvalEnvironments: ['Production'] });

  const openRequests = async () => {
    const open = await axios.get(`${emulator.adminBaseUrl}/changeRequests?status=REQUESTED`, { headers: { 'x-api-key': APPROVER_KEY } });
    return open.data.data as any[];
  };
  const approveAll = async () => {
    for (const cr of await openRequests()) {
      const r = await axios.put(`${emulator.adminBaseUrl}/changeRequests/${cr.id}`, { status: 'APPROVED', comment: 'ok' }, { headers: { 'x-api-key': APPROVER_KEY } });
      expect(r.data.status).toBe('PUBLISHED');
    }
  };
  const keysIn = async (environment: string): Promise<string[]> => {
    const envs = (await axios.get(`${emulator.adminBaseUrl}/environments/ws/${await admin.ws()}`, { headers: { 'x-api-key': E2E_ADMIN_KEY } })).data;
    const envId = envs.find((e: any) => e.name === environment).id;
    const r = await axios.get(`${emulator.adminBaseUrl}/segments/${envId}/beta_testers/keys`, { headers: { 'x-api-key': E2E_ADMIN_KEY } });
    return r.data.keys.map((k: any) => k.key).sort();
  };

  test('the first deploy creates and activates the segment directly and submits its Production keys as a change request', async () => {
    const result = await ws.deploy(build(['p1', 'p2']));
    expect(result.stdout).toContain('segment beta_testers: created');
    // Staging is direct: its upload was retried while the just-activated segment was not visible.
    expect(result.stdout).toContain('segment beta_testers / Staging: activated, 2 key(s) added');
    expect(result.stdout).toMatch(/segment beta_testers \/ Production: activated, change request \S+ submitted \(CREATE: 2 key\(s\)\); approve it in FME/);

    // The owner is recorded in the description: this FME takes no tags on segments.
    const segment = await admin.segment('beta_testers');
    expect(segment.description).toBe('Customers in the beta\n[cdktf-fme-owner:e2e]');
    expect(await keysIn('Staging')).toEqual(['s1', 's2']);
    expect(await keysIn('Production')).toEqual([]);
    expect((await openRequests()).find((cr) => cr.segment?.name === 'beta_testers')).toMatchObject({ operationType: 'CREATE', segment: { keys: ['p1', 'p2'] } });
  });

  test('approved by someone else, the keys reach the SDK in Production', async () => {
    await approveAll();
    expect(await keysIn('Production')).toEqual(['p1', 'p2']);
    const sdk = await startSdk(emulator.sdkBaseUrl, 'sdk-Production');
    try {
      expect(sdk.client.getTreatment('p1', 'beta_banner')).toBe('on');
      expect(sdk.client.getTreatment('someone_else', 'beta_banner')).toBe('off');
    } finally {
      await sdk.destroy();
    }
  });

  test('a change that adds and removes keys: the additions first, then (the step fails meanwhile) the removals', async () => {
    const stackDir = build(['p2', 'p3']);
    const first = await ws.tryApply(stackDir);
    expect(first.code).not.toBe(0);
    expect(`${first.stdout}\n${first.stderr}`).toContain('1 key(s) to remove in Production');
    expect((await openRequests()).map((cr) => [cr.operationType, cr.segment?.keys])).toEqual([['CREATE', ['p3']]]);
    await approveAll();

    // Terraform runs the failed step again: the removal is submitted now, and the deploy succeeds.
    const second = await ws.deploy(stackDir);
    expect(second.stdout).toMatch(/segment beta_testers \/ Production: change request \S+ submitted \(ARCHIVE: 1 key\(s\)\)/);
    await approveAll();
    expect(await keysIn('Production')).toEqual(['p2', 'p3']);
    expect((await ws.plan(stackDir)).changes).toBe(false);
  });

  test('destroy deletes the segment without a change request (deleting a segment needs none)', async () => {
    const result = await ws.destroy(build(['p2', 'p3']));
    expect(result.stdout).toContain('segment beta_testers / Production: left to the deletion of the segment');
    expect(result.stdout).toContain('segment beta_testers: deleted');
    expect(await admin.segment('beta_testers')).toBeUndefined();
  });
});
