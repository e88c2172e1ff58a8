/**
 * End to end for approval-gated environments (docs/decisions.md#d8-approvals): FME answers 403 to direct writes there, so a
 * stack that lists the environment in `approvalEnvironments` submits change requests instead.
 * The deploy succeeds and says so; once a second person approves, the SDK serves the plan.
 */
import axios from 'axios';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import { DefaultRule, FeatureFlag, KillSwitch, RolloutPlan } from '../../src';
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
          environments: [
            { name: 'Staging' },
            { name: 'Production', production: true, approvalsRequired: true },
            { name: 'Regulated', approvalsRequired: true, submittersChooseApprovers: true },
          ],
          trafficTypes: ['user'],
        }, {
          name: 'Audited',
          requiresTitleAndComments: true,
          environments: [{ name: 'Production' }],
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

  /** Decides every open change request of `flag` as the approver; returns how many there were. */
  async function decide(flag: string, status: 'APPROVED' | 'REJECTED'): Promise<number> {
    const open = await axios.get(`${emulator.adminBaseUrl}/changeRequests?status=REQUESTED`, { headers: { 'x-api-key': APPROVER_KEY } });
    const mine = open.data.data.filter((cr: any) => cr.split?.name === flag);
    for (const cr of mine) {
      await axios.put(`${emulator.adminBaseUrl}/changeRequests/${cr.id}`, { status, comment: 'decided in the e2e suite' }, { headers: { 'x-api-key': APPROVER_KEY } });
    }
    return mine.length;
  }

  test('failUntilApproved with approvers: each deploy fails while the request waits, a rejected request is submitted again, and the deploy after approval succeeds', async () => {
    const regulated = new E2eWorkspace(emulator, 'approvals-regulated');
    try {
      const stackDir = regulated.synth((stack) => {
        const flag = new FeatureFlag(stack, 'Regulated', { flagName: 'regulated_rollout' });
        new RolloutPlan(flag, 'Regulated', { flag, environment: 'Regulated', defaultTreatment: 'off', defaultRule: DefaultRule.serve('on') });
      }, { approvalEnvironments: ['Regulated'], failUntilApproved: true, environmentOptions: { Regulated: { approvers: ['risk@example.com'] } } });

      const first = await regulated.tryApply(stackDir);
      expect(first.code).not.toBe(0);
      expect(first.stdout).toMatch(/regulated_rollout \/ Regulated: change request \S+ submitted \(CREATE\)/);
      expect(`${first.stdout}
${first.stderr}`).toContain('Flag "regulated_rollout" waits for approval in Regulated');
      const open = await axios.get(`${emulator.adminBaseUrl}/changeRequests?status=REQUESTED`, { headers: { 'x-api-key': APPROVER_KEY } });
      expect(open.data.data.find((cr: any) => cr.split?.name === 'regulated_rollout').approvers).toEqual(['risk@example.com']);

      expect(await decide('regulated_rollout', 'REJECTED')).toBe(1);
      // The same code, deployed again: Terraform runs the step again (the failed one tainted the
      // resource), which finds no open request and submits it again.
      const second = await regulated.tryApply(stackDir);
      expect(second.code).not.toBe(0);
      expect(second.stdout).toMatch(/regulated_rollout \/ Regulated: change request \S+ submitted \(CREATE\)/);

      expect(await decide('regulated_rollout', 'APPROVED')).toBe(1);
      const third = await regulated.deploy(stackDir);
      expect(third.stdout).toContain('regulated_rollout / Regulated: unchanged');
      expect((await regulated.plan(stackDir)).changes).toBe(false);
      const sdk = await startSdk(emulator.sdkBaseUrl, 'sdk-Regulated');
      try {
        expect(sdk.client.getTreatment('anyone', 'regulated_rollout')).toBe('on');
      } finally {
        await sdk.destroy();
      }
    } finally {
      regulated.cleanup();
    }
  });

  test('a kill switch on a workspace that requires titles and comments carries the configured ones', async () => {
    const audited = new E2eWorkspace(emulator, 'approvals-audited');
    try {
      const build = (killed: boolean) => audited.synth((stack) => {
        const flag = new FeatureFlag(stack, 'Audited', { flagName: 'audited_checkout' });
        new RolloutPlan(flag, 'Production', { flag, environment: 'Production', defaultTreatment: 'off', defaultRule: DefaultRule.serve('on') });
        if (killed) new KillSwitch(flag, 'Kill', { flag, environment: 'Production' });
      }, { workspaceName: 'Audited', changeTitle: 'Checkout incident', changeComment: 'INC-7: errors at checkout' });
      await audited.deploy(build(false));
      const admin = new FmeAdmin(emulator, 'Audited');
      expect((await admin.definition('audited_checkout', 'Production')).killed).toBe(false);
      const killed = await audited.deploy(build(true));
      expect(killed.stdout).toContain('audited_checkout / Production: killed');
      expect((await admin.definition('audited_checkout', 'Production')).killed).toBe(true);
      const restored = await audited.deploy(build(false));
      expect(restored.stdout).toContain('audited_checkout / Production: restored');
      expect((await admin.definition('audited_checkout', 'Production')).killed).toBe(false);
    } finally {
      audited.cleanup();
    }
  });
});
