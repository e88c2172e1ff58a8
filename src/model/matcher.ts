import { MatcherDependency } from './dependency';
import { IFlagRef } from './flag-ref';
import { problem, Problem } from './problem';
import { IRuleBasedSegmentRef } from './rule-based-segment-ref';
import { compareSemver, isSemver } from './semver';
import { MatcherSpec } from '../spec/resource-spec';

const RULE = 'matchers';


/**
 * One condition of a targeting rule. The matchers of a rule are AND-ed; `negated()` inverts one.
 *
 * Static factories cover every FME matcher family: string, set, number, datetime, boolean,
 * segment, dependency on another flag, and semantic version. Values are checked at synth time
 * (e.g. integers only for numbers, valid regular expressions, valid semver strings).
 */
export class Matcher {
  // ---- string attributes -------------------------------------------------------------------

  /**
   * The string attribute is one of `values` ("is in list").
   *
   * @param attribute the attribute name passed to `getTreatment`
   * @param values the accepted values
   */
  public static stringInList(attribute: string, values: string[]): Matcher {
    return Matcher.strings('IN_LIST_STRING', attribute, values, `${attribute} in list`);
  }

  /**
   * The traffic key itself is one of `keys` (an "is in list" matcher on the key, without attribute).
   *
   * @param keys the accepted traffic keys
   */
  public static keyInList(keys: string[]): Matcher {
    return Matcher.strings('IN_LIST_STRING', undefined, keys, 'key in list');
  }

  /**
   * The string attribute starts with one of `prefixes`.
   */
  public static stringStartsWith(attribute: string, prefixes: string[]): Matcher {
    return Matcher.strings('STARTS_WITH_STRING', attribute, prefixes, `${attribute} starts with`);
  }

  /**
   * The string attribute ends with one of `suffixes`.
   */
  public static stringEndsWith(attribute: string, suffixes: string[]): Matcher {
    return Matcher.strings('ENDS_WITH_STRING', attribute, suffixes, `${attribute} ends with`);
  }

  /**
   * The string attribute contains one of `substrings`.
   */
  public static stringContains(attribute: string, substrings: string[]): Matcher {
    return Matcher.strings('CONTAINS_STRING', attribute, substrings, `${attribute} contains`);
  }

  /**
   * The string attribute matches the regular expression `pattern`.
   *
   * @param pattern a regular expression (checked at synth time)
   */
  public static stringMatches(attribute: string, pattern: string): Matcher {
    const what = `${attribute} matches`;
    const problems = Matcher.attributeProblems(attribute, what);
    if (typeof pattern !== 'string' || pattern.length === 0) {
      problems.push(problem(RULE, `${what}: the regular expression is empty; give a pattern`));
    } else {
      try {
        new RegExp(pattern);
      } catch (e) {
        problems.push(problem(RULE, `${what}: invalid regular expression ${JSON.stringify(pattern)} (${(e as Error).message}); fix the pattern`, [pattern]));
      }
    }
    return new Matcher({ type: 'MATCHES_STRING', attribute, string: pattern }, problems, what);
  }

  // ---- set attributes ----------------------------------------------------------------------

  /** The set attribute equals exactly `values`. */
  public static setEquals(attribute: string, values: string[]): Matcher {
    return Matcher.strings('EQUAL_SET', attribute, values, `${attribute} is equal to set`);
  }

  /** The set attribute has any of `values`. */
  public static setContainsAny(attribute: string, values: string[]): Matcher {
    return Matcher.strings('ANY_OF_SET', attribute, values, `${attribute} has any of`);
  }

  /** The set attribute has all of `values`. */
  public static setContainsAll(attribute: string, values: string[]): Matcher {
    return Matcher.strings('ALL_OF_SET', attribute, values, `${attribute} has all of`);
  }

