import type { BucketSpec, MatcherSpec, PrerequisiteSpec, RuleSpec, TreatmentSpec } from '../../spec/resource-spec';

/**
 * Canonical forms of definition parts, so that two definitions FME treats the same compare
 * equal: key and segment lists are sets, bucket order and zero-size buckets do not matter,
 * matchers of a rule are ANDed (order-free), absent defaults equal their default values, and
 * response-only fields are dropped.
 */

/** JSON with object keys sorted, for order-insensitive equality of plain data. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

function sortedSet(values: readonly string[] | null | undefined): string[] {
  return [...new Set(values ?? [])].sort();
}

/** Treatment → size, without zero-size buckets (FME pads unused treatments with 0). */
export function normalizeBuckets(buckets: readonly BucketSpec[] | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of buckets ?? []) {
    if (b.size > 0) out[b.treatment] = (out[b.treatment] ?? 0) + b.size;
  }
  return out;
}

function normalizeConfigurations(text: string | null | undefined): string {
  if (text === undefined || text === null || text === '') return '';
  try {
    return stableJson(JSON.parse(text));
  } catch {
    return text;
  }
}

export function normalizeTreatment(t: TreatmentSpec): unknown {
  return {
    name: t.name,
    description: t.description ?? '',
    configurations: normalizeConfigurations(t.configurations),
    keys: sortedSet(t.keys),
    segments: sortedSet(t.segments),
  };
}

/**
 * A matcher's canonical form. A field the matcher type does not use may come back from FME as
 * `null` rather than absent (docs/fme-api.md#matchers): both mean "not set" here, or every deploy
 * would rewrite the rules.
 */
function normalizeMatcher(m: MatcherSpec): unknown {
  // FME documents `depends.treatment`; newer Harness code sends `treatments`: compare both as one set.
  const dependsOn = m.depends?.treatments ?? (m.depends?.treatment !== undefined ? [m.depends.treatment] : []);
  const depends = m.depends ? { splitName: m.depends.splitName, treatments: sortedSet(dependsOn) } : undefined;
  return {
    type: m.type,
    negate: m.negate === true,
    attribute: m.attribute ?? null,
    string: m.string ?? undefined,
    strings: m.strings ? sortedSet(m.strings) : undefined,
    bool: m.bool ?? undefined,
    number: m.number ?? undefined,
    date: m.date ?? undefined,
    between: m.between ? { from: m.between.from, to: m.between.to } : undefined,
    betweenString: m.betweenString ? { from: m.betweenString.from, to: m.betweenString.to } : undefined,
    depends,
  };
}

export function normalizeRule(r: RuleSpec): unknown {
  const matchers = (r.condition?.matchers ?? []).map((m) => stableJson(normalizeMatcher(m))).sort();
  return { matchers, buckets: normalizeBuckets(r.buckets) };
}

/**
 * Prerequisites as a set: all must be met, so their order carries no meaning, and neither does the
 * order of a prerequisite's treatments. Absent or `null` means none.
 */
export function normalizePrerequisites(list: readonly PrerequisiteSpec[] | null | undefined): unknown {
  return (list ?? [])
    .map((p) => ({ flagName: p.flagName, treatments: sortedSet(p.treatments) }))
    .sort((a, b) => (a.flagName < b.flagName ? -1 : a.flagName > b.flagName ? 1 : 0));
}
