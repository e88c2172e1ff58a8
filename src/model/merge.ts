import { sortedUnique, withTargets } from './definition';
import { BucketSpec, DefinitionSpec, TargetListSpec } from '../spec/resource-spec';

/** The environment parts other constructs declare for a flag that also has a rollout plan. */
export interface DefinitionOverlays {
  /** Replace the keys/segments of these treatments (set-mode `IndividualTargets`). */
  readonly setTargets?: Record<string, TargetListSpec>;
  /** Ensure present (incremental `IndividualTargets`). */
  readonly addTargets?: Record<string, TargetListSpec>;
  /** Ensure absent (incremental `IndividualTargets`). */
  readonly removeTargets?: Record<string, TargetListSpec>;
  /** Replace the default rule (`DefaultAllocation`). */
  readonly defaultRule?: BucketSpec[];
}

/**
 * Merges the other constructs' parts into a rollout plan's definition, in a fixed order:
 * set, then add, then remove, then the default allocation. The handler then converges one
 * complete definition instead of several partial writes.
 */
export function mergeIntoDefinition(definition: DefinitionSpec, overlays: DefinitionOverlays): DefinitionSpec {
  const treatments = definition.treatments.map((t) => {
    let keys = t.keys ?? [];
    let segments = t.segments ?? [];
    const set = overlays.setTargets?.[t.name];
    if (set) {
      keys = set.keys ?? [];
      segments = set.segments ?? [];
    }
    const add = overlays.addTargets?.[t.name];
    if (add) {
      keys = [...keys, ...(add.keys ?? [])];
      segments = [...segments, ...(add.segments ?? [])];
    }
    const remove = overlays.removeTargets?.[t.name];
    if (remove) {
      keys = keys.filter((k) => !(remove.keys ?? []).includes(k));
      segments = segments.filter((s) => !(remove.segments ?? []).includes(s));
    }
    return withTargets(t, { keys: sortedUnique(keys), segments: sortedUnique(segments) });
  });
  return {
    ...definition,
    treatments,
    defaultRule: overlays.defaultRule ? overlays.defaultRule.map((b) => ({ ...b })) : definition.defaultRule,
  };
}