  /** The set attribute is part of (a subset of) `values`. */
  public static setPartOf(attribute: string, values: string[]): Matcher {
    return Matcher.strings('PART_OF_SET', attribute, values, `${attribute} is part of`);
  }

  // ---- numbers (signed integers) -----------------------------------------------------------

  /** The numeric attribute equals `value` (an integer). */
  public static numberEquals(attribute: string, value: number): Matcher {
    return Matcher.number('EQUAL_NUMBER', attribute, value, `${attribute} =`);
  }

  /** The numeric attribute is ≥ `value` (an integer). */
  public static numberAtLeast(attribute: string, value: number): Matcher {
    return Matcher.number('GREATER_THAN_OR_EQUAL_NUMBER', attribute, value, `${attribute} >=`);
  }

  /** The numeric attribute is ≤ `value` (an integer). */
  public static numberAtMost(attribute: string, value: number): Matcher {
    return Matcher.number('LESS_THAN_OR_EQUAL_NUMBER', attribute, value, `${attribute} <=`);
  }

  /** The numeric attribute is between `from` and `to`, inclusive (integers). */
  public static numberBetween(attribute: string, from: number, to: number): Matcher {
    const what = `${attribute} between`;
    const problems = [
      ...Matcher.attributeProblems(attribute, what),
      ...Matcher.integerProblems(from, what),
      ...Matcher.integerProblems(to, what),
    ];
    if (problems.length === 0 && from > to) {
      problems.push(problem(RULE, `${what}: the range ${from}..${to} is empty; put the smaller bound first`));
    }
    return new Matcher({ type: 'BETWEEN_NUMBER', attribute, between: { from, to } }, problems, what);
  }

  // ---- datetimes ---------------------------------------------------------------------------

  /** The datetime attribute is on the same day as `date` (FME drops the time). */
  public static datetimeOn(attribute: string, date: Date): Matcher {
    return Matcher.date('ON_DATE', attribute, Matcher.millisOf(date), `${attribute} is on`);
  }

  /** Like `datetimeOn`, with the date as milliseconds since the epoch. */
  public static datetimeOnEpochMillis(attribute: string, epochMillis: number): Matcher {
    return Matcher.date('ON_DATE', attribute, epochMillis, `${attribute} is on`);
  }

  /** The datetime attribute is on or after `date`. */
  public static datetimeOnOrAfter(attribute: string, date: Date): Matcher {
    return Matcher.date('ON_OR_AFTER_DATE', attribute, Matcher.millisOf(date), `${attribute} is on or after`);
  }

  /** Like `datetimeOnOrAfter`, with the date as milliseconds since the epoch. */
  public static datetimeOnOrAfterEpochMillis(attribute: string, epochMillis: number): Matcher {
    return Matcher.date('ON_OR_AFTER_DATE', attribute, epochMillis, `${attribute} is on or after`);
  }

  /** The datetime attribute is on or before `date`. */
  public static datetimeOnOrBefore(attribute: string, date: Date): Matcher {
    return Matcher.date('ON_OR_BEFORE_DATE', attribute, Matcher.millisOf(date), `${attribute} is on or before`);
  }

  /** Like `datetimeOnOrBefore`, with the date as milliseconds since the epoch. */
  public static datetimeOnOrBeforeEpochMillis(attribute: string, epochMillis: number): Matcher {
    return Matcher.date('ON_OR_BEFORE_DATE', attribute, epochMillis, `${attribute} is on or before`);
  }

  /** The datetime attribute is between `from` and `to`, inclusive. */
  public static datetimeBetween(attribute: string, from: Date, to: Date): Matcher {
    return Matcher.datetimeBetweenEpochMillis(attribute, Matcher.millisOf(from), Matcher.millisOf(to));
  }

