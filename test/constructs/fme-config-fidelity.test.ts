import { Testing, TerraformStack } from 'cdktf';
import { specOf } from './support';
import { AuthScheme, FeatureFlag, FmeConfig, FmeEndpoint, RolloutPlan } from '../../src';

/** A stack without an FmeConfig yet. */
function bareStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

/** FmeConfig settings that follow how real FME is reached (docs/fme-api.md#authentication, #workspaces, #change-requests). */
describe('FmeConfig: endpoint, workspace by Harness project, change details', () => {
  test('endpoint presets choose the base URL and the header', () => {
    expect([FmeEndpoint.splitApi(), FmeEndpoint.harness(), FmeEndpoint.harness('https://eu.harness.io/fme/'), FmeEndpoint.splitLegacy()]
      .map((e) => [e.apiBaseUrl, e.authScheme])).toEqual([
      ['https://api.split.io/internal/api/v2', AuthScheme.API_KEY_HEADER],
      ['https://app.harness.io/fme/internal/api/v2', AuthScheme.API_KEY_HEADER],
      ['https://eu.harness.io/fme/internal/api/v2', AuthScheme.API_KEY_HEADER],
      ['https://api.split.io/internal/api/v2', AuthScheme.BEARER],
    ]);
  });

  test('the spec target carries the endpoint, the Harness project, and bearer only when chosen', () => {
    const stack = bareStack();
    new FmeConfig(stack, 'Fme', { endpoint: FmeEndpoint.splitLegacy(), organizationIdentifier: 'retail', projectIdentifier: 'shop' });
    new FeatureFlag(stack, 'F', { flagName: 'f' });
    expect(specOf(stack, 'Fme_Flag-f').target).toEqual({
      apiBaseUrl: 'https://api.split.io/internal/api/v2',
      apiKeyEnvVar: 'FME_API_KEY',
      authScheme: 'bearer',
      harnessProject: { organizationIdentifier: 'retail', projectIdentifier: 'shop' },
      maxRetrySeconds: 300,
    });
  });

  test('change details: title and comment everywhere, approvers and failUntilApproved only where writes are change requests', () => {
    const stack = bareStack();
    new FmeConfig(stack, 'Fme', {
      approvalEnvironments: ['Production'],
      approvers: ['lead@example.com'],
      changeTitle: 'Checkout release',
      failUntilApproved: true,
      environmentOptions: { Production: { approvers: ['sre@example.com', 'cto@example.com'], changeComment: 'CAB-42' } },
    });
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f' });
    new RolloutPlan(stack, 'P', { flag, environment: 'Production' });
    new RolloutPlan(stack, 'S', { flag, environment: 'Staging' });
    const parts = specOf(stack, 'Fme_Flag-f').environments;
    expect(parts.map((p: { environment: string; changeDetails?: unknown }) => [p.environment, p.changeDetails])).toEqual([
      ['Production', { title: 'Checkout release', comment: 'CAB-42', approvers: ['cto@example.com', 'sre@example.com'], failUntilApproved: true }],
      ['Staging', { title: 'Checkout release' }],
    ]);
  });

  test.each([
    ['endpoint and apiBaseUrl', { endpoint: FmeEndpoint.harness(), apiBaseUrl: 'https://x.example/internal/api/v2' }, /api base url: set endpoint or apiBaseUrl, not both/],
    ['only half a Harness project', { organizationIdentifier: 'retail' }, /workspace: set organizationIdentifier and projectIdentifier together/],
    ['a project and a name', { organizationIdentifier: 'retail', projectIdentifier: 'shop', workspaceName: 'Shop' }, /workspace: name the workspace one way/],
    ['an identifier that is not one', { organizationIdentifier: 'my org', projectIdentifier: 'shop' }, /organizationIdentifier "my org" is not a Harness identifier/],
    ['an empty approver', { approvers: [' '] }, /change requests: approvers must be non-empty strings/],
    ['an empty title in one environment', { environmentOptions: { Production: { changeTitle: '' } } }, /change requests: environmentOptions\["Production"\]: changeTitle must not be empty/],
  ])('%s is a synth error naming the rule', (_, props, message) => {
    const stack = bareStack();
    expect(() => new FmeConfig(stack, 'Fme', props)).toThrow(message);
  });
});
