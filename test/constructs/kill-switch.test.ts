import { Testing } from 'cdktf';
import { BACKINGS, newStack, specOf, synthErrors } from './support';
import { DefaultRule, FeatureFlag, KillSwitch, RolloutPlan } from '../../src';

describe('KillSwitch', () => {
  test.each(BACKINGS)('snapshot (%s)', (_, backing) => {
    const { stack } = newStack({ backing });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'Production', defaultRule: DefaultRule.serve('on') });
    new KillSwitch(stack, 'Kill', { flag, environment: 'Production' });
    new KillSwitch(stack, 'Restore', { flagName: 'other', environment: 'Production', killed: false });
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });

  test('killed defaults to true; false restores; next to a plan it sits beside the definition', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'P' });
    expect(new KillSwitch(stack, 'Kill', { flag, environment: 'P' }).killed).toBe(true);
    new KillSwitch(stack, 'Restore', { flagName: 'y', environment: 'P', killed: false });
    const [x] = specOf(stack, 'Fme_Flag-x').environments;
    expect(x.killed).toBe(true);
    expect(x.definition.defaultTreatment).toBe('off');
    expect(specOf(stack, 'Fme_Flag-y').environments).toEqual([{ environment: 'P', removalPolicy: 'destroy', writeMode: 'direct', killed: false }]);
  });

  test('fails for an invalid environment', () => {
    const { stack } = newStack();
    expect(() => new KillSwitch(stack, 'Kill', { flagName: 'x', environment: ' ' })).toThrow(/^\[test\/Kill\] environment: " " is not a valid environment/);
  });

  test('fails synthesis for two kill switches of the same flag and environment, naming both', () => {
    const { stack } = newStack();
    new KillSwitch(stack, 'A', { flagName: 'x', environment: 'P' });
    new KillSwitch(stack, 'B', { flagName: 'x', environment: 'P', killed: false });
    expect(synthErrors(stack)).toMatch(/\[test\/B\] conflicting constructs: test\/A already sets the kill switch of flag "x" in environment "P"/);
  });
});
