import { PlanModel } from './plan';
import { Treatment } from './treatment';
import { DefinitionSpec, PrerequisiteSpec, RuleSpec, TargetListSpec, TreatmentSpec } from '../spec/resource-spec';

/** Sorted, de-duplicated copy (order carries no meaning for key and segment lists). */
export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Turns a validated rollout plan into the Admin API definition request body
 * (docs/fme-api.md, definitions). Treatments and rules keep their declared order
 * (both are evaluated in order); key and segment lists are sorted.
 */
export function toDefinitionSpec(plan: PlanModel): DefinitionSpec {
  const targets = new Map<string, { keys: string[]; segments: string[] }>();
  for (const t of plan.individualTargets) {
    const entry = targets.get(t.treatment) ?? { keys: [], segments: [] };
    entry.keys.push(...(t.keys ?? []));
    entry.segments.push(...(t.segments ?? []));
    targets.set(t.treatment, entry);
  }
  const treatments: TreatmentSpec[] = plan.treatments.map((t) => {
    const target = targets.get(t.name);
    return withTargets({
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      ...(t.config !== undefined ? { configurations: t.config.json } : {}),
    }, target);
  });
  const rules: RuleSpec[] = plan.rules.map((r) => ({
    condition: { combiner: 'AND', matchers: r.matchers.map((m) => m._spec) },
    buckets: r._buckets.map((b) => ({ treatment: b.treatment, size: b.size })),
  }));
  return {
    treatments,
    defaultTreatment: plan.defaultTreatment ?? '',
    ...(plan.baselineTreatment !== undefined ? { baselineTreatment: plan.baselineTreatment } : {}),
    trafficAllocation: plan.limitExposure,
    rules,
    defaultRule: plan.defaultRule._buckets.map((b) => ({ treatment: b.treatment, size: b.size })),
    // Only when the code says so: an unset prop leaves a setting made in the FME UI alone.
    ...(plan.trackImpressions !== undefined ? { impressionsDisabled: !plan.trackImpressions } : {}),
    // Likewise: sets are written only when the code names them (sorted: their order carries no meaning).
    ...(plan.flagSets !== undefined ? { flagSets: [...new Set(plan.flagSets)].sort() } : {}),
    ...prerequisitesOf(plan),
  };
}

/** The plan's prerequisites sorted by flag name (all must be met, so order carries no meaning); nothing when none. */
function prerequisitesOf(plan: PlanModel): { prerequisites?: PrerequisiteSpec[] } {
  const list = (plan.prerequisites ?? []).map((p) => p._spec).sort((a, b) => (a.flagName < b.flagName ? -1 : a.flagName > b.flagName ? 1 : 0));
  return list.length > 0 ? { prerequisites: list } : {};
}

/**
 * The definition FME starts a flag with in an environment that has no rollout plan yet: the
 * flag's treatments, default treatment `off` when declared (else the first), full exposure, no
 * rules, and a default rule serving the default treatment.
 */
export function initialDefinitionSpec(treatments: readonly Treatment[]): DefinitionSpec {
  const defaultTreatment = treatments.some((t) => t.name === 'off') ? 'off' : treatments[0].name;
  return {
    treatments: treatments.map((t) => ({
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      ...(t.config !== undefined ? { configurations: t.config.json } : {}),
    })),
    defaultTreatment,
    trafficAllocation: 100,
    rules: [],
    defaultRule: [{ treatment: defaultTreatment, size: 100 }],
  };
}

/** A treatment with its individual-target lists set (sorted), or without them when empty. */
export function withTargets(t: TreatmentSpec, target: TargetListSpec | undefined): TreatmentSpec {
  const { keys: _k, segments: _s, ...rest } = t;
  const keys = sortedUnique(target?.keys ?? []);
  const segments = sortedUnique(target?.segments ?? []);
  return {
    ...rest,
    ...(keys.length > 0 ? { keys } : {}),
    ...(segments.length > 0 ? { segments } : {}),
  };
}
