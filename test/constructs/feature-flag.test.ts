import { Testing } from 'cdktf';
import { BACKINGS, newStack, specOf, synthErrors } from './support';
import { DynamicConfig, FeatureFlag, FmeErrors, RemovalPolicy, RolloutStatus } from '../../src';
import { FmeValidationError } from '../../src/model/errors';

describe('FeatureFlag', () => {
  test.each(BACKINGS)('snapshot (%s)', (_, backing) => {
    const { stack } = newStack({ backing });
    new FeatureFlag(stack, 'Flag', {
      flagName: 'new_checkout',
      trafficType: 'account',
      description: 'The new checkout',
      owners: ['payments@example.com'],
      tags: ['team:payments', 'checkout'],
      rolloutStatus: RolloutStatus.RAMPING,
      treatments: [{ name: 'on', config: DynamicConfig.fromKeyValues({ color: 'green' }) }, { name: 'off' }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });

  test('metadata spec: sorted tags, rollout status by name; defaults user and on/off', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x', tags: ['b', 'a', 'b'], rolloutStatus: RolloutStatus.named('Internal testing') });
    expect(flag.trafficType).toBe('user');
    expect(flag.treatmentNames).toEqual(['on', 'off']);
    const spec = specOf(stack, 'Fme_Flag-x');
    expect(spec.metadata).toEqual({ trafficType: 'user', tags: ['a', 'b'], rolloutStatus: 'Internal testing' });
    expect(spec.environments).toEqual([]);
    expect(specOf(stack, 'Fme_Inventory').objects).toEqual([{ t: 'flag', flag: 'x', policy: 'destroy' }]);
  });

  test('owners are not written to FME (the Admin API v2 cannot set them): the spec leaves them out and synth warns', () => {
    const { stack } = newStack();
    new FeatureFlag(stack, 'Flag', { flagName: 'x', owners: ['z@x', 'a@x'] });
    expect(specOf(stack, 'Fme_Flag-x').metadata).toEqual({ trafficType: 'user' });
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/^owners \(a@x, z@x\) are not written to FME: the Admin API v2 cannot set flag owners/)]);
  });

  test('rollout statuses have FME names', () => {
    const { PRE_PRODUCTION, RAMPING, EXPERIMENTING, KILLED, PERMANENT } = RolloutStatus;
    const statuses = [PRE_PRODUCTION, RAMPING, EXPERIMENTING, KILLED, PERMANENT];
    expect(statuses.map((s) => s.name)).toEqual(['Pre-Production', 'Ramping', 'Experimenting', 'Killed', 'Permanent']);
  });

  test('errors are FmeValidationErrors naming the construct path and the rule', () => {
    const { stack } = newStack();
    let error: unknown;
    try {
      new FeatureFlag(stack, 'Flag', { flagName: 'x', treatments: [{ name: 'control' }, { name: 'off' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FmeValidationError);
    expect(FmeErrors.isValidationError(error)).toBe(true);
    expect(FmeErrors.constructPathOf(error)).toBe('test/Flag');
    expect(FmeErrors.isValidationError(new Error('x'))).toBe(false);
    expect(FmeErrors.constructPathOf(new Error('x'))).toBeUndefined();
    expect((error as FmeValidationError).message).toBe('[test/Flag] treatment names: "control" is a reserved word; rename the treatment');
    expect((error as FmeValidationError).constructPath).toBe('test/Flag');
    expect((error as FmeValidationError).problems).toEqual(['treatment names: "control" is a reserved word; rename the treatment']);
  });

  test.each<[string, object, RegExp]>([
    ['an invalid flag name', { flagName: 'new checkout' }, /^\[test\/Flag\] flag name: "new checkout" is not a valid flag name/],
    ['a flag name over 100 characters', { flagName: 'a'.repeat(101) }, /flag name: .* is 101 characters/],
    ['an invalid traffic type', { flagName: 'x', trafficType: 'my user' }, /traffic type: "my user" is not a valid traffic type name/],
    ['an invalid tag', { flagName: 'x', tags: ['a b'] }, /tags: "a b" is not a valid tag/],
    ['more than 20 tags', { flagName: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /tags: 21 tags given/],
    ['an empty owner', { flagName: 'x', owners: [''] }, /owners: owners must be non-empty strings/],
    ['one treatment', { flagName: 'x', treatments: [{ name: 'on' }] }, /treatment count: 1 treatment\(s\) declared/],
    ['an invalid treatment name', { flagName: 'x', treatments: [{ name: 'on!' }, { name: 'off' }] }, /treatment names: "on!" is not a valid treatment name/],
    ['a configuration over 1 KB', { flagName: 'x', treatments: [{ name: 'on', config: DynamicConfig.fromJson({ k: 'x'.repeat(1100) }) }, { name: 'off' }] }, /dynamic configuration: treatment "on": configuration is 1108 bytes/],
  ])('fails for %s', (_, props, message) => {
    const { stack } = newStack();
    expect(() => new FeatureFlag(stack, 'Flag', props as never)).toThrow(message);
  });

  test('fails synthesis when two FeatureFlags declare the same flag, naming both paths', () => {
    const { stack } = newStack();
    new FeatureFlag(stack, 'A', { flagName: 'dup' });
    new FeatureFlag(stack, 'B', { flagName: 'dup' });
    expect(synthErrors(stack)).toMatch(/\[test\/B\] conflicting constructs: flag "dup" is also declared by test\/A; declare each flag once/);
  });
});
