import { referencesOf } from './references';
import { ruleBasedReferences } from './rule-based-segments';
import {
  BootstrapSpec, FlagResourceSpec, FlagSetResourceSpec, LargeSegmentResourceSpec, ObjectResourceSpec, RuleBasedSegmentResourceSpec,
  SegmentResourceSpec,
} from '../../spec/resource-spec';

/** Written next to `cdk.tf.json` at synth; the bootstrap resource's create step reads it. */
export const BOOTSTRAP_FILE = 'fme-bootstrap.json';

/** The stack's objects, by kind (each list in any order). */
export interface BootstrapObjects {
  readonly flags: FlagResourceSpec[];
  readonly segments?: SegmentResourceSpec[];
  readonly flagSets?: FlagSetResourceSpec[];
  readonly ruleBasedSegments?: RuleBasedSegmentResourceSpec[];
  readonly largeSegments?: LargeSegmentResourceSpec[];
}

/**
 * Depth of each object in a reference graph: 0 for one that refers to nothing of the graph, else
 * one more than its deepest reference. Cycles are a validation error already (they count as none).
 */
function depths<T>(items: T[], nameOf: (item: T) => string, refsOf: (item: T) => Iterable<string>): Map<T, number> {
  const byName = new Map(items.map((i) => [nameOf(i), i] as const));
  const depth = new Map<string, number>();
  const depthOf = (name: string, seen: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    const item = byName.get(name);
    if (item === undefined || seen.has(name)) return -1; // managed elsewhere, or a cycle (reported by validation)
    seen.add(name);
    const d = 1 + Math.max(-1, ...[...refsOf(item)].map((r) => depthOf(r, seen)));
    depth.set(name, d);
    return d;
  };
  return new Map(items.map((i) => [i, depthOf(nameOf(i), new Set())] as const));
}

/** Appends `items` as waves by depth. */
function pushWaves<T extends ObjectResourceSpec>(waves: ObjectResourceSpec[][], depth: Map<T, number>): void {
  const offset = waves.length;
  for (const [item, d] of depth) {
    while (waves.length <= offset + d) waves.push([]);
    waves[offset + d].push(item);
  }
}

/**
 * Orders the stack's objects for the bootstrap: flag sets, standard and large segments first (they
 * refer to nothing), then rule-based segments after the rule-based segments they refer to, then flags in
 * waves where every flag comes after the flags it depends on (IN_SPLIT, prerequisites) — the order
 * Terraform's `depends_on` enforces between the per-object resources.
 */
export function bootstrapSpec(version: number, objects: BootstrapObjects): BootstrapSpec {
  const waves: ObjectResourceSpec[][] = [[...objects.flagSets ?? [], ...objects.segments ?? [], ...objects.largeSegments ?? []]];
  pushWaves(waves, depths(objects.ruleBasedSegments ?? [], (s) => s.segmentName,
    (s) => s.environments.flatMap((e) => ruleBasedReferences(e.definition).ruleBased).filter((n) => n !== s.segmentName)));
  pushWaves(waves, depths(objects.flags, (f) => f.flagName, (f) => referencesOf(f).flags));
  return { v: version, kind: 'bootstrap', waves: waves.filter((w) => w.length > 0) };
}
