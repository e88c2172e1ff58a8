import { referencesOf } from './references';
import { BootstrapSpec, FlagResourceSpec, LargeSegmentResourceSpec, ObjectResourceSpec, SegmentResourceSpec } from '../../spec/resource-spec';

/** Written next to `cdk.tf.json` at synth; the bootstrap resource's create step reads it. */
export const BOOTSTRAP_FILE = 'fme-bootstrap.json';

/**
 * Orders the stack's objects for the bootstrap: all segments (standard and large) first, then flags in waves where
 * every flag comes after the flags it depends on (IN_SPLIT) — the order Terraform's `depends_on`
 * enforces between the per-object resources. Dependency cycles are a validation error already.
 */
export function bootstrapSpec(
  version: number, flags: FlagResourceSpec[], segments: SegmentResourceSpec[], largeSegments: LargeSegmentResourceSpec[] = [],
): BootstrapSpec {
  const byName = new Map(flags.map((f) => [f.flagName, f]));
  const depth = new Map<string, number>();
  const depthOf = (name: string, seen: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    const flag = byName.get(name);
    if (!flag || seen.has(name)) return -1; // managed elsewhere, or a cycle (reported by validation)
    seen.add(name);
    const deps = [...referencesOf(flag).flags].map((d) => depthOf(d, seen));
    const d = 1 + Math.max(-1, ...deps);
    depth.set(name, d);
    return d;
  };
  const waves: ObjectResourceSpec[][] = [];
  if (segments.length + largeSegments.length > 0) waves.push([...segments, ...largeSegments]);
  const offset = waves.length;
  for (const flag of flags) {
    const d = depthOf(flag.flagName, new Set());
    while (waves.length <= offset + d) waves.push([]);
    waves[offset + d].push(flag);
  }
  return { v: version, kind: 'bootstrap', waves: waves.filter((w) => w.length > 0) };
}
