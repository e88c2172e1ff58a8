import { App, TerraformStack, Testing } from 'cdktf';
import {
  Allocation, DefaultAllocation, DefaultRule, DynamicConfig, FeatureFlag, FmeConfig, FmeTesting, IndividualTargets, KillSwitch, Matcher,
  RolloutPlan, Segment, TargetingRule,
} from '../../src';
import { FmeValidationError } from '../../src/model/errors';

/** The README's example stack, plus a segment and a flag that depends on it. */
function checkoutStack(props: { apiBaseUrl?: string } = {}): TerraformStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'flags');
  new FmeConfig(stack, 'Fme', { workspaceName: 'Default', ...props });
  new Segment(stack, 'Beta', { segmentName: 'beta_testers', environmentKeys: [{ environment: 'Production', keys: ['bea'] }] });
  const checkout = new FeatureFlag(stack, 'NewCheckout', {
    flagName: 'new_checkout',
    treatments: [{ name: 'on', config: DynamicConfig.fromJson({ color: 'blue' }) }, { name: 'off' }],
  });
  new RolloutPlan(checkout, 'Production', {
    flag: checkout,
    environment: 'Production',
    defaultTreatment: 'off',
    individualTargets: [{ treatment: 'on', keys: ['qa_alice'], segments: ['beta_testers'] }],
    rules: [TargetingRule.serve('on', [Matcher.stringInList('country', ['US', 'CA'])])],
    defaultRule: DefaultRule.serve('off'),
  });
  const banner = new FeatureFlag(stack, 'Banner', { flagName: 'checkout_banner' });
  new RolloutPlan(banner, 'Production', {
    flag: banner,
    environment: 'Production',
    rules: [TargetingRule.serve('on', [Matcher.dependsOn(checkout, ['on'])])],
  });
  return stack;
}

describe('FmeTesting: evaluation by the Split SDK evaluator', () => {
  const fme = FmeTesting.synth(checkoutStack());

  test('individual targets, segments, rules, the default rule and configurations', () => {
    expect(fme.evaluate('new_checkout', 'Production', 'qa_alice')).toEqual({
      flagName: 'new_checkout', environment: 'Production', key: 'qa_alice', treatment: 'on', label: 'whitelisted', config: '{"color":"blue"}', bucketed: false,
    });
    expect(fme.evaluate('new_checkout', 'Production', 'bea').label).toBe('whitelisted segment beta_testers');
    expect(fme.treatment('new_checkout', 'Production', 'bea')).toBe('on');
    expect(fme.evaluate('new_checkout', 'Production', 'bob', { country: 'CA' })).toMatchObject({ treatment: 'on', label: 'country in list [US, CA]' });
    expect(fme.evaluate('new_checkout', 'Production', 'bob', { country: 'FR' })).toMatchObject({ treatment: 'off', label: 'default rule', bucketed: false });
    expect(fme.treatment('new_checkout', 'Production', 'bob')).toBe('off');
  });

  test('a dependency on another flag is evaluated against that flag\'s definition', () => {
    expect(fme.treatment('checkout_banner', 'Production', 'bob', { country: 'US' })).toBe('on');
    expect(fme.treatment('checkout_banner', 'Production', 'bob', { country: 'FR' })).toBe('off');
    expect(fme.treatment('checkout_banner', 'Production', 'bea')).toBe('on');
  });

  test('the composed definition per environment, as plain JSON', () => {
    expect(fme.flagNames()).toEqual(['checkout_banner', 'new_checkout']);
    expect(fme.segmentNames()).toEqual(['beta_testers']);
    expect(fme.environmentsOf('new_checkout')).toEqual(['Production']);
    expect(fme.segmentKeys('beta_testers', 'Production')).toEqual(['bea']);
    expect(fme.definition('new_checkout', 'Production')).toEqual({
      treatments: [{ name: 'on', configurations: '{"color":"blue"}', keys: ['qa_alice'], segments: ['beta_testers'] }, { name: 'off' }],
      defaultTreatment: 'off',
      trafficAllocation: 100,
      rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US', 'CA'] }] }, buckets: [{ treatment: 'on', size: 100 }] }],
      defaultRule: [{ treatment: 'off', size: 100 }],
      killed: false,
    });
  });

  test('asking about a flag or environment the stack does not define names what it has', () => {
    expect(() => fme.treatment('nope', 'Production', 'k')).toThrow('the stack synthesizes no flag "nope"; its flags: checkout_banner, new_checkout');
    expect(() => fme.treatment('new_checkout', 'Staging', 'k')).toThrow('the stack declares nothing for flag "new_checkout" in environment "Staging"; its environments: Production');
  });
});

