import { parse } from 'yaml';
import { expectSchemaValid } from './harness-schema';
import { newStack, violations } from './support/helpers';
import { TestFlag } from './support/test-flag';
import { HarnessDuration, ProgressiveRollout } from '../../src/pipeline';

describe('ProgressiveRollout', () => {
  const stack = newStack();
  const flag = new TestFlag(stack, 'Flag', 'checkout_redesign');
  const rollout = new ProgressiveRollout(stack, 'checkout_rollout', {
    name: 'Checkout rollout',
    orgIdentifier: 'default',
    projectIdentifier: 'Default',
    flag,
    environment: 'Production',
    approverUserGroups: ['release_managers'],
    metricCheck: { metricIds: ['checkout_errors'], failureCondition: '<+metrics.checkout_errors> > 0.02' },
    waitBetweenSteps: HarnessDuration.hours(1),
  });
  const yaml = rollout.pipeline.toYaml();
  const doc = parse(yaml).pipeline;

  test('validates against the Harness schema', () => {
    expectSchemaValid(yaml);
  });

  test('ramps 1 → 10 → 50 → 100 with waits, metric checks and approvals before each increase', () => {
    const steps = doc.stages[0].stage.spec.execution.steps.map((s: any) => s.step.identifier);
    expect(steps).toEqual([
      'ramp_1', 'restore', 'wait_after_1', 'check_1',
      'approve_10', 'ramp_10', 'wait_after_10', 'check_10',
      'approve_50', 'ramp_50', 'wait_after_50', 'check_50',
      'approve_100', 'ramp_100',
    ]);
    const amounts = doc.stages[0].stage.spec.execution.steps.filter((s: any) => s.step.type === 'FmeFlagDefaultAllocation')
      .map((s: any) => s.step.spec.allocation.map((a: any) => `${a.treatment}=${a.amount}`).join(','));
    expect(amounts).toEqual(['on=1,off=99', 'on=10,off=90', 'on=50,off=50', 'on=100,off=0']);
  });

  test('kills the flag in a separate stage that runs only when the pipeline failed', () => {
    const kill = doc.stages[1].stage;
    expect(kill.when).toEqual({ pipelineStatus: 'Failure' });
    expect(kill.spec.execution.steps[0].step).toMatchObject({ type: 'FmeFlagKill', spec: { flagName: 'checkout_redesign', environment: 'Production' } });
  });

  // Issue 13, defect 4: a "no" to the next percentage used to fail the pipeline, so the kill stage
  // undid the earlier percentages too.
  test('a rejected or expired approval aborts the pipeline (the kill stage does not run), leaving the flag as it is', () => {
    const steps = doc.stages[0].stage.spec.execution.steps.map((s: any) => s.step);
    const approvals = steps.filter((s: any) => s.type === 'HarnessApproval');
    expect(approvals).toHaveLength(3);
    for (const approval of approvals) {
      expect(approval.failureStrategies).toEqual([{ onFailure: { errors: ['ApprovalRejection', 'Timeout'], action: { type: 'Abort' } } }]);
    }
    // Only a failure kills: the stage's own strategy marks failed FME steps and checks as failures.
    expect(doc.stages[0].stage.failureStrategies).toEqual([{ onFailure: { errors: ['AllErrors'], action: { type: 'MarkAsFailure' } } }]);
    for (const step of steps.filter((s: any) => s.type !== 'HarnessApproval')) expect(step.failureStrategies).toBeUndefined();
  });

  test('restores the flag right after the first percentage is set, so a re-run after a kill ramps again', () => {
    const steps = doc.stages[0].stage.spec.execution.steps.map((s: any) => s.step);
    expect(steps.slice(0, 2).map((s: any) => s.type)).toEqual(['FmeFlagDefaultAllocation', 'FmeFlagRestore']);
    expect(steps[1].spec).toEqual({ flagName: 'checkout_redesign', environment: 'Production' });
    const without = new ProgressiveRollout(newStack(), 'r', {
      name: 'r', orgIdentifier: 'o', projectIdentifier: 'p', flagName: 'x', environment: 'Production', restoreKilledFlag: false,
    });
    expect(without.pipeline.toYaml()).not.toContain('FmeFlagRestore');
  });

  test('checks treatments against the flag', () => {
    const s = newStack();
    const blue = new TestFlag(s, 'Flag', 'colors', ['blue', 'green']);
    const bad = new ProgressiveRollout(s, 'r', { name: 'r', orgIdentifier: 'o', projectIdentifier: 'p', flag: blue, environment: 'Production' });
    expect(violations(bad.pipeline).join('\n')).toMatch(/\[treatment-declared\] allocation\[0\]\.treatment "on" is not a treatment of flag "colors"/);
    const good = new ProgressiveRollout(newStack(), 'r', {
      name: 'r',
      orgIdentifier: 'o',
      projectIdentifier: 'p',
      flagName: 'colors',
      environment: 'Production',
      onTreatment: 'green',
      offTreatment: 'blue',
      percentages: [20, 100],
    });
    expectSchemaValid(good.pipeline.toYaml());
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
