import { Testing } from 'cdktf';
import { BACKINGS, newStack, specOf, synthErrors } from './support';
import { Allocation, DefaultAllocation, DefaultRule, FeatureFlag, RolloutPlan } from '../../src';

describe('DefaultAllocation', () => {
  test.each(BACKINGS)('snapshot without a plan (%s)', (_, backing) => {
    const { stack } = newStack({ backing });
    new DefaultAllocation(stack, 'Ramp', { flagName: 'x', environment: 'Production', allocations: [Allocation.of('on', 10), Allocation.of('off', 90)] });
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });

  test('without a plan it becomes the environment part defaultRule', () => {
    const { stack } = newStack();
    new DefaultAllocation(stack, 'Ramp', { flagName: 'x', environment: 'P', allocations: [Allocation.of('on', 10), Allocation.of('off', 90)] });
    expect(specOf(stack, 'Fme_Flag-x').environments[0].defaultRule).toEqual([{ treatment: 'on', size: 10 }, { treatment: 'off', size: 90 }]);
  });

  test('with a plan that keeps the default rule it replaces the definition default rule', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'P' });
    new DefaultAllocation(stack, 'Ramp', { flag, environment: 'P', allocations: [Allocation.of('off', 80), Allocation.of('on', 20)] });
    const [env] = specOf(stack, 'Fme_Flag-x').environments;
    expect(env.defaultRule).toBeUndefined();
    expect(env.definition.defaultRule).toEqual([{ treatment: 'off', size: 80 }, { treatment: 'on', size: 20 }]);
  });

  test.each<[string, Allocation[], RegExp]>([
    ['percentages summing to 99', [Allocation.of('on', 49), Allocation.of('off', 50)], /default allocation: default allocation: percentages sum to 99, not 100/],
    ['a fractional percentage', [Allocation.of('on', 50.5), Allocation.of('off', 49.5)], /must be a whole number from 0 to 100/],
    ['a repeated treatment', [Allocation.of('on', 50), Allocation.of('on', 50)], /treatment "on" appears twice/],
    ['no allocations', [], /the distribution is empty/],
  ])('fails for %s', (_, allocations, message) => {
    const { stack } = newStack();
    expect(() => new DefaultAllocation(stack, 'Ramp', { flagName: 'x', environment: 'P', allocations })).toThrow(message);
  });

  test('fails synthesis for a treatment the flag does not declare', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new DefaultAllocation(stack, 'Ramp', { flag, environment: 'P', allocations: [Allocation.of('beta', 100)] });
    expect(synthErrors(stack)).toMatch(/\[test\/Ramp\] default allocation: treatment "beta" is not declared for flag "x" in environment "P"/);
  });

  test('fails synthesis next to a plan that sets its own default rule, naming both', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'P', defaultRule: DefaultRule.serve('on') });
    new DefaultAllocation(stack, 'Ramp', { flag, environment: 'P', allocations: [Allocation.of('on', 100)] });
    expect(synthErrors(stack)).toMatch(/\[test\/Ramp\] conflicting constructs: test\/Plan already sets the default rule of flag "x" in environment "P"/);
  });

  test('fails synthesis for two allocations of the same flag and environment', () => {
    const { stack } = newStack();
    new DefaultAllocation(stack, 'A', { flagName: 'x', environment: 'P', allocations: [Allocation.of('on', 100)] });
    new DefaultAllocation(stack, 'B', { flagName: 'x', environment: 'P', allocations: [Allocation.of('off', 100)] });
    expect(synthErrors(stack)).toMatch(/\[test\/B\] conflicting constructs: test\/A already sets the default allocation/);
  });
});
