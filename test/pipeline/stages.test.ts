import { parse } from 'yaml';
import { expectSchemaValid } from './harness-schema';
import { newStack, violations } from './support/helpers';
import { Allocation } from '../../src/model';
import {
  ApprovalStage, CustomStage, ExecutionStatus, FailureAction, FailureType, FmeFlagDefaultAllocation, FmeFlagKill, FmePipeline, HarnessApprovalStep,
  HarnessDuration, RollbackSteps, ShellScriptStep, StepGroup, WaitStep,
} from '../../src/pipeline';

/** Issue 13, defect 6 (missing parts): the Approval stage and Custom-stage rollback steps. */
function pipeline(): FmePipeline {
  return new FmePipeline(newStack(), 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
}

describe('ApprovalStage', () => {
  test('an approval stage before the ramp stage validates against the schema', () => {
    const p = pipeline();
    const approval = new ApprovalStage(p, 'sign_off', { name: 'Sign off', description: 'Release managers sign off' });
    new HarnessApprovalStep(approval, 'approve', { userGroups: ['release_managers'] });
    new ShellScriptStep(new StepGroup(approval, 'notes'), 'note', { script: 'echo approved' });
    const ramp = new CustomStage(p, 'ramp');
    new FmeFlagDefaultAllocation(ramp, 'half', { flagName: 'checkout', environment: 'Production', allocation: [Allocation.of('on', 50), Allocation.of('off', 50)] });
    const yaml = p.toYaml();
    expectSchemaValid(yaml);
    const stages = parse(yaml).pipeline.stages.map((s: any) => `${s.stage.type}:${s.stage.identifier}`);
    expect(stages).toEqual(['Approval:sign_off', 'Custom:ramp']);
    expect(parse(yaml).pipeline.stages[0].stage.failureStrategies).toBeUndefined(); // changes no FME
  });

  test('an FME step in an approval stage is an error (the schema allows FME steps only in Custom stages)', () => {
    const p = pipeline();
    const approval = new ApprovalStage(p, 'sign_off');
    new FmeFlagKill(new StepGroup(approval, 'g'), 'kill', { flagName: 'checkout', environment: 'Production' });
    expect(violations(p)).toEqual([expect.stringMatching(
      /^\[stack\/p\/sign_off\] \[approval-stage-steps\] FmeFlagKill step "stack\/p\/sign_off\/g\/kill" cannot run in an Approval stage/)]);
  });
});

describe('rollback steps of a Custom stage', () => {
  test('render under spec.execution.rollbackSteps and validate', () => {
    const p = pipeline();
    const ramp = new CustomStage(p, 'ramp', {
      failureStrategies: [{ errors: [FailureType.ALL_ERRORS], action: FailureAction.stageRollback() }],
    });
    new FmeFlagDefaultAllocation(ramp, 'half', { flagName: 'checkout', environment: 'Production', allocation: [Allocation.of('on', 50), Allocation.of('off', 50)] });
    new FmeFlagKill(new RollbackSteps(ramp, 'Rollback'), 'kill', { flagName: 'checkout', environment: 'Production' });
    const yaml = p.toYaml();
    expectSchemaValid(yaml);
    const execution = parse(yaml).pipeline.stages[0].stage.spec.execution;
    expect(execution.steps.map((s: any) => s.step.identifier)).toEqual(['half']);
    expect(execution.rollbackSteps.map((s: any) => `${s.step.type}:${s.step.identifier}`)).toEqual(['FmeFlagKill:kill']);
  });

  test('identifiers are unique across steps and rollback steps; one rollback list per stage; not empty', () => {
    const p = pipeline();
    const ramp = new CustomStage(p, 'ramp');
    new WaitStep(ramp, 'w', { duration: HarnessDuration.minutes(1) });
    new WaitStep(new RollbackSteps(ramp, 'Rollback'), 'w', { duration: HarnessDuration.minutes(1) });
    new RollbackSteps(ramp, 'Rollback2');
    expect(violations(p)).toEqual([
      expect.stringMatching(/^\[stack\/p\/ramp\] \[identifier-unique\] identifier "w" is used more than once in stage "ramp"/),
      expect.stringMatching(/^\[stack\/p\/ramp\] \[rollback-unique\] a stage has one rollbackSteps list; merge Rollback, Rollback2/),
      expect.stringMatching(/^\[stack\/p\/ramp\/Rollback2\] \[rollback-empty\]/),
    ]);
  });
});

describe('step enforce (policy sets)', () => {
  test('policySets render as enforce.policySets and validate; an empty list is an error', () => {
    const p = pipeline();
    const stage = new CustomStage(p, 'ramp', { when: { pipelineStatus: ExecutionStatus.SUCCESS } });
    new FmeFlagKill(stage, 'kill', { flagName: 'checkout', environment: 'Production', policySets: ['account.fme_change_policy'] });
    const yaml = p.toYaml();
    expectSchemaValid(yaml);
    expect(parse(yaml).pipeline.stages[0].stage.spec.execution.steps[0].step.enforce).toEqual({ policySets: ['account.fme_change_policy'] });
    new FmeFlagKill(stage, 'kill2', { flagName: 'checkout', environment: 'Production', policySets: [] });
    expect(violations(p)).toEqual([expect.stringMatching(/\[policy-sets-empty\]/)]);
  });
});
