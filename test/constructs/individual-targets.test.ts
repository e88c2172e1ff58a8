import { Testing } from 'cdktf';
import { BACKINGS, newStack, specOf, synthErrors } from './support';
import { FeatureFlag, IndividualTargets, RolloutPlan } from '../../src';

describe('IndividualTargets', () => {
  test.each(BACKINGS)('snapshot, set and incremental modes without a plan (%s)', (_, backing) => {
    const { stack } = newStack({ backing });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new IndividualTargets(stack, 'Set', { flag, environment: 'Production', targets: [{ treatment: 'on', keys: ['b', 'a'], segments: ['qa'] }] });
    new IndividualTargets(stack, 'Add', { flag, environment: 'Staging', add: [{ treatment: 'on', keys: ['carol'] }], remove: [{ treatment: 'off', keys: ['dave'] }] });
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });

  test('without a plan the parts go in setTargets / addTargets / removeTargets, merged across constructs', () => {
    const { stack } = newStack();
    new IndividualTargets(stack, 'Set', { flagName: 'x', environment: 'P', targets: [{ treatment: 'on', keys: ['b', 'a'] }] });
    new IndividualTargets(stack, 'Add1', { flagName: 'x', environment: 'P', add: [{ treatment: 'on', keys: ['c'] }] });
    new IndividualTargets(stack, 'Add2', { flagName: 'x', environment: 'P', add: [{ treatment: 'on', keys: ['d'], segments: ['s'] }], remove: [{ treatment: 'off', keys: ['e'] }] });
    const [env] = specOf(stack, 'Fme_Flag-x').environments;
    expect(env).toEqual({
      environment: 'P',
      removalPolicy: 'destroy',
      writeMode: 'direct',
      setTargets: { on: { keys: ['a', 'b'] } },
      addTargets: { on: { keys: ['c', 'd'], segments: ['s'] } },
      removeTargets: { off: { keys: ['e'] } },
    });
    // Nothing is owned: targets alone never delete anything.
    expect(specOf(stack, 'Fme_Inventory').objects).toEqual([]);
  });

  test('with a plan the targets are merged into its definition', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'P', individualTargets: [{ treatment: 'on', keys: ['plan_key', 'gone'] }, { treatment: 'off', keys: ['o'] }] });
    new IndividualTargets(stack, 'Set', { flag, environment: 'P', targets: [{ treatment: 'off', keys: ['replaced'] }] });
    new IndividualTargets(stack, 'Inc', { flag, environment: 'P', add: [{ treatment: 'on', keys: ['added'] }], remove: [{ treatment: 'on', keys: ['gone'] }] });
    const [env] = specOf(stack, 'Fme_Flag-x').environments;
    expect(env.setTargets).toBeUndefined();
    expect(env.definition.treatments).toEqual([{ name: 'on', keys: ['added', 'plan_key'] }, { name: 'off', keys: ['replaced'] }]);
  });

  test('set mode: an entry without keys and segments clears the treatment targets', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'P', individualTargets: [{ treatment: 'on', keys: ['old'] }] });
    new IndividualTargets(stack, 'Clear', { flag, environment: 'P', targets: [{ treatment: 'on' }] });
    new IndividualTargets(stack, 'ClearElsewhere', { flagName: 'y', environment: 'P', targets: [{ treatment: 'on' }] });
    expect(specOf(stack, 'Fme_Flag-x').environments[0].definition.treatments).toEqual([{ name: 'on' }, { name: 'off' }]);
    expect(specOf(stack, 'Fme_Flag-y').environments[0].setTargets).toEqual({ on: {} });
  });

  test('fails when both modes are set', () => {
    const { stack } = newStack();
    expect(() => new IndividualTargets(stack, 'T', { flagName: 'x', environment: 'P', targets: [{ treatment: 'on', keys: ['a'] }], add: [{ treatment: 'on', keys: ['b'] }] }))
      .toThrow(/^\[test\/T\] individual targets: targets \(set mode\) and add\/remove \(incremental mode\) are both set; use one mode per construct$/);
  });

  test('fails without any target', () => {
    const { stack } = newStack();
    expect(() => new IndividualTargets(stack, 'T', { flagName: 'x', environment: 'P' })).toThrow(/individual targets: no targets given/);
  });

  test('fails for a target without keys or segments and for an invalid segment name', () => {
    const { stack } = newStack();
    expect(() => new IndividualTargets(stack, 'T', { flagName: 'x', environment: 'P', add: [{ treatment: 'on' }] })).toThrow(/no keys and no segments/);
    expect(() => new IndividualTargets(stack, 'U', { flagName: 'x', environment: 'P', add: [{ treatment: 'on', segments: ['a b'] }] })).toThrow(/"a b" is not a valid segment name/);
  });

  test('fails synthesis for a treatment the plan does not declare', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'P', treatments: [{ name: 'a' }, { name: 'off' }] });
    new IndividualTargets(stack, 'T', { flag, environment: 'P', add: [{ treatment: 'on', keys: ['k'] }] });
    expect(synthErrors(stack)).toMatch(/\[test\/T\] individual targets: treatment "on" is not declared for flag "x" in environment "P"; use one of a, off/);
  });

  test('fails synthesis for a treatment the declared flag does not have (no plan)', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new IndividualTargets(stack, 'T', { flag, environment: 'P', targets: [{ treatment: 'beta', keys: ['k'] }] });
    expect(synthErrors(stack)).toMatch(/\[test\/T\] individual targets: treatment "beta" is not declared/);
  });

  test('fails synthesis when a key is both added and removed', () => {
    const { stack } = newStack();
    new IndividualTargets(stack, 'A', { flagName: 'x', environment: 'P', add: [{ treatment: 'on', keys: ['k'] }] });
    new IndividualTargets(stack, 'R', { flagName: 'x', environment: 'P', remove: [{ treatment: 'on', keys: ['k'] }] });
    expect(synthErrors(stack)).toMatch(/\[test\/R\] individual targets: key\(s\) k are both added to and removed from treatment "on"/);
  });

  test('fails synthesis when two set-mode constructs claim the same flag and environment, naming both', () => {
    const { stack } = newStack();
    new IndividualTargets(stack, 'One', { flagName: 'x', environment: 'P', targets: [{ treatment: 'on', keys: ['a'] }] });
    new IndividualTargets(stack, 'Two', { flagName: 'x', environment: 'P', targets: [{ treatment: 'off', keys: ['b'] }] });
    expect(synthErrors(stack)).toMatch(/\[test\/Two\] conflicting constructs: test\/One already sets the individual targets \(set mode\) of flag "x" in environment "P"/);
  });

  test('several incremental constructs do not conflict', () => {
    const { stack } = newStack();
    new IndividualTargets(stack, 'One', { flagName: 'x', environment: 'P', add: [{ treatment: 'on', keys: ['a'] }] });
    new IndividualTargets(stack, 'Two', { flagName: 'x', environment: 'P', add: [{ treatment: 'on', keys: ['b'] }] });
    expect(synthErrors(stack)).toBe('');
  });
});
