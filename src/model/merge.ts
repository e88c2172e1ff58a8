import { withTargets } from './definition';
import { overlayTargets, TargetOverlays } from './targets';
import { BucketSpec, DefinitionSpec } from '../spec/resource-spec';

/** The environment parts other constructs declare for a flag that also has a rollout plan. */
export interface DefinitionOverlays extends TargetOverlays {
  /** Replace the default rule (`DefaultAllocation`). */
  readonly defaultRule?: BucketSpec[];
}

/**
 * Merges the other constructs' parts into a rollout plan's definition: the individual targets by
 * the one overlay the handler also uses (`overlayTargets`: set, then add, then remove), then the
 * default allocation. Lists come out sorted, without empty ones. The handler then converges one
 * complete definition instead of several partial writes.
 */
export function mergeIntoDefinition(definition: DefinitionSpec, overlays: DefinitionOverlays): DefinitionSpec {
  return {
    ...definition,
    treatments: overlayTargets(definition.treatments, overlays).map((t) => withTargets(t, t)),
    defaultRule: overlays.defaultRule ? overlays.defaultRule.map((b) => ({ ...b })) : definition.defaultRule,
  };
}
