/**
 * Large segments of the code against live FME (docs/live.md): a segment that is missing, owned by
 * another stack, not defined in an environment, or whose keys record for the environment
 * (`cdktf-fme-keys:<environment id>:<digest>`, docs/fme-api.md#large-segments) names another keys
 * file than the spec's. FME shows no digest of the keys themselves, so the record is the only
 * comparison there is, and it is exactly what the deploy compares before it uploads.
 */
import { Difference } from './difference';
import { ownershipDifference } from './ownership-difference';
import type { LargeSegment } from '../client/types';
import type { HandlerContext } from '../handler/context';
import { keysRecordOf, recordDigest } from '../handler/large-segment/keys-record';
import { largeSegmentOwnership } from '../handler/large-segment/tags';
import { tagNames } from '../handler/ownership';
import { claimDecision } from '../model/ownership';
import type { LargeSegmentResourceSpec } from '../spec/resource-spec';

/** What was read: the workspace's large segments, and per environment the ones defined there. */
export interface LiveLargeSegments {
  readonly segments: ReadonlyMap<string, LargeSegment>;
  /** Environment as the code names it → its id and the names of the large segments defined there. */
  readonly environments: ReadonlyMap<string, { readonly id: string; readonly defined: ReadonlySet<string> }>;
}

/**
 * The workspace list (always: it also finds owned large segments that left the code), and one list
 * per environment the specs declare, only for segments that exist.
 */
export async function readLiveLargeSegments(ctx: HandlerContext, specs: readonly LargeSegmentResourceSpec[]): Promise<LiveLargeSegments> {
  const segments = new Map((await ctx.client.listLargeSegments(ctx.workspaceId)).map((s) => [s.name, s] as const));
  const environments = new Map<string, { id: string; defined: Set<string> }>();
  const wanted = specs.filter((s) => segments.has(s.segmentName)).flatMap((s) => s.environments.map((e) => e.environment));
  for (const env of [...new Set(wanted)].sort()) {
    const id = await ctx.environmentId(env);
    environments.set(env, { id, defined: new Set(await ctx.client.listLargeSegmentsInEnvironment(ctx.workspaceId, id, env)) });
  }
  return { segments, environments };
}

export function compareLargeSegment(spec: LargeSegmentResourceSpec, live: LiveLargeSegments): Difference[] {
  const name = spec.segmentName;
  const base = { kind: 'large segment' as const, name };
  const segment = live.segments.get(name);
  const out: Difference[] = [];
  const tags = tagNames(segment?.tags);
  if (!segment) {
    out.push({ ...base, field: 'largeSegment', action: 'create', details: [`+ large segment ${name} (traffic type ${spec.metadata.trafficType})`] });
  } else {
    const decision = claimDecision(largeSegmentOwnership(tags, segment.description), spec.stack ?? '', spec.transferFrom ?? [], spec.existing === 'adopt');
    const owner = ownershipDifference({ ...base, stack: spec.stack ?? '', decision, construct: 'LargeSegment' });
    if (owner) out.push(owner);
  }
  for (const part of spec.environments) {
    const env = live.environments.get(part.environment);
    const defined = segment !== undefined && env?.defined.has(name) === true;
    const record = env ? keysRecordOf(tags, env.id) : undefined;
    const digest = recordDigest(part.sha256);
    const details: string[] = defined ? [] : [`+ active in ${part.environment}`];
    if (record?.digest !== digest) {
      details.push(`~ keys file changed: ${part.keyCount} keys to upload (sha256 ${digest}${record ? `, FME's record: ${record.digest}` : ', no upload recorded'})`);
    } else if (record.changeRequestId) {
      // The deploy reads the change request: it clears the record once approved, or submits again.
      details.push(`~ keys upload of ${part.keyCount} keys recorded in change request ${record.changeRequestId}: the deploy checks whether it landed`);
    }
    if (details.length === 0) continue;
    out.push({
      ...base,
      environment: part.environment,
      field: 'keys',
      action: 'update',
      details,
      ...(record?.changeRequestId && record.digest === digest ? { openChangeRequest: record.changeRequestId } : {}),
    });
  }
  return out;
}
