import { Matcher } from '../../src';
import { formatProblem } from '../../src/model/problem';

const problemsOf = (m: Matcher) => m._problems.map(formatProblem);

describe('matcher specs (docs/fme-api.md#matchers)', () => {
  const jan1 = Date.UTC(2024, 0, 1);
  test.each<[string, Matcher, object]>([
    ['string in list', Matcher.stringInList('country', ['US', 'CA']), { type: 'IN_LIST_STRING', attribute: 'country', strings: ['US', 'CA'] }],
    ['key in list', Matcher.keyInList(['k1']), { type: 'IN_LIST_STRING', strings: ['k1'] }],
    ['starts with', Matcher.stringStartsWith('region', ['eu-']), { type: 'STARTS_WITH_STRING', attribute: 'region', strings: ['eu-'] }],
    ['ends with', Matcher.stringEndsWith('domain', ['.io']), { type: 'ENDS_WITH_STRING', attribute: 'domain', strings: ['.io'] }],
    ['contains', Matcher.stringContains('ua', ['Mobile']), { type: 'CONTAINS_STRING', attribute: 'ua', strings: ['Mobile'] }],
    ['matches', Matcher.stringMatches('email', '@example\\.com$'), { type: 'MATCHES_STRING', attribute: 'email', string: '@example\\.com$' }],
    ['set equals', Matcher.setEquals('plans', ['a']), { type: 'EQUAL_SET', attribute: 'plans', strings: ['a'] }],
    ['set any of', Matcher.setContainsAny('plans', ['a']), { type: 'ANY_OF_SET', attribute: 'plans', strings: ['a'] }],
    ['set all of', Matcher.setContainsAll('plans', ['a']), { type: 'ALL_OF_SET', attribute: 'plans', strings: ['a'] }],
    ['set part of', Matcher.setPartOf('plans', ['a']), { type: 'PART_OF_SET', attribute: 'plans', strings: ['a'] }],
    ['number =', Matcher.numberEquals('age', -3), { type: 'EQUAL_NUMBER', attribute: 'age', number: -3 }],
    ['number >=', Matcher.numberAtLeast('age', 21), { type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 21 }],
    ['number <=', Matcher.numberAtMost('age', 65), { type: 'LESS_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 65 }],
    ['number between', Matcher.numberBetween('age', 18, 30), { type: 'BETWEEN_NUMBER', attribute: 'age', between: { from: 18, to: 30 } }],
    ['date on', Matcher.datetimeOn('signup', new Date(jan1)), { type: 'ON_DATE', attribute: 'signup', date: jan1 }],
    ['date on (ms)', Matcher.datetimeOnEpochMillis('signup', jan1), { type: 'ON_DATE', attribute: 'signup', date: jan1 }],
    ['date on or after', Matcher.datetimeOnOrAfter('signup', new Date(jan1)), { type: 'ON_OR_AFTER_DATE', attribute: 'signup', date: jan1 }],
    ['date on or after (ms)', Matcher.datetimeOnOrAfterEpochMillis('signup', jan1), { type: 'ON_OR_AFTER_DATE', attribute: 'signup', date: jan1 }],
    ['date on or before', Matcher.datetimeOnOrBefore('signup', new Date(jan1)), { type: 'ON_OR_BEFORE_DATE', attribute: 'signup', date: jan1 }],
    ['date on or before (ms)', Matcher.datetimeOnOrBeforeEpochMillis('signup', jan1), { type: 'ON_OR_BEFORE_DATE', attribute: 'signup', date: jan1 }],
    ['date between', Matcher.datetimeBetween('signup', new Date(jan1), new Date(jan1 + 1000)), { type: 'BETWEEN_DATE', attribute: 'signup', between: { from: jan1, to: jan1 + 1000 } }],
    ['date between (ms)', Matcher.datetimeBetweenEpochMillis('signup', jan1, jan1), { type: 'BETWEEN_DATE', attribute: 'signup', between: { from: jan1, to: jan1 } }],
    ['boolean', Matcher.booleanEquals('employee', true), { type: 'BOOLEAN', attribute: 'employee', bool: true }],
    ['segment', Matcher.inSegment('beta_testers'), { type: 'IN_SEGMENT', string: 'beta_testers' }],
    ['depends (one treatment)', Matcher.dependsOnFlagNamed('other', ['on']), { type: 'IN_SPLIT', depends: { splitName: 'other', treatment: 'on' } }],
    ['depends (several)', Matcher.dependsOnFlagNamed('other', ['a', 'b']), { type: 'IN_SPLIT', depends: { splitName: 'other', treatments: ['a', 'b'] } }],
    ['semver =', Matcher.semverEquals('v', '1.2.3'), { type: 'EQUAL_TO_SEMVER', attribute: 'v', string: '1.2.3' }],
    ['semver >=', Matcher.semverAtLeast('v', '2.0.0'), { type: 'GREATER_THAN_OR_EQUAL_TO_SEMVER', attribute: 'v', string: '2.0.0' }],
    ['semver <=', Matcher.semverAtMost('v', '2.0.0-rc.1'), { type: 'LESS_THAN_OR_EQUAL_TO_SEMVER', attribute: 'v', string: '2.0.0-rc.1' }],
    ['semver between', Matcher.semverBetween('v', '1.0.0', '2.0.0+build.5'), { type: 'BETWEEN_SEMVER', attribute: 'v', betweenString: { from: '1.0.0', to: '2.0.0+build.5' } }],
    ['semver in list', Matcher.semverInList('v', ['1.0.0', '1.1.0']), { type: 'IN_LIST_SEMVER', attribute: 'v', strings: ['1.0.0', '1.1.0'] }],
  ])('%s', (_, matcher, spec) => {
    expect(matcher._spec).toEqual(spec);
    expect(matcher._problems).toEqual([]);
  });

  test('dependsOn keeps the flag for the dependency rules', () => {
    const flag = { flagName: 'other', trafficType: 'account', treatmentNames: ['on', 'off'] } as never;
    const m = Matcher.dependsOn(flag, ['on']);
    expect(m._spec).toEqual({ type: 'IN_SPLIT', depends: { splitName: 'other', treatment: 'on' } });
    expect(m._dependency).toEqual({ flagName: 'other', treatments: ['on'], flag });
  });

  test('negated() sets negate and a second call restores the matcher', () => {
    const m = Matcher.stringInList('country', ['US']);
    expect(m.negated()._spec).toEqual({ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'], negate: true });
    expect(m.negated().isNegated).toBe(true);
    expect(m.negated().description).toBe('not country in list');
    expect(m.negated().negated()._spec).toEqual(m._spec);
    expect(m._spec.negate).toBeUndefined();
  });
});

describe('matcher values (each fails)', () => {
  test('invalid regular expression', () => {
    expect(problemsOf(Matcher.stringMatches('email', '(unclosed'))[0]).toMatch(/^matchers: email matches: invalid regular expression "\(unclosed"/);
  });
  test('empty regular expression', () => {
    expect(problemsOf(Matcher.stringMatches('email', ''))[0]).toMatch(/regular expression is empty/);
  });
  test.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('number %p is not an integer', (n) => {
    expect(problemsOf(Matcher.numberAtLeast('age', n))[0]).toMatch(/is not an integer; FME numeric attributes are signed integers/);
  });
  test('float bound in numberBetween', () => {
    expect(problemsOf(Matcher.numberBetween('age', 1, 2.5))).toHaveLength(1);
  });
  test('inverted number range', () => {
    expect(problemsOf(Matcher.numberBetween('age', 30, 18))[0]).toMatch(/range 30..18 is empty/);
  });
  test('invalid Date', () => {
    expect(problemsOf(Matcher.datetimeOn('signup', new Date('not a date')))[0]).toMatch(/is not a valid date/);
  });
  test('fractional epoch milliseconds', () => {
    expect(problemsOf(Matcher.datetimeOnOrAfterEpochMillis('signup', 1.5))[0]).toMatch(/is not a valid date/);
  });
  test('inverted date range', () => {
    expect(problemsOf(Matcher.datetimeBetweenEpochMillis('signup', 2, 1))[0]).toMatch(/from is after to/);
  });
  test('empty value list', () => {
    expect(problemsOf(Matcher.stringInList('country', []))[0]).toMatch(/country in list: the list of values is empty/);
  });
  test('empty string in a list', () => {
    expect(problemsOf(Matcher.setContainsAny('plans', ['']))[0]).toMatch(/values must be non-empty strings/);
  });
  test('empty attribute', () => {
    expect(problemsOf(Matcher.stringEndsWith(' ', ['x']))[0]).toMatch(/the attribute name is empty/);
  });
  test.each(['1.2', 'v1.2.3', '01.2.3', '1.2.3-', 'latest'])('invalid semver %j', (v) => {
    expect(problemsOf(Matcher.semverEquals('app_version', v))[0]).toMatch(/is not a semantic version/);
  });
  test('invalid semver in a list and in a range', () => {
    expect(problemsOf(Matcher.semverInList('v', ['1.0.0', 'x']))).toHaveLength(1);
    expect(problemsOf(Matcher.semverBetween('v', 'x', '1.0.0'))).toHaveLength(1);
  });
  test('inverted semver range (pre-release sorts before release)', () => {
    expect(problemsOf(Matcher.semverBetween('v', '2.0.0', '2.0.0-rc.1'))[0]).toMatch(/range 2.0.0..2.0.0-rc.1 is empty/);
    expect(problemsOf(Matcher.semverBetween('v', '2.0.0-rc.1', '2.0.0'))).toEqual([]);
  });
  test('empty segment name and dependency without treatments', () => {
    expect(problemsOf(Matcher.inSegment(''))[0]).toMatch(/segment name is empty/);
    expect(problemsOf(Matcher.dependsOnFlagNamed('other', []))[0]).toMatch(/list of values is empty/);
    expect(problemsOf(Matcher.dependsOnFlagNamed('', ['on']))[0]).toMatch(/flag name is empty/);
  });
  test('boolean that is not a boolean', () => {
    expect(problemsOf(Matcher.booleanEquals('employee', 'yes' as unknown as boolean))[0]).toMatch(/must be true or false/);
  });
});