describe('FmeTesting: parts merged like a deploy', () => {
  test('a kill switch serves the default treatment; targets and an allocation apply to the flag\'s initial definition', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new FmeConfig(stack, 'Fme');
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f' });
    new RolloutPlan(stack, 'P', { flag, environment: 'Production', defaultRule: DefaultRule.serve('on') });
    new KillSwitch(stack, 'K', { flag, environment: 'Production', killed: true });
    new IndividualTargets(stack, 'T', { flag, environment: 'Staging', targets: [{ treatment: 'on', keys: ['k1'] }] });
    new DefaultAllocation(stack, 'A', { flag, environment: 'Staging', allocations: [Allocation.of('on', 0), Allocation.of('off', 100)] });
    const fme = FmeTesting.synth(stack);
    expect(fme.evaluate('f', 'Production', 'anyone')).toMatchObject({ treatment: 'off', label: 'killed', bucketed: false });
    expect(fme.evaluate('f', 'Staging', 'k1')).toMatchObject({ treatment: 'on', label: 'whitelisted' });
    expect(fme.evaluate('f', 'Staging', 'k2')).toMatchObject({ treatment: 'off', label: 'default rule', bucketed: false });
  });

  test('parts of a definition managed elsewhere: the kit says it cannot know the definition', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new FmeConfig(stack, 'Fme');
    new KillSwitch(stack, 'K', { flagName: 'elsewhere', environment: 'Production', killed: true });
    const fme = FmeTesting.synth(stack);
    expect(() => fme.treatment('elsewhere', 'Production', 'k')).toThrow(
      'the stack does not decide the definition of flag "elsewhere" in environment "Production": it adds targets, an allocation or a kill switch '
      + 'to a definition managed elsewhere; add a RolloutPlan to test it');
    expect(() => fme.definition('elsewhere', 'Production')).toThrow('the stack does not decide the definition of flag "elsewhere"');
  });

  test('a percentage split or limit exposure is reported as bucketed', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new FmeConfig(stack, 'Fme');
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f' });
    new RolloutPlan(stack, 'P', { flag, environment: 'Production', defaultRule: DefaultRule.distribute([Allocation.of('on', 50), Allocation.of('off', 50)]) });
    new RolloutPlan(stack, 'S', { flag, environment: 'Staging', limitExposure: 50, individualTargets: [{ treatment: 'on', keys: ['vip'] }] });
    const fme = FmeTesting.synth(stack);
    const treatments = new Set(Array.from({ length: 40 }, (_, i) => fme.evaluate('f', 'Production', `user${i}`)).map((e) => {
      expect(e).toMatchObject({ label: 'default rule', bucketed: true });
      return e.treatment;
    }));
    expect(treatments).toEqual(new Set(['on', 'off']));
    expect(fme.evaluate('f', 'Staging', 'vip')).toMatchObject({ treatment: 'on', bucketed: false });
    const outside = Array.from({ length: 40 }, (_, i) => fme.evaluate('f', 'Staging', `user${i}`)).find((e) => e.label === 'not in split');
    expect(outside).toMatchObject({ treatment: 'off', bucketed: true });
  });
});

describe('FmeTesting.synth runs the library\'s checks', () => {
  test('two rollout plans for one flag and environment fail', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new FmeConfig(stack, 'Fme');
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f' });
    new RolloutPlan(stack, 'One', { flag, environment: 'Production' });
    new RolloutPlan(stack, 'Two', { flag, environment: 'Production' });
    expect(() => FmeTesting.synth(stack)).toThrow(FmeValidationError);
    expect(() => FmeTesting.synth(stack)).toThrow('[s/Two] conflicting constructs: s/One already sets the rollout plan of flag "f" in environment "Production"');
  });

  test('a stack with FME constructs and no FmeConfig fails', () => {
    const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), 'bare');
    new FeatureFlag(stack, 'Flag', { flagName: 'f' });
    expect(() => FmeTesting.synth(stack)).toThrow("[bare/Flag] fme config: no FmeConfig in this stack; add one, e.g. new FmeConfig(stack, 'Fme')");
  });
});
