/**
 * A progressive rollout deployed with the stack (the README's "Harness pipelines" example): the stack
 * creates the flag and owns its Staging definition; the pipeline ramps it in Production. `cdktf deploy`
 * creates the flag in FME and the pipeline in Harness (`harness_platform_pipeline`, Git Experience:
 * Harness commits the YAML to `.harness/checkout_rollout.yaml`).
 *
 * Who owns what: the `RolloutPlan` owns the Staging definition, the pipeline the Production one. A
 * pipeline step in Staging would be an error (`stack-owned-change`): the next deploy would undo it.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { FeatureFlag, FmeConfig, RolloutPlan } from '../../src/constructs';
import { Allocation, DefaultRule } from '../../src/model';
import { HarnessDuration, PipelineStorage, ProgressiveRollout } from '../../src/pipeline';

/** Builds the stack under `scope`; returns the rollout (its `pipeline` holds the resource). */
export function buildRolloutStack(scope: Construct, id = 'flags', apiBaseUrl?: string): ProgressiveRollout {
  const stack = new TerraformStack(scope, id);
  new FmeConfig(stack, 'Fme', { workspaceName: 'Default', ...(apiBaseUrl ? { apiBaseUrl } : {}) });
  const checkout = new FeatureFlag(stack, 'Checkout', { flagName: 'new_checkout' });
  new RolloutPlan(checkout, 'Staging', {
    flag: checkout,
    environment: 'Staging',
    defaultRule: DefaultRule.distribute([Allocation.of('on', 100), Allocation.of('off', 0)]),
  });
  return new ProgressiveRollout(stack, 'checkout_rollout', {
    name: 'Checkout rollout',
    orgIdentifier: 'default',
    projectIdentifier: 'shop',
    flag: checkout,
    environment: 'Production',
    percentages: [5, 25, 50, 100],
    waitBetweenSteps: HarnessDuration.hours(1),
    approverUserGroups: ['account._fme_admins'],
    createDefinitionIfMissing: true, // the flag is new: Production has no definition yet
    deployWithStack: true,
    storage: PipelineStorage.remote({
      connectorRef: 'account.github',
      repoName: 'platform-flags',
      filePath: '.harness/checkout_rollout.yaml',
      branch: 'main',
      commitMessage: 'Update the checkout rollout pipeline',
    }),
  });
}
