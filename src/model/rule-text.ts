/**
 * Rollout plans as one line of text each, in the vocabulary of the TypeScript API
 * (`if country in [US, CA] → on`, `on 10% / off 90%`). The live comparison (`cdktf-fme diff`,
 * `drift`) prints rules this way, and so can anything else that shows a plan to a reviewer.
 *
 * Pure: works on the Admin API JSON (`MatcherSpec`, `RuleSpec`, `BucketSpec`), so it renders live
 * definitions read from FME and synthesized ones alike. Not part of the jsii API (free functions).
 */
import type { BucketSpec, MatcherSpec, RuleSpec } from '../spec/resource-spec';

/** The phrase of each matcher type, with and without negation, in the words of the FME UI. */
const PHRASES: Record<string, readonly [string, string]> = {
  IN_LIST_STRING: ['in', 'not in'],
  STARTS_WITH_STRING: ['starts with', 'does not start with'],
  ENDS_WITH_STRING: ['ends with', 'does not end with'],
  CONTAINS_STRING: ['contains', 'does not contain'],
  MATCHES_STRING: ['matches', 'does not match'],
  EQUAL_SET: ['is equal to set', 'is not equal to set'],
  ANY_OF_SET: ['has any of', 'has none of'],
  ALL_OF_SET: ['has all of', 'does not have all of'],
  PART_OF_SET: ['is part of', 'is not part of'],
  EQUAL_NUMBER: ['=', '!='],
  GREATER_THAN_OR_EQUAL_NUMBER: ['>=', 'not >='],
  LESS_THAN_OR_EQUAL_NUMBER: ['<=', 'not <='],
  BETWEEN_NUMBER: ['between', 'not between'],
  ON_DATE: ['is on', 'is not on'],
  ON_OR_AFTER_DATE: ['is on or after', 'is not on or after'],
  ON_OR_BEFORE_DATE: ['is on or before', 'is not on or before'],
  BETWEEN_DATE: ['is between', 'is not between'],
  BOOLEAN: ['is', 'is not'],
  EQUAL_TO_SEMVER: ['= version', '!= version'],
  GREATER_THAN_OR_EQUAL_TO_SEMVER: ['>= version', 'not >= version'],
  LESS_THAN_OR_EQUAL_TO_SEMVER: ['<= version', 'not <= version'],
  BETWEEN_SEMVER: ['between versions', 'not between versions'],
  IN_LIST_SEMVER: ['in versions', 'not in versions'],
};

/** `[US, CA]` (values in their given order). */
function list(values: readonly string[] | undefined): string {
  return `[${(values ?? []).join(', ')}]`;
}

/** A date as `2026-01-31` when it is a whole day (UTC), else as an ISO timestamp. */
function dateText(epochMillis: number | undefined): string {
  if (epochMillis === undefined || !Number.isFinite(epochMillis)) return String(epochMillis);
  const iso = new Date(epochMillis).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** The value part of a matcher, after its phrase. */
function valueText(m: MatcherSpec): string {
  switch (m.type) {
    case 'MATCHES_STRING':
      return `/${m.string ?? ''}/`;
    case 'EQUAL_NUMBER': case 'GREATER_THAN_OR_EQUAL_NUMBER': case 'LESS_THAN_OR_EQUAL_NUMBER':
      return String(m.number);
    case 'BETWEEN_NUMBER':
      return `${m.between?.from} and ${m.between?.to}`;
    case 'ON_DATE': case 'ON_OR_AFTER_DATE': case 'ON_OR_BEFORE_DATE':
      return dateText(m.date);
    case 'BETWEEN_DATE':
      return `${dateText(m.between?.from)} and ${dateText(m.between?.to)}`;
    case 'BOOLEAN':
      return String(m.bool);
    case 'EQUAL_TO_SEMVER': case 'GREATER_THAN_OR_EQUAL_TO_SEMVER': case 'LESS_THAN_OR_EQUAL_TO_SEMVER':
      return m.string ?? '';
    case 'BETWEEN_SEMVER':
      return `${m.betweenString?.from} and ${m.betweenString?.to}`;
    default:
      return list(m.strings);
  }
}

/**
 * One matcher as text: `country in [US, CA]`, `key not in [qa]`, `age >= 18`,
 * `in segment beta`, `not in flag checkout [on]`, `app version >= version 2.0.0`.
 * An unknown matcher type is shown as `<TYPE> <its JSON>`, never dropped.
 */
export function matcherText(m: MatcherSpec): string {
  const negate = m.negate === true;
  if (m.type === 'IN_SEGMENT') return `${negate ? 'not ' : ''}in segment ${m.string ?? ''}`;
  if (m.type === 'IN_RULE_BASED_SEGMENT') return `${negate ? 'not ' : ''}in rule-based segment ${m.string ?? ''}`;
  if (m.type === 'IN_LARGE_SEGMENT') return `${negate ? 'not ' : ''}in large segment ${m.string ?? ''}`;
  if (m.type === 'IN_SPLIT') {
    const treatments = m.depends?.treatments ?? (m.depends?.treatment !== undefined ? [m.depends.treatment] : []);
    return `${negate ? 'not ' : ''}in flag ${m.depends?.splitName ?? ''} ${list(treatments)}`;
  }
  if (m.type === 'ALL_KEYS') return negate ? 'no key' : 'all keys';
  const phrase = PHRASES[m.type];
  if (!phrase) {
    const { type, negate: _n, ...rest } = m;
    return `${negate ? 'not ' : ''}${type} ${JSON.stringify(rest)}`;
  }
  return `${m.attribute ?? 'key'} ${phrase[negate ? 1 : 0]} ${valueText(m)}`;
}

/** Buckets as `on 10% / off 90%`, or just `on` for one treatment at 100%; zero-size buckets are left out. */
export function bucketsText(buckets: readonly BucketSpec[] | null | undefined): string {
  const used = (buckets ?? []).filter((b) => b.size > 0);
  if (used.length === 1 && used[0].size === 100) return used[0].treatment;
  if (used.length === 0) return 'nothing';
  return used.map((b) => `${b.treatment} ${b.size}%`).join(' / ');
}

/** A targeting rule as `if country in [US, CA] and age >= 18 → on 50% / off 50%`. */
export function ruleText(rule: RuleSpec): string {
  const matchers = (rule.condition?.matchers ?? []).map(matcherText);
  return `if ${matchers.length > 0 ? matchers.join(' and ') : 'always'} → ${bucketsText(rule.buckets)}`;
}
