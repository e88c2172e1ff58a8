/**
 * Comparing a rule-based segment's live definition with the desired one. FME may echo fields the
 * code never sets (a matcher's null attribute, `negate: false`, list order), so both sides are
 * normalized before comparing: a deploy without changes writes nothing (docs/decisions.md, D6).
 */
import type { RuleBasedSegmentDefinition } from '../../client/rule-based-segments';
import type { MatcherSpec, RuleBasedSegmentDefinitionSpec } from '../../spec/resource-spec';

function matcherKey(m: MatcherSpec): unknown {
  const entries = Object.entries(m).filter(([k, v]) => v !== null && v !== undefined && !(k === 'negate' && v === false));
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The comparable form of a definition. */
export function normalizeRuleBased(d: Partial<RuleBasedSegmentDefinitionSpec> | undefined): string {
  return JSON.stringify({
    rules: (d?.rules ?? []).map((r) => (r.condition?.matchers ?? []).map(matcherKey)),
    excludedKeys: [...new Set(d?.excludedKeys ?? [])].sort(),
    excludedSegments: (d?.excludedSegments ?? []).map((s) => `${s.type}\u0000${s.name}`).sort(),
  });
}

export function ruleBasedDiffers(live: RuleBasedSegmentDefinition | undefined, desired: RuleBasedSegmentDefinitionSpec): boolean {
  return normalizeRuleBased(live) !== normalizeRuleBased(desired);
}
