import { App, TerraformStack, Testing } from 'cdktf';
import { DefaultRule, FeatureFlag, FmeConfig, FmeTesting, IndividualTargets, Prerequisite, RolloutPlan } from '../../src';

/**
 * The testing kit evaluates prerequisites as the Split SDK does (docs/fme-api.md#prerequisites):
 * a key for which a prerequisite is not met gets the flag's default treatment, with the SDK's label.
 */
test('a key whose prerequisite is not met gets the default treatment; one whose prerequisite is met gets the rules', () => {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'flags');
  new FmeConfig(stack, 'Fme', { workspaceName: 'Default' });
  const gate = new FeatureFlag(stack, 'Gate', { flagName: 'gate' });
  new RolloutPlan(gate, 'Production', { flag: gate, environment: 'Production', defaultRule: DefaultRule.serve('off') });
  new IndividualTargets(stack, 'GateTargets', { flag: gate, environment: 'Production', targets: [{ treatment: 'on', keys: ['vip'] }] });
  const feature = new FeatureFlag(stack, 'Feature', { flagName: 'feature' });
  new RolloutPlan(feature, 'Production', {
    flag: feature, environment: 'Production', prerequisites: [Prerequisite.flag(gate, ['on'])], defaultRule: DefaultRule.serve('on'),
  });
  const fme = FmeTesting.synth(stack);
  expect(fme.evaluate('feature', 'Production', 'someone')).toMatchObject({ treatment: 'off', label: 'prerequisites not met' });
  expect(fme.evaluate('feature', 'Production', 'vip')).toMatchObject({ treatment: 'on', label: 'default rule' });
});
