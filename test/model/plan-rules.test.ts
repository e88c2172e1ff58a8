import { Allocation, DefaultRule, Matcher, TargetingRule } from '../../src';
import { PlanModel } from '../../src/model/plan';
import { formatProblem } from '../../src/model/problem';
import { environmentProblems, flagNameProblems, segmentNameProblems, tagProblems, trafficTypeProblems } from '../../src/model/rules/names';
import { planProblems } from '../../src/model/rules/plan';

const base: PlanModel = {
  treatments: [{ name: 'on' }, { name: 'off' }],
  defaultTreatment: 'off',
  limitExposure: 100,
  individualTargets: [],
  rules: [],
  defaultRule: DefaultRule.serve('off'),
};
const problems = (overrides: Partial<PlanModel>) => planProblems({ ...base, ...overrides }).map(formatProblem);

describe('rollout plan rules', () => {
  test('a minimal plan passes', () => {
    expect(problems({})).toEqual([]);
  });

  test('limit exposure: whole percentages 0..100 pass', () => {
    expect(problems({ limitExposure: 0 })).toEqual([]);
    expect(problems({ limitExposure: 10 })).toEqual([]);
  });
  test.each([-1, 101, 50.5])('limit exposure: fails for %p', (limitExposure) => {
    expect(problems({ limitExposure })).toEqual([`limit exposure: ${limitExposure} is not a whole percentage from 0 to 100; use e.g. 10 for 10 percent`]);
  });

  test('default treatment: fails when not declared', () => {
    expect(problems({ defaultTreatment: 'maybe' })).toEqual(['default treatment: "maybe" is not declared; use one of on, off']);
  });
  test('default treatment: fails when missing', () => {
    expect(problems({ defaultTreatment: undefined })[0]).toMatch(/^default treatment: no default treatment/);
  });
  test('baseline treatment: fails when not declared', () => {
    expect(problems({ baselineTreatment: 'maybe' })).toEqual(['baseline treatment: "maybe" is not declared; use one of on, off']);
  });
  test('baseline treatment: a declared one passes', () => {
    expect(problems({ baselineTreatment: 'off' })).toEqual([]);
  });

  test('individual targets: fails for an undeclared treatment', () => {
    expect(problems({ individualTargets: [{ treatment: 'beta', keys: ['k'] }] })[0]).toMatch(/^individual targets: treatment "beta" is not declared/);
  });
  test('individual targets: fails without keys and segments', () => {
    expect(problems({ individualTargets: [{ treatment: 'on' }] })[0]).toMatch(/no keys and no segments/);
  });
  test('individual targets: fails for an empty key and an invalid segment name', () => {
    expect(problems({ individualTargets: [{ treatment: 'on', keys: [''], segments: ['bad name'] }] })).toHaveLength(2);
  });

  test('targeting rules: fails without matchers', () => {
    expect(problems({ rules: [TargetingRule.serve('on', [])] })).toEqual([
      'targeting rules: rule 1 has no matchers; add at least one (use the default rule to serve everyone)',
    ]);
  });
  test('targeting rules: fails for an undeclared served treatment', () => {
    expect(problems({ rules: [TargetingRule.serve('beta', [Matcher.inSegment('s')])] })[0])
      .toMatch(/^targeting rules: rule 1: treatment "beta" is not declared/);
  });
  test('targeting rules: fails when percentages do not sum to 100', () => {
    const rule = TargetingRule.distribute([Allocation.of('on', 60), Allocation.of('off', 30)], [Matcher.inSegment('s')]);
    expect(problems({ rules: [rule] })).toEqual(['targeting rules: rule 1: percentages sum to 90, not 100; adjust them to total exactly 100']);
  });
  test('targeting rules: fails for fractional and repeated allocations', () => {
    const rule = TargetingRule.distribute([Allocation.of('on', 50.5), Allocation.of('on', 49.5)], [Matcher.inSegment('s')]);
    const ps = problems({ rules: [rule] });
    expect(ps.some((p) => /must be a whole number/.test(p))).toBe(true);
    expect(ps.some((p) => /appears twice/.test(p))).toBe(true);
  });
  test('targeting rules: matcher problems carry the rule number', () => {
    const rules = [TargetingRule.serve('on', [Matcher.inSegment('s')]), TargetingRule.serve('on', [Matcher.numberAtLeast('age', 1.5)])];
    expect(problems({ rules })[0]).toMatch(/^targeting rules: rule 2: matchers: age >=: 1.5 is not an integer/);
  });
  test('targeting rules: a distribution summing to 100 passes', () => {
    const rule = TargetingRule.distribute([Allocation.of('on', 20), Allocation.of('off', 80)], [Matcher.booleanEquals('b', true)]);
    expect(problems({ rules: [rule] })).toEqual([]);
  });

  test('default rule: fails when percentages do not sum to 100', () => {
    expect(problems({ defaultRule: DefaultRule.distribute([Allocation.of('on', 50), Allocation.of('off', 51)]) }))
      .toEqual(['default rule: percentages sum to 101, not 100; adjust them to total exactly 100']);
  });
  test('default rule: fails when empty', () => {
    expect(problems({ defaultRule: DefaultRule.distribute([]) })[0]).toMatch(/the distribution is empty/);
  });
  test('default rule: fails for an undeclared treatment', () => {
    expect(problems({ defaultRule: DefaultRule.serve('maybe') })[0]).toMatch(/^default rule: treatment "maybe" is not declared/);
  });
});

describe('name rules', () => {
  test('flag names', () => {
    expect(flagNameProblems('new_checkout-2')).toEqual([]);
    expect(flagNameProblems('2fast')[0].message).toMatch(/not a valid flag name/);
    expect(flagNameProblems('a'.repeat(101))[0].message).toMatch(/is 101 characters; FME allows at most 100/);
    expect(flagNameProblems('a'.repeat(100))).toEqual([]);
  });
  test('segment names and traffic types', () => {
    expect(segmentNameProblems('beta_testers')).toEqual([]);
    expect(segmentNameProblems('beta testers')[0].rule).toBe('segment name');
    expect(trafficTypeProblems('user')).toEqual([]);
    expect(trafficTypeProblems('1user')[0].rule).toBe('traffic type');
  });
  test('tags: pattern and at most 20', () => {
    expect(tagProblems(['team:payments', 'a-b_c'])).toEqual([]);
    expect(tagProblems(['has space'])[0].message).toMatch(/not a valid tag/);
    expect(tagProblems(Array.from({ length: 21 }, (_, i) => `t${i}`))[0].message).toMatch(/21 tags given; FME allows at most 20/);
  });
  test('environments', () => {
    expect(environmentProblems('Production')).toEqual([]);
    expect(environmentProblems('')[0].rule).toBe('environment');
    expect(environmentProblems(' Production')[0].rule).toBe('environment');
  });
});