  /** Like `datetimeBetween`, with the dates as milliseconds since the epoch. */
  public static datetimeBetweenEpochMillis(attribute: string, fromEpochMillis: number, toEpochMillis: number): Matcher {
    const what = `${attribute} is between dates`;
    const problems = [
      ...Matcher.attributeProblems(attribute, what),
      ...Matcher.integerProblems(fromEpochMillis, what, 'date'),
      ...Matcher.integerProblems(toEpochMillis, what, 'date'),
    ];
    if (problems.length === 0 && fromEpochMillis > toEpochMillis) {
      problems.push(problem(RULE, `${what}: the range is empty (from is after to); put the earlier date first`));
    }
    return new Matcher({ type: 'BETWEEN_DATE', attribute, between: { from: fromEpochMillis, to: toEpochMillis } }, problems, what);
  }

  // ---- boolean, segment, dependency --------------------------------------------------------

  /** The boolean attribute equals `value`. */
  public static booleanEquals(attribute: string, value: boolean): Matcher {
    const what = `${attribute} is ${value}`;
    const problems = Matcher.attributeProblems(attribute, what);
    if (typeof value !== 'boolean') {
      problems.push(problem(RULE, `${what}: the value must be true or false`));
    }
    return new Matcher({ type: 'BOOLEAN', attribute, bool: value }, problems, what);
  }

  /**
   * The traffic key is in the segment (the segment must exist in the environment).
   *
   * @param segmentName the segment name
   */
  public static inSegment(segmentName: string): Matcher {
    const what = `in segment ${segmentName}`;
    const problems: Problem[] = [];
    if (typeof segmentName !== 'string' || segmentName.length === 0) {
      problems.push(problem(RULE, 'in segment: the segment name is empty; name the segment'));
    }
    return new Matcher({ type: 'IN_SEGMENT', string: segmentName }, problems, what);
  }

  /**
   * The traffic key is in the rule-based segment (its rules match the key and attributes, and the
   * key is not excluded). The segment must share the flag's traffic type and be configured in the
   * environment; both are checked at synth when the segment is declared in this app.
   *
   * @param segment the rule-based segment
   */
  public static inRuleBasedSegment(segment: IRuleBasedSegmentRef): Matcher {
    return Matcher.ruleBased(segment?.segmentName, segment);
  }

  /**
   * The traffic key is in the rule-based segment named `segmentName`, managed elsewhere.
   *
   * @param segmentName the rule-based segment's name
   */
  public static inRuleBasedSegmentNamed(segmentName: string): Matcher {
    return Matcher.ruleBased(segmentName, undefined);
  }

  /**
   * The traffic key is in the large segment (docs/fme-api.md#large-segments). Client-side SDKs
   * evaluate it; server-side SDKs answer `control` for it. The large segment must exist in the
   * environment: declare it with a `LargeSegment` construct and pass its `largeSegmentName`.
   *
   * @param largeSegmentName the large segment's name
   */
  public static inLargeSegment(largeSegmentName: string): Matcher {
    const what = `in large segment ${largeSegmentName}`;
    const problems: Problem[] = [];
    if (typeof largeSegmentName !== 'string' || largeSegmentName.length === 0) {
      problems.push(problem(RULE, 'in large segment: the large segment name is empty; name the large segment'));
    }
    return new Matcher({ type: 'IN_LARGE_SEGMENT', string: largeSegmentName }, problems, what);
  }

  /**
   * The key gets one of `treatments` from another flag declared in this app ("is in feature flag").
   *
   * Dependencies must not form cycles and must stay within one traffic type; both are checked at synth.
   *
   * @param flag the flag depended on
   * @param treatments the treatments of that flag that satisfy this matcher
   */
  public static dependsOn(flag: IFlagRef, treatments: string[]): Matcher {
    return Matcher.dependency(flag.flagName, treatments, flag);
  }

  /**
   * The key gets one of `treatments` from a flag managed elsewhere, named `flagName`.
   *
   * @param flagName the name of the flag depended on
   * @param treatments the treatments of that flag that satisfy this matcher
   */
  public static dependsOnFlagNamed(flagName: string, treatments: string[]): Matcher {
    return Matcher.dependency(flagName, treatments, undefined);
  }

