/**
 * Import writes matchers back as factory calls: every factory's Admin API JSON must turn into code
 * that, run, builds the same JSON (so an imported flag deploys as a no-op).
 */
import * as ts from 'typescript';
import { Allocation, Matcher } from '../../src';
import { allocationsCode, lit, matcherCode } from '../../src/live/import/matcher-code';

const JAN1 = Date.UTC(2024, 0, 1);

/** Runs a TypeScript expression with `Matcher` and `Allocation` in scope. */
function evaluate(code: string): unknown {
  const js = ts.transpileModule(`module.exports = ${code};`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const mod = { exports: undefined as unknown };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('module', 'Matcher', 'Allocation', js)(mod, Matcher, Allocation);
  return mod.exports;
}

describe('matchers as factory calls (src/live/import/matcher-code.ts)', () => {
  test.each<[string, Matcher]>([
    ['string in list', Matcher.stringInList('country', ['US', "C'A"])],
    ['key in list, negated', Matcher.keyInList(['k1']).negated()],
    ['starts with', Matcher.stringStartsWith('region', ['eu-'])],
    ['ends with', Matcher.stringEndsWith('domain', ['.io'])],
    ['contains', Matcher.stringContains('ua', ['Mobile']).negated()],
    ['matches', Matcher.stringMatches('email', '^qa\\-[a-z]+\\n$')],
    ['set equals', Matcher.setEquals('plans', ['a'])],
    ['set any of', Matcher.setContainsAny('plans', ['a'])],
    ['set all of', Matcher.setContainsAll('plans', ['a'])],
    ['set part of', Matcher.setPartOf('plans', ['a'])],
    ['number =', Matcher.numberEquals('age', -3)],
    ['number >=', Matcher.numberAtLeast('age', 21)],
    ['number <=', Matcher.numberAtMost('age', 65)],
    ['number between', Matcher.numberBetween('age', 18, 30)],
    ['date on', Matcher.datetimeOnEpochMillis('signup', JAN1)],
    ['date on or after', Matcher.datetimeOnOrAfterEpochMillis('signup', JAN1)],
    ['date on or before', Matcher.datetimeOnOrBeforeEpochMillis('signup', JAN1)],
    ['date between', Matcher.datetimeBetweenEpochMillis('signup', JAN1, JAN1 + 1000)],
    ['boolean', Matcher.booleanEquals('beta', false)],
    ['segment', Matcher.inSegment('beta_testers').negated()],
    ['rule-based segment', Matcher.inRuleBasedSegmentNamed('adults').negated()],
    ['dependency, one treatment', Matcher.dependsOnFlagNamed('base', ['on'])],
    ['dependency, several', Matcher.dependsOnFlagNamed('base', ['on', 'v2'])],
    ['semver =', Matcher.semverEquals('app', '1.2.3')],
    ['semver >=', Matcher.semverAtLeast('app', '1.2.3')],
    ['semver <=', Matcher.semverAtMost('app', '1.2.3')],
    ['semver between', Matcher.semverBetween('app', '1.0.0', '2.0.0')],
    ['semver in list', Matcher.semverInList('app', ['1.0.0'])],
  ])('%s', (_name, matcher) => {
    const code = matcherCode(matcher._spec);
    expect(code).toBeDefined();
    expect((evaluate(code!) as Matcher)._spec).toEqual(matcher._spec);
  });

  test('a matcher without a factory gives no code (import then writes a comment)', () => {
    expect(matcherCode({ type: 'STARTS_WITH_STRING', strings: ['k'] })).toBeUndefined();
    expect(matcherCode({ type: 'SOMETHING_NEW', attribute: 'x' })).toBeUndefined();
  });

  test('FME nulls for absent fields read as absent', () => {
    const live = { type: 'IN_LIST_STRING', attribute: null, strings: ['k'], negate: false } as never;
    expect(matcherCode(live)).toBe("Matcher.keyInList(['k'])");
  });

  test('allocations and string literals', () => {
    expect(allocationsCode([{ treatment: 'on', size: 10 }, { treatment: 'off', size: 90 }])).toBe("[Allocation.of('on', 10), Allocation.of('off', 90)]");
    expect(evaluate(lit('a\\b\'c\nd'))).toBe('a\\b\'c\nd');
  });
});
