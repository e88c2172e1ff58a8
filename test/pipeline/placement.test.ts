import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { expectSchemaValid } from './harness-schema';
import { newStack, violations } from './support/helpers';
import {
  CustomStage, FmeFlagKill, FmePipeline, HarnessDuration, ParallelSteps, ProgressiveRollout, RollbackSteps, StepGroup, WaitStep,
} from '../../src/pipeline';

/** Issue 13, defect 2: a step or stage attached where Harness cannot hold it is an error naming its path. */
function pipeline(): { stack: TerraformStack; pipeline: FmePipeline; stage: CustomStage } {
  const stack = newStack();
  const p = new FmePipeline(stack, 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
  const stage = new CustomStage(p, 'ramp');
  new WaitStep(stage, 'wait', { duration: HarnessDuration.minutes(1) });
  return { stack, pipeline: p, stage };
}

describe('placement', () => {
  test('a step created directly under the pipeline is an error naming it (it used to vanish from the YAML)', () => {
    const { pipeline: p } = pipeline();
    new FmeFlagKill(p, 'kill', { flagName: 'checkout', environment: 'Production' });
    expect(violations(p)).toEqual([
      expect.stringMatching(/^\[stack\/p\/kill\] \[placement\] this FmeFlagKill step is attached to "stack\/p", where Harness cannot hold it.*CustomStage/),
    ]);
  });

  test('a stage created inside a stage is an error naming it', () => {
    const { pipeline: p, stage } = pipeline();
    const inner = new CustomStage(stage, 'inner');
    new FmeFlagKill(inner, 'kill', { flagName: 'checkout', environment: 'Production' });
    expect(violations(p)).toEqual([
      expect.stringMatching(/^\[stack\/p\/ramp\/inner\] \[placement\] this stage is attached to "stack\/p\/ramp".*FmePipeline/),
    ]);
  });

  test('a step added to a ProgressiveRollout (not to its stage) fails app.synth() with its path', () => {
    const app = new App({ outdir: '/tmp/unused-cdktf-out' });
    const stack = new TerraformStack(app, 'flags');
    const rollout = new ProgressiveRollout(stack, 'rollout', {
      name: 'Rollout', orgIdentifier: 'default', projectIdentifier: 'Default', flagName: 'checkout', environment: 'Production',
    });
    new FmeFlagKill(rollout, 'extra_kill', { flagName: 'checkout', environment: 'Production' });
    expect(() => app.synth()).toThrow(/flags\/rollout\/extra_kill.*\[placement\]/s);
  });

  test('a step under a plain construct inside a stage is an error too', () => {
    const { pipeline: p, stage } = pipeline();
    new WaitStep(new Construct(stage, 'folder'), 'hidden', { duration: HarnessDuration.minutes(1) });
    expect(violations(p)).toEqual([expect.stringMatching(/^\[stack\/p\/ramp\/folder\/hidden\] \[placement\]/)]);
  });

  test('steps in stages, groups, parallel blocks and rollback steps render and pass', () => {
    const { pipeline: p, stage } = pipeline();
    const group = new StepGroup(stage, 'group');
    new WaitStep(new ParallelSteps(group, 'par'), 'w2', { duration: HarnessDuration.minutes(1) });
    new FmeFlagKill(new RollbackSteps(stage, 'Rollback'), 'kill', { flagName: 'checkout', environment: 'Production' });
    expect(violations(p)).toEqual([]);
    expectSchemaValid(p.toYaml());
  });

  test('rollback steps outside a Custom stage are an error', () => {
    const { pipeline: p, stage } = pipeline();
    const rb = new RollbackSteps(new StepGroup(stage, 'group'), 'Rollback');
    new FmeFlagKill(rb, 'kill', { flagName: 'checkout', environment: 'Production' });
    expect(violations(p).join('\n')).toMatch(/\[stack\/p\/ramp\/group\/Rollback\] \[placement\] rollback steps belong directly in a CustomStage/);
  });
});
