import { newStack, synthErrors } from './support';
import { FeatureFlag, Matcher, RolloutPlan, TargetingRule } from '../../src';

describe('dependencies between flags', () => {
  test('fails synthesis for a cycle, reporting the path', () => {
    const { stack } = newStack();
    const a = new FeatureFlag(stack, 'A', { flagName: 'a' });
    const b = new FeatureFlag(stack, 'B', { flagName: 'b' });
    new RolloutPlan(a, 'Production', { flag: a, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.dependsOn(b, ['on'])])] });
    new RolloutPlan(b, 'Production', { flag: b, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.dependsOnFlagNamed('a', ['on'])])] });
    expect(synthErrors(stack)).toMatch(/\[test\/A\/Production\] dependencies: dependency cycle in environment Production: a -> b -> a; remove one of these dependencies/);
  });

  test('fails synthesis across traffic types', () => {
    const { stack } = newStack();
    const account = new FeatureFlag(stack, 'Acct', { flagName: 'acct', trafficType: 'account' });
    const user = new FeatureFlag(stack, 'User', { flagName: 'usr' });
    new RolloutPlan(user, 'P', { flag: user, environment: 'P', rules: [TargetingRule.serve('on', [Matcher.dependsOn(account, ['on'])])] });
    expect(synthErrors(stack)).toMatch(/\[test\/User\/P\] dependencies: "usr" \(traffic type user\) depends on "acct" \(traffic type account\)/);
  });

  test('fails synthesis for a treatment the depended-on plan does not declare in that environment', () => {
    const { stack } = newStack();
    const parent = new FeatureFlag(stack, 'Parent', { flagName: 'parent' });
    new RolloutPlan(parent, 'P', { flag: parent, environment: 'P', treatments: [{ name: 'v1' }, { name: 'off' }] });
    const child = new FeatureFlag(stack, 'Child', { flagName: 'child' });
    new RolloutPlan(child, 'P', { flag: child, environment: 'P', rules: [TargetingRule.serve('on', [Matcher.dependsOn(parent, ['on'])])] });
    expect(synthErrors(stack)).toMatch(/\[test\/Child\/P\] dependencies: "child" depends on treatment "on" of "parent", which declares only v1, off/);
  });

  test('a valid dependency synthesizes', () => {
    const { stack } = newStack();
    const parent = new FeatureFlag(stack, 'Parent', { flagName: 'parent' });
    const child = new FeatureFlag(stack, 'Child', { flagName: 'child' });
    new RolloutPlan(child, 'P', { flag: child, environment: 'P', rules: [TargetingRule.serve('on', [Matcher.dependsOn(parent, ['on', 'off'])])] });
    expect(synthErrors(stack)).toBe('');
  });
});
