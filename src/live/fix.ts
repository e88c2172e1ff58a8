/**
 * `drift --fix`: converges the drifted objects back to the code through the handler's own converge
 * path (`runConverge`: one read, writes only for what differs, change requests in approval-gated
 * environments). Terraform state is not touched. Objects that left the code are not deleted here
 * (that is the deploy's `reconcile`), and blocked objects are left for a person to decide.
 */
import * as path from 'path';
import type { Comparison } from './compare-stack';
import { Difference } from './difference';
import { withIgnoredFromLive } from './ignore';
import type { StackSpecs } from './stack-specs';
import { runConverge } from '../handler/commands/converge';
import { Log } from '../handler/log';
import type { FlagResourceSpec, LargeSegmentResourceSpec, RuleBasedSegmentResourceSpec, SegmentResourceSpec } from '../spec/resource-spec';

export interface FixOutcome {
  readonly kind: 'flag' | 'segment' | 'flag set' | 'ruleBasedSegment' | 'largeSegment';
  readonly name: string;
  /** `undefined` when converged; else the error message. */
  readonly error?: string;
}

/** Converges every declared object with a fixable difference; one object failing does not stop the others. */
export async function fixDrift(
  specs: StackSpecs, comparison: Comparison, drifted: readonly Difference[], ignored: readonly Difference[], env: NodeJS.ProcessEnv, log: Log,
): Promise<FixOutcome[]> {
  const fixable = drifted.filter((d) => d.action === 'update' || d.action === 'create');
  const wanted = (kind: string, name: string) => fixable.some((d) => d.kind === kind && d.name === name);
  const targets: Array<FlagResourceSpec | SegmentResourceSpec | RuleBasedSegmentResourceSpec | LargeSegmentResourceSpec> = [
    ...specs.segments.filter((s) => wanted('segment', s.segmentName)),
    // Keys files are named relative to the stack folder, where Terraform runs the handler.
    ...(specs.largeSegments ?? []).filter((s) => wanted('large segment', s.segmentName))
      .map((s) => ({ ...s, environments: s.environments.map((p) => ({ ...p, keysFile: path.resolve(specs.dir, p.keysFile) })) })),
    ...(specs.ruleBasedSegments ?? []).filter((s) => wanted('rule-based segment', s.segmentName)),
    ...specs.flags.filter((f) => wanted('flag', f.flagName)),
  ];
  const outcomes: FixOutcome[] = [];
  // Missing flag sets first: definitions that name them need them (FME's API changes nothing else on a set).
  for (const spec of (specs.flagSets ?? []).filter((s) => wanted('flag set', s.flagSetName))) {
    try {
      await runConverge(spec, log, env);
      outcomes.push({ kind: 'flag set', name: spec.flagSetName });
    } catch (e) {
      outcomes.push({ kind: 'flag set', name: spec.flagSetName, error: (e as Error).message });
    }
  }
  for (const spec of targets) {
    const name = spec.kind === 'flag' ? spec.flagName : spec.segmentName;
    try {
      const keep = (kind: string) => (p: { environment: string }) =>
        !ignored.some((d) => d.kind === kind && d.name === name && d.environment === p.environment);
      // An ignored difference keeps that environment out of the fix: its definition (or keys file) is written whole.
      const prepared = spec.kind === 'largeSegment' ? { ...spec, environments: spec.environments.filter(keep('large segment')) }
        : spec.kind === 'ruleBasedSegment' ? { ...spec, environments: spec.environments.filter(keep('rule-based segment')) }
          : withIgnoredFromLive(spec, ignored, comparison.live);
      await runConverge(prepared, log, env);
      outcomes.push({ kind: spec.kind, name });
    } catch (e) {
      outcomes.push({ kind: spec.kind, name, error: (e as Error).message });
    }
  }
  return outcomes;
}
