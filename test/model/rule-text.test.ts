import { Allocation, Matcher, TargetingRule } from '../../src';
import { bucketsText, matcherText, ruleText } from '../../src/model/rule-text';

const jan1 = Date.UTC(2024, 0, 1);

describe('rules as text (src/model/rule-text.ts)', () => {
  test.each<[Matcher, string]>([
    [Matcher.stringInList('country', ['US', 'CA']), 'country in [US, CA]'],
    [Matcher.keyInList(['qa']).negated(), 'key not in [qa]'],
    [Matcher.stringStartsWith('region', ['eu-']), 'region starts with [eu-]'],
    [Matcher.stringEndsWith('domain', ['.io']).negated(), 'domain does not end with [.io]'],
    [Matcher.stringContains('ua', ['Mobile']), 'ua contains [Mobile]'],
    [Matcher.stringMatches('email', '@example\\.com$'), 'email matches /@example\\.com$/'],
    [Matcher.setEquals('plans', ['a', 'b']), 'plans is equal to set [a, b]'],
    [Matcher.setContainsAny('plans', ['a']).negated(), 'plans has none of [a]'],
    [Matcher.setContainsAll('plans', ['a']), 'plans has all of [a]'],
    [Matcher.setPartOf('plans', ['a']), 'plans is part of [a]'],
    [Matcher.numberEquals('age', -3), 'age = -3'],
    [Matcher.numberAtLeast('age', 21), 'age >= 21'],
    [Matcher.numberAtMost('age', 65).negated(), 'age not <= 65'],
    [Matcher.numberBetween('age', 18, 30), 'age between 18 and 30'],
    [Matcher.datetimeOnEpochMillis('signup', jan1), 'signup is on 2024-01-01'],
    [Matcher.datetimeOnOrAfterEpochMillis('signup', jan1 + 1000), 'signup is on or after 2024-01-01T00:00:01.000Z'],
    [Matcher.datetimeOnOrBeforeEpochMillis('signup', jan1), 'signup is on or before 2024-01-01'],
    [Matcher.datetimeBetweenEpochMillis('signup', jan1, jan1), 'signup is between 2024-01-01 and 2024-01-01'],
    [Matcher.booleanEquals('beta', true), 'beta is true'],
    [Matcher.inSegment('beta_testers'), 'in segment beta_testers'],
    [Matcher.inSegment('beta_testers').negated(), 'not in segment beta_testers'],
    [Matcher.dependsOnFlagNamed('checkout', ['on']), 'in flag checkout [on]'],
    [Matcher.dependsOnFlagNamed('checkout', ['on', 'v2']), 'in flag checkout [on, v2]'],
    [Matcher.semverEquals('app', '1.2.3'), 'app = version 1.2.3'],
    [Matcher.semverAtLeast('app', '2.0.0'), 'app >= version 2.0.0'],
    [Matcher.semverAtMost('app', '2.0.0'), 'app <= version 2.0.0'],
    [Matcher.semverBetween('app', '1.0.0', '2.0.0'), 'app between versions 1.0.0 and 2.0.0'],
    [Matcher.semverInList('app', ['1.0.0', '1.1.0']), 'app in versions [1.0.0, 1.1.0]'],
  ])('%#: %s', (matcher, text) => {
    expect(matcherText(matcher._spec)).toBe(text);
  });

  test('an unknown matcher type is shown with its data, not dropped', () => {
    expect(matcherText({ type: 'IN_LIST_NEW_THING', attribute: 'x', strings: ['a'] })).toBe('IN_LIST_NEW_THING {"attribute":"x","strings":["a"]}');
  });

  test('rules and buckets read like the TypeScript that declares them', () => {
    const serve = TargetingRule.serve('on', [Matcher.stringInList('country', ['US', 'CA']), Matcher.numberAtLeast('age', 18)]);
    const split = TargetingRule.distribute([Allocation.of('on', 20), Allocation.of('off', 80)], [Matcher.inSegment('beta')]);
    const spec = (r: TargetingRule) => ({ condition: { combiner: 'AND' as const, matchers: r.matchers.map((m) => m._spec) }, buckets: r._buckets });
    expect(ruleText(spec(serve))).toBe('if country in [US, CA] and age >= 18 → on');
    expect(ruleText(spec(split))).toBe('if in segment beta → on 20% / off 80%');
    expect(bucketsText([{ treatment: 'on', size: 0 }, { treatment: 'off', size: 100 }])).toBe('off');
    expect(bucketsText([])).toBe('nothing');
  });
});
