import { AnnotationMetadataEntryType, App, TerraformStack } from 'cdktf';
import { expectSchemaValid } from './harness-schema';
import { newStack, violations } from './support/helpers';
import { DefaultAllocation } from '../../src/constructs/default-allocation';
import { FeatureFlag } from '../../src/constructs/feature-flag';
import { FlagSet } from '../../src/constructs/flag-set';
import { KillSwitch } from '../../src/constructs/kill-switch';
import { RolloutPlan } from '../../src/constructs/rollout-plan';
import { Allocation } from '../../src/model';
import {
  CustomStage, FmeFlagAddRemoveFlagsets, FmeFlagCreate, FmeFlagDefaultAllocation, FmeFlagKill, FmeFlagPatchDefinition, FmeFlagUpdate, FmePipeline,
  ProgressiveRollout,
} from '../../src/pipeline';

/**
 * Issue 13, defect 5: a pipeline step that changes what the same stack declares (the next deploy would
 * undo it) or creates a flag the stack creates (fails at run time). Real constructs, so this test also
 * holds the contract the pipeline reads them through (src/pipeline/rules/stack-ownership.ts).
 */
function setup(allowStackManagedChanges?: boolean) {
  const stack = newStack();
  const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
  new RolloutPlan(stack, 'StagingPlan', { flag, environment: 'Staging' });
  const pipeline = new FmePipeline(stack, 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default', allowStackManagedChanges });
  const stage = new CustomStage(pipeline, 'ramp');
  return { stack, flag, pipeline, stage };
}

const half = [Allocation.of('on', 50), Allocation.of('off', 50)];

describe('pipeline steps against what the stack manages', () => {
  test('a step in an environment the stack does not manage passes', () => {
    const { flag, pipeline, stage } = setup();
    new FmeFlagDefaultAllocation(stage, 'prod', { flag, environment: 'Production', allocation: half });
    expect(violations(pipeline)).toEqual([]);
    expectSchemaValid(pipeline.toYaml());
  });

  test('changing the default rule where the stack has a RolloutPlan is an error naming both', () => {
    const { flag, pipeline, stage } = setup();
    new FmeFlagDefaultAllocation(stage, 'staging', { flag, environment: 'Staging', allocation: half });
    expect(violations(pipeline)).toEqual([expect.stringMatching(
      /^\[stack\/p\] \[stack-owned-change\] FmeFlagDefaultAllocation step "stack\/p\/ramp\/staging" changes default-rule of flag "checkout" in "Staging", which this stack manages \(RolloutPlan stack\/StagingPlan\); the next deploy would undo it/)]);
  });

  test('by flag name too, and for patches, kill switches and default allocations', () => {
    const { stack, pipeline, stage } = setup();
    new KillSwitch(stack, 'Kill', { flagName: 'checkout', environment: 'Production' });
    new DefaultAllocation(stack, 'Alloc', { flagName: 'checkout', environment: 'Canary', allocations: half });
    new FmeFlagKill(stage, 'kill', { flagName: 'checkout', environment: 'Production' });
    new FmeFlagPatchDefinition(stage, 'patch', { flagName: 'checkout', environment: 'Canary', operations: [{ op: 'replace', path: '/trafficAllocation', valueJson: '50' }] });
    new FmeFlagKill(stage, 'expr', { flagName: '<+pipeline.variables.flag>', environment: 'Staging' }); // cannot know: skipped
    const found = violations(pipeline).filter(v => !v.includes('[variable-declared]'));
    expect(found).toEqual([
      expect.stringMatching(/\[stack-owned-change\] FmeFlagKill step "stack\/p\/ramp\/kill" changes killed of flag "checkout" in "Production".*KillSwitch stack\/Kill/),
      expect.stringMatching(/\[stack-owned-change\] FmeFlagPatchDefinition step "stack\/p\/ramp\/patch" changes the definition of flag "checkout" in "Canary".*DefaultAllocation stack\/Alloc/),
    ]);
  });

  test('metadata of a flag the stack creates, and creating it again', () => {
    const { flag, pipeline, stage } = setup();
    new FmeFlagUpdate(stage, 'status', { flag, rolloutStatus: 'Ramping' });
    new FmeFlagCreate(stage, 'create', { flag });
    expect(violations(pipeline)).toEqual([
      expect.stringMatching(/\[stack-owned-change\] FmeFlagUpdate step "stack\/p\/ramp\/status" changes metadata of flag "checkout", which this stack manages \(FeatureFlag stack\/Flag\)/),
      expect.stringMatching(/\[stack-created-flag\] FmeFlagCreate step "stack\/p\/ramp\/create" creates flag "checkout", which this stack already creates \(FeatureFlag stack\/Flag\)/),
    ]);
  });

  test('allowStackManagedChanges turns drift into a synth warning; creating the flag again stays an error', () => {
    const { flag, pipeline, stage } = setup(true);
    new FmeFlagDefaultAllocation(stage, 'staging', { flag, environment: 'Staging', allocation: half });
    expect(violations(pipeline)).toEqual([]);
    const warnings = pipeline.node.metadata.filter(m => m.type === AnnotationMetadataEntryType.WARN).map(m => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/^\[stack-owned-change\] FmeFlagDefaultAllocation step "stack\/p\/ramp\/staging"/)]);
    pipeline.toYaml(); // validating again does not repeat the warning
    expect(pipeline.node.metadata.filter(m => m.type === AnnotationMetadataEntryType.WARN)).toHaveLength(1);
    new FmeFlagCreate(stage, 'create', { flag });
    expect(violations(pipeline)).toEqual([expect.stringMatching(/\[stack-created-flag\]/)]);
  });

  test('a ProgressiveRollout on an environment a RolloutPlan of the stack manages fails app.synth()', () => {
    const app = new App({ outdir: '/tmp/unused-cdktf-out' });
    const stack = new TerraformStack(app, 'flags');
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
    new RolloutPlan(stack, 'ProdPlan', { flag, environment: 'Production' });
    const rollout = new ProgressiveRollout(stack, 'rollout', {
      name: 'Rollout', orgIdentifier: 'default', projectIdentifier: 'Default', flag, environment: 'Production',
    });
    expect(violations(rollout.pipeline).join('\n')).toMatch(/\[stack-owned-change\] FmeFlagDefaultAllocation step "flags\/rollout\/Pipeline\/rollout\/ramp_1"/);
  });

  describe('flag-set membership (docs/fme-api.md#flag-sets: a plan without flagSets leaves the sets alone)', () => {
    function withPlan(flagSets?: FlagSet[]) {
      const stack = newStack();
      const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
      new RolloutPlan(stack, 'ProdPlan', { flag, environment: 'Production', ...(flagSets !== undefined ? { flagSets } : {}) });
      const pipeline = new FmePipeline(stack, 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
      const stage = new CustomStage(pipeline, 'ramp');
      new FmeFlagAddRemoveFlagsets(stage, 'sets', { flag, environment: 'Production', addFlagsets: ['backend'] });
      return { stack, pipeline };
    }

    test('adding the flag to a set where a RolloutPlan declares no flagSets passes', () => {
      const { pipeline } = withPlan();
      expect(violations(pipeline)).toEqual([]);
      expectSchemaValid(pipeline.toYaml());
    });

    test('it conflicts when the plan declares flagSets', () => {
      const stack = newStack();
      const backend = new FlagSet(stack, 'Backend', { flagSetName: 'backend' });
      const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
      new RolloutPlan(stack, 'ProdPlan', { flag, environment: 'Production', flagSets: [backend] });
      const pipeline = new FmePipeline(stack, 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
      new FmeFlagAddRemoveFlagsets(new CustomStage(pipeline, 'ramp'), 'sets', { flag, environment: 'Production', removeFlagsets: ['backend'] });
      expect(violations(pipeline)).toEqual([expect.stringMatching(
        /^\[stack\/p\] \[stack-owned-change\] FmeFlagAddRemoveFlagsets step "stack\/p\/ramp\/sets" changes flag-sets of flag "checkout" in "Production", which this stack manages \(RolloutPlan stack\/ProdPlan\)/)]);
    });

    test('an empty flagSets list declares the sets too (it takes the definition out of every set)', () => {
      const { pipeline } = withPlan([]);
      expect(violations(pipeline)).toEqual([expect.stringMatching(/\[stack-owned-change\] FmeFlagAddRemoveFlagsets step "stack\/p\/ramp\/sets" changes flag-sets/)]);
    });

    test('a plan without flagSets still owns the rest of the definition', () => {
      const { pipeline } = withPlan();
      new FmeFlagPatchDefinition(pipeline.node.findChild('ramp') as CustomStage, 'patch', {
        flagName: 'checkout', environment: 'Production', operations: [{ op: 'replace', path: '/trafficAllocation', valueJson: '50' }],
      });
      expect(violations(pipeline)).toEqual([expect.stringMatching(/\[stack-owned-change\] FmeFlagPatchDefinition step "stack\/p\/ramp\/patch" changes the definition/)]);
    });
  });
});
