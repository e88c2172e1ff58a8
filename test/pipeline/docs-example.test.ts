import { parse } from 'yaml';
import { expectSchemaValid } from './harness-schema';
import { newStack } from './support/helpers';
import { buildDocsExamplePipeline } from '../../examples/pipelines/docs-example';

describe('the docs example pipeline, built with the constructs', () => {
  const yaml = buildDocsExamplePipeline(newStack()).toYaml();

  test('validates against the Harness schema', () => {
    expectSchemaValid(yaml);
  });

  test('has the docs\' steps in the docs\' order', () => {
    const steps = parse(yaml).pipeline.stages[0].stage.spec.execution.steps.map((s: any) => `${s.step.type}:${s.step.identifier}`);
    expect(steps).toEqual([
      'FmeFlagCreate:initial_setup',
      'FmeFlagSetIndividualTargets:add_testers_to_on',
      'Wait:Wait_1',
      'FmeFlagDefaultAllocation:_rollout',
      'FmeFlagUpdate:FmeFlagUpdate_1',
      'HarnessApproval:Harness_Manual_Approval',
      'FmeFlagDefaultAllocation:FmeFlagDefaultAllocation_2',
    ]);
  });

  test('does not emit addDefaultRolloutPlans (not in the schema) and quotes "on"/"off"', () => {
    expect(yaml).not.toContain('addDefaultRolloutPlans');
    expect(yaml).toContain('- treatment: "on"');
    expect(yaml).toContain('- treatment: "off"');
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
