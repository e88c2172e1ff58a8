import { newStack, resources, specOf, specs, synthErrors } from './support';
import { FeatureFlag, FmeErrors, Matcher, Prerequisite, RolloutPlan, TargetingRule } from '../../src';
import { bootstrapSpec } from '../../src/constructs/internal/bootstrap';

describe('RolloutPlan prerequisites', () => {
  test('the definition carries them sorted by flag name, treatments sorted; a plan without them carries none', () => {
    const { stack } = newStack();
    const a = new FeatureFlag(stack, 'A', { flagName: 'a', treatments: [{ name: 'on' }, { name: 'off' }, { name: 'beta' }] });
    const z = new FeatureFlag(stack, 'Z', { flagName: 'z' });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    new RolloutPlan(b, 'P', {
      flag: b,
      environment: 'P',
      prerequisites: [Prerequisite.flag(z, ['on']), Prerequisite.flag(a, ['on', 'beta']), Prerequisite.flagNamed('elsewhere', ['v2'])],
      rules: [TargetingRule.serve('on', [Matcher.keyInList(['k'])])],
    });
    new RolloutPlan(a, 'P', { flag: a, environment: 'P' });
    expect(specOf(stack, 'Fme_Flag-b').environments[0].definition.prerequisites).toEqual([
      { flagName: 'a', treatments: ['beta', 'on'] },
      { flagName: 'elsewhere', treatments: ['v2'] },
      { flagName: 'z', treatments: ['on'] },
    ]);
    expect(specOf(stack, 'Fme_Flag-a').environments[0].definition).not.toHaveProperty('prerequisites');
  });

  test('an empty list is the same as none', () => {
    const { stack } = newStack();
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    new RolloutPlan(b, 'P', { flag: b, environment: 'P', prerequisites: [] });
    expect(specOf(stack, 'Fme_Flag-b').environments[0].definition).not.toHaveProperty('prerequisites');
  });

  test.each([
    ['no treatment', () => Prerequisite.flagNamed('a', []), /\[test\/B\/P\] prerequisites: prerequisite "a" names no treatment/],
    ['no flag name', () => Prerequisite.flagNamed('', ['on']), /\[test\/B\/P\] prerequisites: a prerequisite names no flag/],
    ['an empty treatment name', () => Prerequisite.flagNamed('a', ['on', ' ']), /prerequisites: prerequisite "a": " " is not a treatment name/],
    ['a treatment twice', () => Prerequisite.flagNamed('a', ['on', 'on']), /prerequisites: prerequisite "a" lists treatment\(s\) on twice/],
    ['the flag itself', () => Prerequisite.flagNamed('b', ['on']), /\[test\/B\/P\] prerequisites: "b" cannot be its own prerequisite/],
  ])('a plan with %s fails when created, naming the path and the rule', (_what, make, message) => {
    const { stack } = newStack();
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    let error: unknown;
    try {
      new RolloutPlan(b, 'P', { flag: b, environment: 'P', prerequisites: [make()] });
    } catch (e) {
      error = e;
    }
    expect(FmeErrors.isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  test('the same flag twice fails', () => {
    const { stack } = newStack();
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    expect(() => new RolloutPlan(b, 'P', {
      flag: b, environment: 'P', prerequisites: [Prerequisite.flagNamed('a', ['on']), Prerequisite.flagNamed('a', ['off'])],
    })).toThrow(/\[test\/B\/P\] prerequisites: "a" is a prerequisite twice; put all its treatments in one Prerequisite/);
  });

  test('something that is not a Prerequisite fails (plain JavaScript callers)', () => {
    const { stack } = newStack();
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    expect(() => new RolloutPlan(b, 'P', { flag: b, environment: 'P', prerequisites: [{ flagName: 'a', treatments: ['on'] } as any] }))
      .toThrow(/prerequisites: .* is not a Prerequisite; use Prerequisite.flag or Prerequisite.flagNamed/);
  });

  test('fails synthesis for a treatment the prerequisite FeatureFlag does not declare', () => {
    const { stack } = newStack();
    const a = new FeatureFlag(stack, 'A', { flagName: 'a', treatments: [{ name: 'v1' }, { name: 'off' }] });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    new RolloutPlan(b, 'P', { flag: b, environment: 'P', prerequisites: [Prerequisite.flag(a, ['on'])] });
    expect(synthErrors(stack)).toMatch(/\[test\/B\/P\] prerequisites: "b" requires treatment "on" of "a", which declares only v1, off; use a declared treatment/);
  });

  test('checks the treatments of the prerequisite\'s plan in that environment, also when named by flag name', () => {
    const { stack } = newStack();
    const a = new FeatureFlag(stack, 'A', { flagName: 'a' });
    new RolloutPlan(a, 'P', { flag: a, environment: 'P', treatments: [{ name: 'red' }, { name: 'off' }] });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    new RolloutPlan(b, 'P', { flag: b, environment: 'P', prerequisites: [Prerequisite.flagNamed('a', ['on'])] });
    expect(synthErrors(stack)).toMatch(/\[test\/B\/P\] prerequisites: "b" requires treatment "on" of "a", which declares only red, off/);
  });

  test('fails synthesis across traffic types', () => {
    const { stack } = newStack();
    const acct = new FeatureFlag(stack, 'Acct', { flagName: 'acct', trafficType: 'account' });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    new RolloutPlan(b, 'P', { flag: b, environment: 'P', prerequisites: [Prerequisite.flag(acct, ['on'])] });
    expect(synthErrors(stack)).toMatch(/\[test\/B\/P\] prerequisites: "b" \(traffic type user\) requires "acct" \(traffic type account\)/);
  });

  test('fails synthesis for a cycle through a prerequisite and a dependency matcher, with the path of flags', () => {
    const { stack } = newStack();
    const a = new FeatureFlag(stack, 'A', { flagName: 'a' });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    // a requires b; b's rules depend on a.
    new RolloutPlan(a, 'P', { flag: a, environment: 'P', prerequisites: [Prerequisite.flag(b, ['on'])] });
    new RolloutPlan(b, 'P', { flag: b, environment: 'P', rules: [TargetingRule.serve('on', [Matcher.dependsOn(a, ['on'])])] });
    expect(synthErrors(stack)).toMatch(/\[test\/A\/P\] dependencies: dependency cycle in environment P: a -\(prerequisite\)-> b -> a; remove one of these dependencies/);
  });

  test('fails synthesis for a cycle of prerequisites alone', () => {
    const { stack } = newStack();
    const a = new FeatureFlag(stack, 'A', { flagName: 'a' });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    const c = new FeatureFlag(stack, 'C', { flagName: 'c' });
    new RolloutPlan(a, 'P', { flag: a, environment: 'P', prerequisites: [Prerequisite.flag(b, ['on'])] });
    new RolloutPlan(b, 'P', { flag: b, environment: 'P', prerequisites: [Prerequisite.flag(c, ['on'])] });
    new RolloutPlan(c, 'P', { flag: c, environment: 'P', prerequisites: [Prerequisite.flagNamed('a', ['off'])] });
    expect(synthErrors(stack)).toMatch(/dependencies: dependency cycle in environment P: a -\(prerequisite\)-> b -\(prerequisite\)-> c -\(prerequisite\)-> a/);
  });

  test('prerequisites in different environments make no cycle', () => {
    const { stack } = newStack();
    const a = new FeatureFlag(stack, 'A', { flagName: 'a' });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    new RolloutPlan(a, 'P', { flag: a, environment: 'P', prerequisites: [Prerequisite.flag(b, ['on'])] });
    new RolloutPlan(b, 'S', { flag: b, environment: 'S', prerequisites: [Prerequisite.flag(a, ['on'])] });
    expect(synthErrors(stack)).toBe('');
  });

  test('the prerequisite flag is applied first: Terraform dependency and bootstrap wave', () => {
    const { stack } = newStack();
    const a = new FeatureFlag(stack, 'A', { flagName: 'a' });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    new RolloutPlan(b, 'P', { flag: b, environment: 'P', prerequisites: [Prerequisite.flag(a, ['on'])] });
    new RolloutPlan(a, 'P', { flag: a, environment: 'P' });
    const all = resources(stack);
    const idOf = (prefix: string) => Object.keys(all).find((id) => id.startsWith(prefix))!;
    expect(all[idOf('Fme_Flag-b')].depends_on).toEqual([`terraform_data.${idOf('Fme_Bootstrap')}`, `terraform_data.${idOf('Fme_Flag-a')}`]);
    expect(all[idOf('Fme_Flag-a')].depends_on).toEqual([`terraform_data.${idOf('Fme_Bootstrap')}`]);
    const flags = Object.values(specs(stack)).filter((s: any) => s.kind === 'flag');
    const waves = bootstrapSpec(1, { flags }).waves.map((w) => w.map((o: any) => o.flagName));
    expect(waves).toEqual([['a'], ['b']]);
  });
});
