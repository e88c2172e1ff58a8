import { applyDeclaredParts } from '../../model/merge';
import type { DefinitionSpec, FlagResourceSpec, SegmentResourceSpec } from '../../spec/resource-spec';

/** A flag's definition in one environment as a deploy leaves it, with its kill state. */
export interface EffectiveDefinition extends DefinitionSpec {
  readonly killed: boolean;
}

/**
 * The definition a deploy of this spec leaves in `environment`, or undefined when the stack does
 * not decide it: its parts apply to a definition managed elsewhere (no `RolloutPlan` and a flag the
 * stack does not own), which only FME knows.
 *
 * A `RolloutPlan`'s definition already has the targets, allocation and kill state merged in. Without
 * one, the handler applies the parts to the live definition or, for a flag the stack owns, to FME's
 * initial one (docs/ARCHITECTURE.md, "Handler behaviour"); a test has no live definition, so the
 * initial one is the base here.
 */
export function effectiveDefinition(flag: FlagResourceSpec, environment: string): EffectiveDefinition | undefined {
  const part = flag.environments.find((e) => e.environment === environment);
  if (!part) return undefined;
  if (part.definition) return { ...part.definition, killed: part.killed ?? false };
  const base = part.initialDefinition;
  if (!base) return undefined;
  return { ...applyDeclaredParts(base, part), killed: part.killed ?? false };
}

/**
 * The keys a deploy leaves in a segment in `environment`: the set-mode list, or the added keys
 * (less the removed ones) of an incremental segment, whose other live keys only FME knows.
 */
export function segmentKeysIn(segment: SegmentResourceSpec, environment: string): string[] | undefined {
  const part = segment.environments.find((e) => e.environment === environment);
  if (!part) return undefined;
  if (part.keys) return [...part.keys];
  const removed = new Set(part.removeKeys ?? []);
  return (part.addKeys ?? []).filter((k) => !removed.has(k));
}
