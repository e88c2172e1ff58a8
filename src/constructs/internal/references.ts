import { FlagResourceSpec, TargetListSpec } from '../../spec/resource-spec';

/** What one flag's spec refers to, per environment. */
export interface FlagReferences {
  /** Segment names, by environment. */
  readonly segments: ReadonlyMap<string, ReadonlySet<string>>;
  /** Flags its dependency matchers and prerequisites name (any environment). */
  readonly flags: ReadonlySet<string>;
  /** Large segments its `IN_LARGE_SEGMENT` matchers name (any environment). */
  readonly largeSegments: ReadonlySet<string>;
}

/**
 * Segments (individual targets, `IN_SEGMENT` matchers) and flags (`IN_SPLIT` matchers, prerequisites) a flag's
 * spec refers to. FME only accepts references to objects that already exist, so the resources of
 * referenced segments and flags must be applied first (and destroyed last).
 */
export function referencesOf(spec: FlagResourceSpec): FlagReferences {
  const segments = new Map<string, Set<string>>();
  const flags = new Set<string>();
  const largeSegments = new Set<string>();
  for (const env of spec.environments) {
    const set = new Set<string>();
    const addLists = (lists: Record<string, TargetListSpec> | undefined) => {
      for (const list of Object.values(lists ?? {})) for (const s of list.segments ?? []) set.add(s);
    };
    for (const t of env.definition?.treatments ?? []) for (const s of t.segments ?? []) set.add(s);
    for (const rule of env.definition?.rules ?? []) {
      for (const m of rule.condition.matchers) {
        if (m.type === 'IN_SEGMENT' && m.string) set.add(m.string);
        if (m.type === 'IN_SPLIT' && m.depends) flags.add(m.depends.splitName);
        if (m.type === 'IN_LARGE_SEGMENT' && m.string) largeSegments.add(m.string);
      }
    }
    for (const p of env.definition?.prerequisites ?? []) flags.add(p.flagName);
    addLists(env.setTargets);
    addLists(env.addTargets);
    segments.set(env.environment, set);
  }
  flags.delete(spec.flagName);
  return { segments, flags, largeSegments };
}
