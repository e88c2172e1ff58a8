import { withTargets } from './definition';
import { overlayTargets, TargetOverlays } from './targets';
import { BucketSpec, DefinitionSpec } from '../spec/resource-spec';

/** The environment parts other constructs declare for a flag that also has a rollout plan. */
export interface DefinitionOverlays extends TargetOverlays {
  /** Replace the default rule (`DefaultAllocation`). */
  readonly defaultRule?: BucketSpec[];
}

/**
 * A definition with what other constructs declare about it: the individual targets overlaid
 * (`overlayTargets`: set, then add, then remove) and, when a `DefaultAllocation` is declared, the
 * default rule replaced. The handler applies this to a definition managed elsewhere (live, or
 * FME's initial one); the testing kit evaluates the same.
 */
export function applyDeclaredParts(definition: DefinitionSpec, overlays: DefinitionOverlays): DefinitionSpec {
  return {
    ...definition,
    treatments: overlayTargets(definition.treatments, overlays),
    defaultRule: overlays.defaultRule ? overlays.defaultRule.map((b) => ({ ...b })) : definition.defaultRule,
  };
}

/**
 * Merges the other constructs' parts into a rollout plan's definition at synth time: the same
 * `applyDeclaredParts` the handler uses, with lists sorted and empty ones dropped. The handler then
 * converges one complete definition instead of several partial writes.
 */
export function mergeIntoDefinition(definition: DefinitionSpec, overlays: DefinitionOverlays): DefinitionSpec {
  const merged = applyDeclaredParts(definition, overlays);
  return { ...merged, treatments: merged.treatments.map((t) => withTargets(t, t)) };
}
