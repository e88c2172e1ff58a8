import { Testing, TerraformStack } from 'cdktf';
import {
  DefaultRule, ExcludedSegment, FeatureFlag, FmeConfig, FmeTesting, Matcher, RolloutPlan, RuleBasedSegment, RuleBasedSegmentRule, Segment,
  TargetingRule,
} from '../../src';

describe('FmeTesting: rule-based segments', () => {
  test('the SDK evaluator sees the stack\'s rule-based segments: rules, excluded keys and excluded segments', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new FmeConfig(stack, 'Fme');
    const blocked = new Segment(stack, 'Blocked', { segmentName: 'blocked', environmentKeys: [{ environment: 'Production', keys: ['bob'] }] });
    const adults = new RuleBasedSegment(stack, 'Adults', {
      segmentName: 'adults',
      environments: [{
        environment: 'Production',
        rules: [RuleBasedSegmentRule.matching([Matcher.numberAtLeast('age', 18)])],
        excludedKeys: ['amy'],
        excludedSegments: [ExcludedSegment.standard(blocked)],
      }],
    });
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f' });
    new RolloutPlan(stack, 'P', { flag, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.inRuleBasedSegment(adults)])], defaultRule: DefaultRule.serve('off') });
    const fme = FmeTesting.synth(stack);
    expect(fme.evaluate('f', 'Production', 'ann', { age: 30 })).toMatchObject({ treatment: 'on', label: 'in rule-based segment adults' });
    expect(fme.evaluate('f', 'Production', 'kid', { age: 10 })).toMatchObject({ treatment: 'off', label: 'default rule' });
    expect(fme.evaluate('f', 'Production', 'amy', { age: 30 })).toMatchObject({ treatment: 'off', label: 'default rule' });
    expect(fme.evaluate('f', 'Production', 'bob', { age: 30 })).toMatchObject({ treatment: 'off', label: 'default rule' });
  });
});