  // ---- semantic versions -------------------------------------------------------------------

  /** The semver attribute equals `version`. */
  public static semverEquals(attribute: string, version: string): Matcher {
    return Matcher.semver('EQUAL_TO_SEMVER', attribute, version, `${attribute} = version`);
  }

  /** The semver attribute is ≥ `version`. */
  public static semverAtLeast(attribute: string, version: string): Matcher {
    return Matcher.semver('GREATER_THAN_OR_EQUAL_TO_SEMVER', attribute, version, `${attribute} >= version`);
  }

  /** The semver attribute is ≤ `version`. */
  public static semverAtMost(attribute: string, version: string): Matcher {
    return Matcher.semver('LESS_THAN_OR_EQUAL_TO_SEMVER', attribute, version, `${attribute} <= version`);
  }

  /** The semver attribute is between `from` and `to`, inclusive. */
  public static semverBetween(attribute: string, from: string, to: string): Matcher {
    const what = `${attribute} between versions`;
    const problems = [
      ...Matcher.attributeProblems(attribute, what),
      ...Matcher.semverProblems([from, to], what),
    ];
    if (problems.length === 0 && compareSemver(from, to) > 0) {
      problems.push(problem(RULE, `${what}: the range ${from}..${to} is empty; put the lower version first`));
    }
    return new Matcher({ type: 'BETWEEN_SEMVER', attribute, betweenString: { from, to } }, problems, what);
  }

