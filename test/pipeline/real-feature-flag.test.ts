import { expectSchemaValid } from './harness-schema';
import { newStack, violations } from './support/helpers';
import { FeatureFlag } from '../../src/constructs/feature-flag';
import { Allocation } from '../../src/model';
import { CustomStage, FmeFlagDefaultAllocation, FmePipeline } from '../../src/pipeline';

// The same checks as with the test double, against the real FeatureFlag construct.
test('steps accept the real FeatureFlag and check treatments against it', () => {
  const stack = newStack();
  const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
  const [first, second] = flag.treatmentNames;
  const pipeline = new FmePipeline(stack, 'real_flag', { name: 'Real flag', orgIdentifier: 'default', projectIdentifier: 'Default' });
  const stage = new CustomStage(pipeline, 'ramp');
  new FmeFlagDefaultAllocation(stage, 'half', { flag, environment: 'Production', allocation: [Allocation.of(first, 50), Allocation.of(second, 50)] });
  const yaml = pipeline.toYaml();
  expect(yaml).toContain('flagName: checkout');
  expectSchemaValid(yaml);

  new FmeFlagDefaultAllocation(stage, 'bad', { flag, environment: 'Production', allocation: [Allocation.of('not_a_treatment', 100)] });
  expect(violations(pipeline)).toEqual([expect.stringMatching(/\[treatment-declared\].*"not_a_treatment" is not a treatment of flag "checkout"/)]);
});
