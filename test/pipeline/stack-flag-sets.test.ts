import { App, TerraformStack } from 'cdktf';
import { expectSchemaValid } from './harness-schema';
import { violations } from './support/helpers';
import { FeatureFlag } from '../../src/constructs/feature-flag';
import { FlagSet } from '../../src/constructs/flag-set';
import { RolloutPlan } from '../../src/constructs/rollout-plan';
import { CustomStage, FmeFlagsetCreate, FmeFlagsetDelete, FmePipeline } from '../../src/pipeline';

/**
 * Rule `stack-owned-flag-set` (src/pipeline/rules/stack-flag-sets.ts): a step creating or deleting a
 * flag set that a `FlagSet` of the app declares. Real constructs, so this also holds the parts
 * contract the pipeline reads them through (src/pipeline/rules/declared-parts.ts).
 */
function setup() {
  const app = new App({ outdir: '/tmp/unused-cdktf-out' });
  const flags = new TerraformStack(app, 'flags');
  new FlagSet(flags, 'Backend', { flagSetName: 'backend' });
  // A set the app only references: managed elsewhere, so pipeline steps may create or delete it.
  const flag = new FeatureFlag(flags, 'Flag', { flagName: 'checkout' });
  new RolloutPlan(flags, 'Plan', { flag, environment: 'Production', flagSets: [FlagSet.fromName('mobile')] });
  const pipelines = new TerraformStack(app, 'pipelines');
  const pipeline = new FmePipeline(pipelines, 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
  const stage = new CustomStage(pipeline, 'sets');
  return { pipeline, stage };
}

describe('flag-set steps against the FlagSets of the app', () => {
  test('creating or deleting a set no FlagSet declares passes, and the YAML is schema-valid', () => {
    const { pipeline, stage } = setup();
    new FmeFlagsetCreate(stage, 'create', { flagsetName: 'mobile' });
    new FmeFlagsetDelete(stage, 'delete', { flagsetName: 'frontend' });
    new FmeFlagsetCreate(stage, 'expr', { flagsetName: '<+pipeline.variables.set>' }); // cannot know: skipped
    expect(violations(pipeline).filter(v => !v.includes('[variable-declared]'))).toEqual([]);
  });

  test('creating or deleting a set a FlagSet of another stack of the app declares is an error naming the step and the FlagSet', () => {
    const { pipeline, stage } = setup();
    new FmeFlagsetCreate(stage, 'create', { flagsetName: 'backend' });
    new FmeFlagsetDelete(stage, 'delete', { flagsetName: 'backend' });
    expect(violations(pipeline)).toEqual([
      expect.stringMatching(/^\[pipelines\/p\] \[stack-owned-flag-set\] FmeFlagsetCreate step "pipelines\/p\/sets\/create" creates flag set "backend", which this app manages \(FlagSet flags\/Backend\); the step would fail with "already exists"/),
      expect.stringMatching(/^\[pipelines\/p\] \[stack-owned-flag-set\] FmeFlagsetDelete step "pipelines\/p\/sets\/delete" deletes flag set "backend", which this app manages \(FlagSet flags\/Backend\); the next deploy would recreate it as a new set/),
    ]);
  });

  test('the YAML of a passing pipeline is schema-valid', () => {
    const { pipeline, stage } = setup();
    new FmeFlagsetCreate(stage, 'create', { flagsetName: 'mobile', flagsetDescription: 'Mobile flags' });
    new FmeFlagsetDelete(stage, 'delete', { flagsetName: 'frontend' });
    expectSchemaValid(pipeline.toYaml());
  });

  test('app.synth() fails with the rule', () => {
    // The pipeline's stack comes first, so its validation runs before the FlagSet's stack materializes.
    const app = new App({ outdir: '/tmp/unused-cdktf-out' });
    const pipeline = new FmePipeline(new TerraformStack(app, 'pipelines'), 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
    new FmeFlagsetDelete(new CustomStage(pipeline, 'sets'), 'delete', { flagsetName: 'backend' });
    new FlagSet(new TerraformStack(app, 'flags'), 'Backend', { flagSetName: 'backend' });
    expect(() => app.synth()).toThrow(/\[stack-owned-flag-set\] FmeFlagsetDelete step "pipelines\/p\/sets\/delete" deletes flag set "backend"/);
  });
});
