import { Testing } from 'cdktf';
import { BACKINGS, newStack, specOf, synthErrors } from './support';
import {
  Allocation, DefaultRule, DynamicConfig, FeatureFlag, Matcher, RemovalPolicy, RolloutPlan, TargetingRule,
} from '../../src';
import { FmeValidationError } from '../../src/model/errors';

describe('RolloutPlan', () => {
  test.each(BACKINGS)('snapshot (%s)', (_, backing) => {
    const { stack } = newStack({ backing });
    const flag = new FeatureFlag(stack, 'Flag', {
      flagName: 'new_checkout',
      treatments: [{ name: 'on', config: DynamicConfig.fromJson({ color: 'blue' }) }, { name: 'off' }],
    });
    new RolloutPlan(stack, 'Production', {
      flag,
      environment: 'Production',
      defaultTreatment: 'off',
      baselineTreatment: 'off',
      limitExposure: 90,
      individualTargets: [{ treatment: 'on', keys: ['qa_alice'], segments: ['beta_testers'] }],
      rules: [
        TargetingRule.serve('on', [Matcher.stringInList('country', ['US']), Matcher.numberBetween('age', 18, 30).negated()]),
        TargetingRule.distribute([Allocation.of('on', 20), Allocation.of('off', 80)], [Matcher.inSegment('employees')]),
      ],
      defaultRule: DefaultRule.distribute([Allocation.of('on', 50), Allocation.of('off', 50)]),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });

  test('the definition follows the Admin API and inherits the flag treatments', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x', treatments: [{ name: 'a', description: 'A' }, { name: 'off' }] });
    const plan = new RolloutPlan(stack, 'Plan', { flag, environment: 'Production' });
    expect(plan.treatmentNames).toEqual(['a', 'off']);
    expect(specOf(stack, 'Fme_Flag-x').environments).toEqual([{
      environment: 'Production',
      removalPolicy: 'destroy',
      writeMode: 'direct',
      definition: {
        treatments: [{ name: 'a', description: 'A' }, { name: 'off' }],
        defaultTreatment: 'off',
        trafficAllocation: 100,
        rules: [],
        defaultRule: [{ treatment: 'off', size: 100 }],
      },
    }]);
    expect(specOf(stack, 'Fme_Inventory').objects).toEqual([
      { t: 'definition', flag: 'x', env: 'Production', policy: 'destroy' },
      { t: 'flag', flag: 'x', policy: 'destroy' },
    ]);
  });

  test('a plan for a flag managed elsewhere: no metadata, no flag in the inventory, on/off by default', () => {
    const { stack } = newStack();
    new RolloutPlan(stack, 'Plan', { flagName: 'elsewhere', trafficType: 'account', environment: 'Staging' });
    const spec = specOf(stack, 'Fme_Flag-elsewhere');
    expect(spec.metadata).toBeUndefined();
    expect(spec.environments[0].definition.treatments).toEqual([{ name: 'on' }, { name: 'off' }]);
    expect(specOf(stack, 'Fme_Inventory').objects).toEqual([{ t: 'definition', flag: 'elsewhere', env: 'Staging', policy: 'destroy' }]);
  });

  test('one resource per flag, environments sorted', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'P', { flag, environment: 'Production' });
    new RolloutPlan(stack, 'S', { flag, environment: 'Staging' });
    new RolloutPlan(stack, 'D', { flag, environment: 'Dev' });
    expect(specOf(stack, 'Fme_Flag-x').environments.map((e: any) => e.environment)).toEqual(['Dev', 'Production', 'Staging']);
  });

  test('every error names the path and the rule, all at once', () => {
    const { stack } = newStack();
    const build = (id: string) => new RolloutPlan(stack, id, {
      flagName: 'x', environment: 'Production', limitExposure: 150, rules: [TargetingRule.serve('maybe', [Matcher.stringMatches('e', '[')])],
    });
    expect(() => build('First')).toThrow(FmeValidationError);
    let lines: string[] = [];
    try {
      build('Plan');
    } catch (e) {
      lines = (e as Error).message.split('\n');
    }
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.startsWith('[test/Plan] '))).toBe(true);
    expect(lines[0]).toMatch(/limit exposure: 150/);
    expect(lines[1]).toMatch(/targeting rules: rule 1: matchers: e matches: invalid regular expression/);
    expect(lines[2]).toMatch(/targeting rules: rule 1: treatment "maybe" is not declared/);
  });

  test.each<[string, object, RegExp]>([
    ['neither flag nor flagName', { environment: 'Production' }, /flag: neither flag nor flagName is set/],
    ['an invalid flagName', { flagName: '9x', environment: 'Production' }, /flag name: "9x" is not a valid flag name/],
    ['an empty environment', { flagName: 'x', environment: '' }, /environment: "" is not a valid environment name/],
    ['an invalid trafficType', { flagName: 'x', trafficType: 'a b', environment: 'Production' }, /traffic type: "a b"/],
    ['no off treatment and no default treatment', { flagName: 'x', environment: 'P', treatments: [{ name: 'a' }, { name: 'b' }] }, /default treatment: no default treatment and no "off" treatment/],
    ['a reserved treatment name', { flagName: 'x', environment: 'P', treatments: [{ name: 'true' }, { name: 'off' }] }, /^\[test\/Plan\] treatment names: "true" is a reserved word; rename the treatment$/],
    ['21 treatments', { flagName: 'x', environment: 'P', treatments: Array.from({ length: 21 }, (_, i) => ({ name: `t${i}` })), defaultTreatment: 't0' }, /treatment count: 21 treatments/],
    ['an undeclared default treatment', { flagName: 'x', environment: 'P', defaultTreatment: 'maybe' }, /default treatment: "maybe" is not declared/],
    ['an undeclared baseline treatment', { flagName: 'x', environment: 'P', baselineTreatment: 'maybe' }, /baseline treatment: "maybe" is not declared/],
    ['a fractional limit exposure', { flagName: 'x', environment: 'P', limitExposure: 12.5 }, /limit exposure: 12.5/],
    ['an individual target of an undeclared treatment', { flagName: 'x', environment: 'P', individualTargets: [{ treatment: 'beta', keys: ['k'] }] }, /individual targets: treatment "beta" is not declared/],
    ['a default rule summing to 90', { flagName: 'x', environment: 'P', defaultRule: DefaultRule.distribute([Allocation.of('on', 45), Allocation.of('off', 45)]) }, /default rule: .*percentages sum to 90, not 100/],
    ['a rule with a float number', { flagName: 'x', environment: 'P', rules: [TargetingRule.serve('on', [Matcher.numberEquals('age', 2.5)])] }, /2.5 is not an integer/],
    ['a rule with an invalid semver', { flagName: 'x', environment: 'P', rules: [TargetingRule.serve('on', [Matcher.semverAtLeast('v', '2.0')])] }, /"2.0" is not a semantic version/],
    ['a configuration over 1 KB', { flagName: 'x', environment: 'P', treatments: [{ name: 'on', config: DynamicConfig.fromJson({ k: 'x'.repeat(2000) }) }, { name: 'off' }] }, /dynamic configuration: treatment "on"/],
  ])('fails for %s', (_, props, message) => {
    const { stack } = newStack();
    expect(() => new RolloutPlan(stack, 'Plan', props as never)).toThrow(message);
  });

  test('fails when flag and flagName disagree', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    expect(() => new RolloutPlan(stack, 'Plan', { flag, flagName: 'y', environment: 'P' })).toThrow(/flag: both flag \(x\) and flagName \(y\) are set; give one/);
  });

  test('fails when trafficType disagrees with the given flag', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    expect(() => new RolloutPlan(stack, 'Plan', { flag, trafficType: 'account', environment: 'P' })).toThrow(/traffic type: trafficType account differs from the flag's \(user\)/);
  });

  test('a flagName plan without trafficType takes the declared flag traffic type', () => {
    const { stack } = newStack();
    const acct = new FeatureFlag(stack, 'Acct', { flagName: 'acct', trafficType: 'account' });
    new RolloutPlan(stack, 'Plan', { flagName: 'acct', environment: 'P' });
    const child = new FeatureFlag(stack, 'Child', { flagName: 'child', trafficType: 'account' });
    new RolloutPlan(stack, 'ChildPlan', { flag: child, environment: 'P', rules: [TargetingRule.serve('on', [Matcher.dependsOn(acct, ['on'])])] });
    expect(synthErrors(stack)).toBe('');
  });

  test('fails synthesis when a flagName plan uses another traffic type than the declared flag', () => {
    const { stack } = newStack();
    new FeatureFlag(stack, 'Flag', { flagName: 'x', trafficType: 'account' });
    new RolloutPlan(stack, 'Plan', { flagName: 'x', trafficType: 'user', environment: 'P' });
    expect(synthErrors(stack)).toMatch(/\[test\/Plan\] traffic type: flag "x" has traffic type account \(test\/Flag\), not user/);
  });

  test('fails synthesis when two plans claim the same flag and environment, naming both', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'One', { flag, environment: 'Production' });
    new RolloutPlan(stack, 'Two', { flagName: 'x', environment: 'Production' });
    expect(synthErrors(stack)).toMatch(/\[test\/Two\] conflicting constructs: test\/One already sets the rollout plan of flag "x" in environment "Production"; keep one of the two constructs/);
  });
});
