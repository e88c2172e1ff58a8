/**
 * The whole comparison of one stack folder with live FME: read once, compare every declared
 * object, list what the stack owns but no longer declares. Used by `cdktf-fme diff` and `drift`.
 */
import { withRejectedChangeRequests } from './change-requests';
import { compareFlag } from './compare-flag';
import { compareFlagSet } from './compare-flag-set';
import { compareLargeSegment, readLiveLargeSegments } from './compare-large-segment';
import { compareRuleBased, readLiveRuleBased } from './compare-rule-based';
import { compareSegment } from './compare-segment';
import { Difference } from './difference';
import { LiveWorkspace, Progress, readLive } from './live-reader';
import { removals } from './removals';
import type { StackSpecs } from './stack-specs';
import { needsTrafficTypes, withKnownEnvironments, withKnownTrafficTypes } from './unknown-names';
import { RuleBasedSegmentsApi } from '../client/rule-based-segments';
import { RequestTally } from '../client/transport';
import { HandlerContext } from '../handler/context';
import { Log } from '../handler/log';

export interface Comparison {
  readonly stack: string;
  /** Workspace as the code names it (name or id). */
  readonly workspace: string;
  readonly differences: Difference[];
  /** FME objects declared: flags, definitions, segments and segment environments. */
  readonly objects: number;
  /** Admin API reads made (retries not counted). */
  readonly reads: number;
  /** What was read, for `drift --fix` to adjust ignored fields. */
  readonly live: LiveWorkspace;
  /**
   * Environments and traffic types the code names that FME does not have, one line each; the
   * objects concerned are left out of `differences` (docs/lookups.md, "At plan time").
   */
  readonly errors: string[];
}

export interface CompareOptions {
  /** Where the API key variable is read. */
  readonly env: NodeJS.ProcessEnv;
  /** Handler log (errors, secrets redacted). */
  readonly log: Log;
  readonly progress?: Progress;
}

/** Number of FME objects a stack declares (each flag, definition, segment, and segment environment). */
export function declaredObjects(specs: StackSpecs): number {
  return specs.flags.reduce((n, f) => n + 1 + f.environments.length, 0)
    + specs.segments.reduce((n, s) => n + 1 + s.environments.length, 0)
    + (specs.flagSets?.length ?? 0)
    + (specs.ruleBasedSegments ?? []).reduce((n, s) => n + 1 + s.environments.length, 0)
    + (specs.largeSegments ?? []).reduce((n, s) => n + 1 + s.environments.length, 0);
}

export async function compareStack(specs: StackSpecs, options: CompareOptions): Promise<Comparison> {
  const ctx = await HandlerContext.create(specs.target, options.log, options.env);
  const tally = new RequestTally();
  ctx.client.transport.tally = tally;
  const environments = await ctx.client.listEnvironments(ctx.workspaceId);
  const ids = new Map<string, string>();
  for (const e of environments) { ids.set(e.id, e.id); ids.set(e.name, e.id); }
  const names = new Map(environments.map((e) => [e.id, e.name]));
  const workspace = specs.target.workspaceName ?? specs.target.workspaceId ?? '';
  let known = withKnownEnvironments(specs.flags, specs.segments, environments, workspace);
  const live = await readLive(ctx, {
    definitions: known.flags.flatMap((f) => f.environments.map((p) => ({ flag: f.flagName, environment: p.environment }))),
    segmentKeys: known.segments.flatMap((s) => s.environments.map((p) => ({ segment: s.segmentName, environment: p.environment }))),
    flagSets: (specs.flagSets?.length ?? 0) > 0 || known.flags.some((f) => f.environments.some((p) => p.definition?.flagSets !== undefined)),
  }, options.progress);
  const liveFlags = new Set(live.flags.keys());
  const liveSegments = new Set(live.segments.keys());
  if (needsTrafficTypes(known.flags, known.segments, liveFlags, liveSegments)) {
    known = withKnownTrafficTypes(known, await ctx.client.listTrafficTypes(ctx.workspaceId), liveFlags, liveSegments, workspace);
  }
  const ruleBased = await readLiveRuleBased(ctx, new RuleBasedSegmentsApi(ctx.client), specs.ruleBasedSegments ?? []);
  const large = await readLiveLargeSegments(ctx, specs.largeSegments ?? []);
  const gated = new Set(known.flags.flatMap((f) => f.environments.filter((p) => p.writeMode === 'changeRequest').map((p) => p.environment)));
  const differences = await withRejectedChangeRequests(ctx, [
    ...known.flags.flatMap((f) => compareFlag(f, live, ids)),
    ...known.segments.flatMap((s) => compareSegment(s, live)),
    ...(specs.flagSets ?? []).flatMap((s) => compareFlagSet(s, live)),
    ...(specs.ruleBasedSegments ?? []).flatMap((s) => compareRuleBased(s, ruleBased)),
    ...(specs.largeSegments ?? []).flatMap((s) => compareLargeSegment(s, large)),
    ...removals(specs, live, names, { ruleBased: ruleBased.segments, large: large.segments }),
  ], gated, ids);
  return {
    stack: specs.stack,
    workspace,
    differences,
    objects: declaredObjects(specs),
    reads: tally.reads,
    live,
    errors: known.errors,
  };
}
