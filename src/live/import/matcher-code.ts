/**
 * Admin API matchers and buckets as TypeScript that builds them with the library's factories
 * (`Matcher.stringInList('country', ['US'])`, `Allocation.of('on', 10)`). The inverse of what
 * `src/model/matcher.ts` produces: every factory there has its case here.
 */
import type { BucketSpec, MatcherSpec } from '../../spec/resource-spec';

/** A TypeScript literal for a string or a list of strings. */
export function lit(value: string | readonly string[] | number | boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => lit(v as string)).join(', ')}]`;
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
  return String(value);
}

const STRING_LISTS: Record<string, string> = {
  STARTS_WITH_STRING: 'stringStartsWith',
  ENDS_WITH_STRING: 'stringEndsWith',
  CONTAINS_STRING: 'stringContains',
  EQUAL_SET: 'setEquals',
  ANY_OF_SET: 'setContainsAny',
  ALL_OF_SET: 'setContainsAll',
  PART_OF_SET: 'setPartOf',
  IN_LIST_SEMVER: 'semverInList',
};
const NUMBERS: Record<string, string> = {
  EQUAL_NUMBER: 'numberEquals', GREATER_THAN_OR_EQUAL_NUMBER: 'numberAtLeast', LESS_THAN_OR_EQUAL_NUMBER: 'numberAtMost',
};
const DATES: Record<string, string> = {
  ON_DATE: 'datetimeOnEpochMillis', ON_OR_AFTER_DATE: 'datetimeOnOrAfterEpochMillis', ON_OR_BEFORE_DATE: 'datetimeOnOrBeforeEpochMillis',
};
const SEMVERS: Record<string, string> = {
  EQUAL_TO_SEMVER: 'semverEquals', GREATER_THAN_OR_EQUAL_TO_SEMVER: 'semverAtLeast', LESS_THAN_OR_EQUAL_TO_SEMVER: 'semverAtMost',
};

/** The factory call for a matcher, or `undefined` when the library has no factory for it yet. */
export function matcherCode(m: MatcherSpec): string | undefined {
  const call = factoryCall(m);
  return call === undefined ? undefined : `Matcher.${call}${m.negate === true ? '.negated()' : ''}`;
}

function factoryCall(m: MatcherSpec): string | undefined {
  const attr = m.attribute ?? undefined;
  const strings = m.strings ?? undefined;
  if (m.type === 'IN_LIST_STRING' && strings) return attr === undefined ? `keyInList(${lit(strings)})` : `stringInList(${lit(attr)}, ${lit(strings)})`;
  if (m.type === 'IN_SEGMENT' && typeof m.string === 'string') return `inSegment(${lit(m.string)})`;
  // By name: it works whether or not the segment is imported (as a RuleBasedSegment) in the same file.
  if (m.type === 'IN_RULE_BASED_SEGMENT' && typeof m.string === 'string') return `inRuleBasedSegmentNamed(${lit(m.string)})`;
  if (m.type === 'IN_SPLIT' && m.depends) {
    const treatments = m.depends.treatments ?? (m.depends.treatment !== undefined && m.depends.treatment !== null ? [m.depends.treatment] : []);
    return `dependsOnFlagNamed(${lit(m.depends.splitName)}, ${lit(treatments)})`;
  }
  if (attr === undefined) return undefined;
  if (STRING_LISTS[m.type] && strings) return `${STRING_LISTS[m.type]}(${lit(attr)}, ${lit(strings)})`;
  if (m.type === 'MATCHES_STRING' && typeof m.string === 'string') return `stringMatches(${lit(attr)}, ${lit(m.string)})`;
  if (NUMBERS[m.type] && typeof m.number === 'number') return `${NUMBERS[m.type]}(${lit(attr)}, ${m.number})`;
  if (m.type === 'BETWEEN_NUMBER' && m.between) return `numberBetween(${lit(attr)}, ${m.between.from}, ${m.between.to})`;
  if (DATES[m.type] && typeof m.date === 'number') return `${DATES[m.type]}(${lit(attr)}, ${m.date})`;
  if (m.type === 'BETWEEN_DATE' && m.between) return `datetimeBetweenEpochMillis(${lit(attr)}, ${m.between.from}, ${m.between.to})`;
  if (m.type === 'BOOLEAN' && typeof m.bool === 'boolean') return `booleanEquals(${lit(attr)}, ${m.bool})`;
  if (SEMVERS[m.type] && typeof m.string === 'string') return `${SEMVERS[m.type]}(${lit(attr)}, ${lit(m.string)})`;
  if (m.type === 'BETWEEN_SEMVER' && m.betweenString) return `semverBetween(${lit(attr)}, ${lit(m.betweenString.from)}, ${lit(m.betweenString.to)})`;
  return undefined;
}

/** Buckets without zero-size entries (FME pads unused treatments with 0). */
export function usedBuckets(buckets: readonly BucketSpec[] | null | undefined): BucketSpec[] {
  return (buckets ?? []).filter((b) => b.size > 0);
}

/** `[Allocation.of('on', 10), Allocation.of('off', 90)]`. */
export function allocationsCode(buckets: readonly BucketSpec[]): string {
  return `[${buckets.map((b) => `Allocation.of(${lit(b.treatment)}, ${b.size})`).join(', ')}]`;
}
