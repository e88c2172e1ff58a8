import { newStack, resources } from './support';
import { Allocation, DefaultRule, DynamicConfig, FeatureFlag, Matcher, Prerequisite, RolloutPlan, Segment, TargetingRule } from '../../src';
import { MAX_DETAIL_CHARS } from '../../src/constructs/internal/plan-details';

/** What `terraform plan` shows a reviewer of a flag resource (docs/live.md, "Reading a plan"). */
describe('plan details in the flag resource', () => {
  test('rules, individual targets and configs per environment, in the words of the TypeScript API', () => {
    const { stack } = newStack();
    new Segment(stack, 'Beta', { segmentName: 'beta_testers', environmentKeys: [{ environment: 'Production', keys: ['a'] }] });
    const flag = new FeatureFlag(stack, 'Flag', {
      flagName: 'new_checkout',
      treatments: [{ name: 'on', config: DynamicConfig.fromKeyValues({ color: 'blue' }) }, { name: 'off' }],
    });
    new RolloutPlan(stack, 'Production', {
      flag,
      environment: 'Production',
      defaultTreatment: 'off',
      individualTargets: [{ treatment: 'on', keys: ['qa_alice'], segments: ['beta_testers'] }],
      rules: [
        TargetingRule.serve('on', [Matcher.stringInList('country', ['US', 'CA'])]),
        TargetingRule.distribute([Allocation.of('on', 20), Allocation.of('off', 80)], [Matcher.numberAtLeast('age', 18)]),
      ],
      defaultRule: DefaultRule.serve('off'),
    });
    const triggers = Object.entries(resources(stack)).find(([id]) => id.startsWith('Fme_Flag-new_checkout'))![1].triggers_replace;
    expect(triggers['rules Production']).toBe('1. if country in [US, CA] → on | 2. if age >= 18 → on 20% / off 80%');
    expect(triggers['targets Production']).toBe('on ← qa_alice, segment beta_testers');
    expect(triggers['configs Production']).toBe('on {"color":"blue"}');
    expect(triggers).not.toHaveProperty(['prerequisites Production']);
  });

  test('prerequisites per environment', () => {
    const { stack } = newStack();
    const gate = new FeatureFlag(stack, 'Gate', { flagName: 'gate', treatments: [{ name: 'on' }, { name: 'beta' }, { name: 'off' }] });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'gated' });
    new RolloutPlan(stack, 'Production', {
      flag, environment: 'Production', prerequisites: [Prerequisite.flag(gate, ['on', 'beta']), Prerequisite.flagNamed('other', ['v2'])],
    });
    const triggers = Object.entries(resources(stack)).find(([id]) => id.startsWith('Fme_Flag-gated'))![1].triggers_replace;
    expect(triggers['prerequisites Production']).toBe('gate in [beta, on]; other in [v2]');
  });

  test('a long rule list is cut at a whole rule and says how many are left out', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'many_rules' });
    const countries = Array.from({ length: 40 }, (_, i) => `C${i}`);
    new RolloutPlan(stack, 'Production', {
      flag,
      environment: 'Production',
      rules: countries.map((c) => TargetingRule.serve('on', [Matcher.stringInList('country', [c])])),
    });
    const triggers = Object.entries(resources(stack)).find(([id]) => id.startsWith('Fme_Flag-many_rules'))![1].triggers_replace;
    const rules: string = triggers['rules Production'];
    expect(rules.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS);
    expect(rules.startsWith('1. if country in [C0] → on | 2. if country in [C1] → on')).toBe(true);
    expect(rules).toMatch(/ \| … \(\d+ more; cdktf-fme diff shows all\)$/);
  });
});