  /** The semver attribute is one of `versions`. */
  public static semverInList(attribute: string, versions: string[]): Matcher {
    const what = `${attribute} in version list`;
    const problems = [
      ...Matcher.attributeProblems(attribute, what),
      ...Matcher.listProblems(versions, what),
    ];
    if (Array.isArray(versions)) problems.push(...Matcher.semverProblems(versions, what));
    return new Matcher({ type: 'IN_LIST_SEMVER', attribute, strings: Array.isArray(versions) ? [...versions] : [] }, problems, what);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static strings(type: string, attribute: string | undefined, values: string[], what: string): Matcher {
    const problems = [
      ...(attribute === undefined ? [] : Matcher.attributeProblems(attribute, what)),
      ...Matcher.listProblems(values, what),
    ];
    const spec: MatcherSpec = attribute === undefined
      ? { type, strings: Array.isArray(values) ? [...values] : [] }
      : { type, attribute, strings: Array.isArray(values) ? [...values] : [] };
    return new Matcher(spec, problems, what);
  }

  private static number(type: string, attribute: string, value: number, what: string): Matcher {
    const problems = [...Matcher.attributeProblems(attribute, what), ...Matcher.integerProblems(value, what)];
    return new Matcher({ type, attribute, number: value }, problems, what);
  }

  private static date(type: string, attribute: string, epochMillis: number, what: string): Matcher {
    const problems = [...Matcher.attributeProblems(attribute, what), ...Matcher.integerProblems(epochMillis, what, 'date')];
    return new Matcher({ type, attribute, date: epochMillis }, problems, what);
  }

  private static semver(type: string, attribute: string, version: string, what: string): Matcher {
    const problems = [...Matcher.attributeProblems(attribute, what), ...Matcher.semverProblems([version], what)];
    return new Matcher({ type, attribute, string: version }, problems, what);
  }

  private static dependency(flagName: string, treatments: string[], flag: IFlagRef | undefined): Matcher {
    const what = `depends on ${flagName}`;
    const problems = Matcher.listProblems(treatments, what);
    if (typeof flagName !== 'string' || flagName.length === 0) {
      problems.push(problem(RULE, 'depends on: the flag name is empty; name the flag depended on'));
    }
    const list = Array.isArray(treatments) ? [...treatments] : [];
    // The Admin API documents `depends.treatment` (one); newer Harness code sends a list (docs/fme-api.md, matcher types).
    const depends = list.length === 1 ? { splitName: flagName, treatment: list[0] } : { splitName: flagName, treatments: list };
    return new Matcher({ type: 'IN_SPLIT', depends }, problems, what, { flagName, treatments: list, flag });
  }

  private static ruleBased(segmentName: string, segment: IRuleBasedSegmentRef | undefined): Matcher {
    const what = `in rule-based segment ${segmentName}`;
    const problems: Problem[] = [];
    if (typeof segmentName !== 'string' || segmentName.length === 0) {
      problems.push(problem(RULE, 'in rule-based segment: the segment name is empty; name the rule-based segment'));
    }
    // The Admin API matcher for a rule-based segment is unconfirmed: modelled on IN_SEGMENT (docs/fme-api.md#rule-based-segments).
    return new Matcher({ type: 'IN_RULE_BASED_SEGMENT', string: segmentName }, problems, what, undefined, segment);
  }

  private static millisOf(date: Date): number {
    return date instanceof Date ? date.getTime() : NaN;
  }

  private static attributeProblems(attribute: string, what: string): Problem[] {
    return typeof attribute === 'string' && attribute.trim().length > 0
      ? []
      : [problem(RULE, `${what}: the attribute name is empty; name the attribute passed to getTreatment`)];
  }

  private static listProblems(values: string[], what: string): Problem[] {
    if (!Array.isArray(values) || values.length === 0) {
      return [problem(RULE, `${what}: the list of values is empty; give at least one value`)];
    }
    const bad = values.filter((v) => typeof v !== 'string' || v.length === 0);
    return bad.length > 0 ? [problem(RULE, `${what}: values must be non-empty strings`)] : [];
  }

  private static integerProblems(value: number, what: string, kind: 'number' | 'date' = 'number'): Problem[] {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return [];
    return kind === 'date'
      ? [problem(RULE, `${what}: ${String(value)} is not a valid date; pass a Date or whole milliseconds since the epoch`)]
      : [problem(RULE, `${what}: ${String(value)} is not an integer; FME numeric attributes are signed integers (no floating point)`)];
  }

  private static semverProblems(versions: string[], what: string): Problem[] {
    return versions
      .filter((v) => !isSemver(v))
      .map((v) => problem(RULE, `${what}: ${JSON.stringify(v)} is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]); fix the version`, [v]));
  }

  /** @internal the Admin API matcher JSON. */
  public readonly _spec: MatcherSpec;
  /** @internal problems with the values, reported with the construct path. */
  public readonly _problems: Problem[];
  /** @internal set for dependency matchers. */
  public readonly _dependency?: MatcherDependency;
  /** @internal set for rule-based segment matchers given the segment itself (its traffic type is then known). */
  public readonly _ruleBasedSegment?: IRuleBasedSegmentRef;

  /** Short human-readable description, e.g. `country in list` (used in error messages). */
  public readonly description: string;

  private constructor(
    spec: MatcherSpec, problems: Problem[], description: string, dependency?: MatcherDependency, ruleBasedSegment?: IRuleBasedSegmentRef,
  ) {
    this._spec = spec;
    this._problems = problems;
    this.description = description;
    this._dependency = dependency;
    this._ruleBasedSegment = ruleBasedSegment;
  }

  /** Whether this matcher is negated ("is not in list", "does not start with", …). */
  public get isNegated(): boolean {
    return this._spec.negate === true;
  }

  /**
   * The same matcher, inverted ("is not in list", "does not contain", …). Calling it twice restores the original.
   */
  public negated(): Matcher {
    const { negate, ...rest } = this._spec;
    const spec: MatcherSpec = negate ? rest : { ...rest, negate: true };
    return new Matcher(spec, this._problems, negate ? this.description.replace(/^not /, '') : `not ${this.description}`, this._dependency, this._ruleBasedSegment);
  }
}
