import { Allocation, DefaultRule, RolloutPlan, IndividualTargets, FeatureFlag } from '../../src';
import { FmeValidationError } from '../../src/model/errors';
import { overlayTargets, targetedTwice } from '../../src/model/targets';
import { newStack, synthErrors } from '../constructs/support';

describe('the one targets overlay (synth and apply time)', () => {
  const treatments = [{ name: 'on', keys: ['alice', 'bob'], segments: ['beta'] }, { name: 'off', keys: ['carol'] }];

  test('set replaces both lists of a treatment; a key put into one treatment leaves the others', () => {
    expect(overlayTargets(treatments, { setTargets: { off: { keys: ['alice'] } } })).toEqual([
      { name: 'on', keys: ['bob'], segments: ['beta'] },
      { name: 'off', keys: ['alice'] },
    ]);
  });

  test('add appends and moves, remove takes out; set, then add, then remove', () => {
    expect(overlayTargets(treatments, {
      setTargets: { on: { keys: ['dave'] } },
      addTargets: { off: { keys: ['dave', 'erin'], segments: ['beta'] } },
      removeTargets: { off: { keys: ['carol'] } },
    })).toEqual([
      { name: 'on', keys: [], segments: [] },
      { name: 'off', keys: ['dave', 'erin'], segments: ['beta'] },
    ]);
  });

  test('finds keys and segments listed under two treatments', () => {
    expect(targetedTwice([
      { treatment: 'on', keys: ['a', 'b'], segments: ['s'] },
      { treatment: 'off', keys: ['b'] },
      { treatment: 'on', keys: ['a'] },
      { treatment: 'v2', segments: ['s'] },
    ])).toEqual([
      { kind: 'key', value: 'b', treatments: ['on', 'off'] },
      { kind: 'segment', value: 's', treatments: ['on', 'v2'] },
    ]);
  });
});

describe('rule "one treatment per key"', () => {
  test('a rollout plan that targets one key in two treatments fails synth with the path and the rule', () => {
    const { stack } = newStack();
    let error: unknown;
    try {
      new RolloutPlan(stack, 'Plan', {
        flagName: 'checkout',
        environment: 'Production',
        individualTargets: [{ treatment: 'on', keys: ['qa_alice'] }, { treatment: 'off', keys: ['qa_alice', 'qa_bob'] }],
        defaultRule: DefaultRule.distribute([Allocation.of('on', 50), Allocation.of('off', 50)]),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FmeValidationError);
    expect((error as Error).message).toBe('[test/Plan] one treatment per key: key "qa_alice" is targeted to treatments on and off in individual targets; '
      + 'FME serves each key one individually targeted treatment, so keep it in one of them');
  });

  test('one IndividualTargets construct listing a segment under two treatments fails', () => {
    const { stack } = newStack();
    expect(() => new IndividualTargets(stack, 'T', {
      flagName: 'checkout', environment: 'Production', targets: [{ treatment: 'on', segments: ['beta'] }, { treatment: 'off', segments: ['beta'] }],
    })).toThrow('[test/T] one treatment per key: segment "beta" is targeted to treatments on and off in targets');
  });

  test('two IndividualTargets constructs giving one key two treatments fail synth on the later one', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'F', { flagName: 'checkout' });
    new IndividualTargets(stack, 'Qa', { flag, environment: 'Production', add: [{ treatment: 'on', keys: ['k1'] }] });
    new IndividualTargets(stack, 'Support', { flag, environment: 'Production', add: [{ treatment: 'off', keys: ['k1'] }] });
    expect(synthErrors(stack)).toContain('[test/Support] one treatment per key: key "k1" is targeted to treatments on and off in the IndividualTargets of flag "checkout" in environment "Production"');
  });

  test('an IndividualTargets construct overriding a key of the plan moves it (the overlay wins)', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'F', { flagName: 'checkout' });
    new RolloutPlan(flag, 'P', { flag, environment: 'Production', individualTargets: [{ treatment: 'on', keys: ['k1', 'k2'] }] });
    new IndividualTargets(stack, 'T', { flag, environment: 'Production', add: [{ treatment: 'off', keys: ['k1'] }] });
    expect(synthErrors(stack)).toBe('');
  });
});
