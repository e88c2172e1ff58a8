/**
 * End to end for approval-gated environments (docs/decisions.md#d8-approvals): FME answers 403 to direct writes there, so a
 * stack that lists the environment in `approvalEnvironments` submits change requests instead.
 * The deploy succeeds and says so; once a second person approves, the SDK serves the plan.
 */
import axios from 'axios';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import { DefaultRule, FeatureFlag, RolloutPlan } from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

const APPROVER_KEY = 'e2e-approver-key-9c3b';

describe('approval-gated environments', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;

  beforeAll(async () => {
    console.log(`end-to-end approvals suite uses ${requireTerraform()}`);
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
    ws = new E2eWorkspace(emulator, 'approvals');
  });

  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  test('without approvalEnvironments a direct write fails with FME\'s 403, naming flag and environment', async () => {
    const stackDir = ws.synth((stack) => {
      const flag = new FeatureFlag(stack, 'Direct', { flagName: 'direct_write' });
      new RolloutPlan(flag, 'Production', { flag, environment: 'Production', defaultRule: DefaultRule.serve('on') });
    });
    const result = await ws.tryApply(stackDir);
    expect(result.code).not.toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toContain('direct_write');
    expect(output).toMatch(/HTTP 403/);
    expect(output).toMatch(/Approvals are required/);
  });

  test('with approvalEnvironments the deploy submits a change request; approved by someone else, the SDK serves the plan', async () => {
    const gated = new E2eWorkspace(emulator, 'approvals-gated');
    try {
      const stackDir = gated.synth((stack) => {
        const flag = new FeatureFlag(stack, 'Gated', { flagName: 'gated_rollout' });
        new RolloutPlan(flag, 'Production', { flag, environment: 'Production', defaultTreatment: 'off', defaultRule: DefaultRule.serve('on') });
        new RolloutPlan(flag, 'Staging', { flag, environment: 'Staging', defaultTreatment: 'off', defaultRule: DefaultRule.serve('on') });
      }, { approvalEnvironments: ['Production'] });
      const result = await gated.deploy(stackDir);
      expect(result.stdout).toMatch(/change request \S+ submitted/);

      const admin = new FmeAdmin(emulator);
      expect(await admin.definition('gated_rollout', 'Staging')).toBeDefined(); // not gated: written directly
      expect(await admin.definition('gated_rollout', 'Production')).toBeUndefined(); // waits for approval

      const open = await axios.get(`${emulator.adminBaseUrl}/changeRequests?status=REQUESTED`, { headers: { 'x-api-key': APPROVER_KEY } });
      const request = open.data.data.find((cr: any) => cr.split?.name === 'gated_rollout');
      expect(request.operationType).toBe('CREATE');
      const approved = await axios.put(`${emulator.adminBaseUrl}/changeRequests/${request.id}`, { status: 'APPROVED', comment: 'looks good' }, {
        headers: { 'x-api-key': APPROVER_KEY },
      });
      expect(approved.data.status).toBe('PUBLISHED');

      const sdk = await startSdk(emulator.sdkBaseUrl, 'sdk-Production');
      try {
        expect(sdk.client.getTreatment('anyone', 'gated_rollout')).toBe('on');
      } finally {
        await sdk.destroy();
      }
    } finally {
      gated.cleanup();
    }
  });
});
