import { FmeApiError } from '../../client/errors';
import type { SegmentEnvironmentSpec, SegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { objectLabel } from '../log';
import { hasManagedTag, MANAGED_TAG } from '../ownership';

/** Converges a segment: create it when owned and missing, then activate it and converge its keys per environment. */
export async function convergeSegment(ctx: HandlerContext, spec: SegmentResourceSpec): Promise<void> {
  let created = false;
  if (spec.metadata) {
    const metadata = spec.metadata;
    const { result, tally } = await ctx.tracked(() => ensureSegment(ctx, spec, metadata.trafficType, metadata.description));
    created = result === 'created';
    ctx.log.info(`${objectLabel('segment', spec.segmentName)}: ${result} (${tally.describe()})`);
  }
  for (const part of spec.environments) {
    const { result, tally } = await ctx.tracked(() => convergeSegmentKeys(ctx, spec.segmentName, part, created));
    ctx.log.info(`${objectLabel('segment', spec.segmentName, part.environment)}: ${result} (${tally.describe()})`);
  }
}

async function ensureSegment(ctx: HandlerContext, spec: SegmentResourceSpec, trafficType: string, description?: string): Promise<string> {
  const { client, workspaceId: ws } = ctx;
  const live = await client.getSegment(ws, spec.segmentName);
  if (!live) {
    try {
      await client.createSegment(ws, trafficType, spec.segmentName, description);
    } catch (e) {
      if (!(e instanceof FmeApiError && e.status === 409)) throw e;
      return 'unchanged';
    }
    await markManaged(ctx, spec.segmentName);
    return 'created';
  }
  if (hasManagedTag(live.tags)) return 'unchanged';
  if (spec.existing === 'fail') {
    throw new HandlerError(
      `Segment "${spec.segmentName}" already exists in FME and was not created by cdktf-harness-fme; the stack's existing-object policy is "fail". ` +
      'Set existingObjects: ExistingObjectPolicy.ADOPT on the FmeConfig to take it over, or rename the segment.');
  }
  await markManaged(ctx, spec.segmentName, (live.tags ?? []).map((t) => t.name));
  return 'adopted';
}

async function markManaged(ctx: HandlerContext, segment: string, tags: string[] = []): Promise<void> {
  await ctx.client.transport.send({
    method: 'POST',
    path: `/tags/ws/${encodeURIComponent(ctx.workspaceId)}/object/${encodeURIComponent(segment)}/objecttype/Segment`,
    body: [...new Set([...tags, MANAGED_TAG])],
    context: { operation: 'tag segment', segment },
  });
}

/** Activates the segment in the environment if needed and adds/removes keys to reach the spec. */
async function convergeSegmentKeys(ctx: HandlerContext, segment: string, part: SegmentEnvironmentSpec, segmentJustCreated: boolean): Promise<string> {
  const envId = await ctx.environmentId(part.environment);
  const { client } = ctx;
  const liveKeys = segmentJustCreated ? undefined : await client.getSegmentKeys(envId, segment, part.environment);
  const actions: string[] = [];
  if (liveKeys === undefined) {
    await client.activateSegment(envId, segment, part.environment);
    actions.push('activated');
  }
  const live = new Set(liveKeys ?? []);
  const toAdd = new Set<string>();
  const toRemove = new Set<string>();
  if (part.keys) {
    const wanted = new Set(part.keys);
    for (const k of wanted) if (!live.has(k)) toAdd.add(k);
    for (const k of live) if (!wanted.has(k)) toRemove.add(k);
  }
  for (const k of part.addKeys ?? []) if (!live.has(k)) toAdd.add(k);
  for (const k of part.removeKeys ?? []) if (live.has(k)) { toRemove.add(k); toAdd.delete(k); }
  if (toAdd.size > 0) {
    await client.uploadSegmentKeys(envId, segment, [...toAdd], false, part.environment);
    actions.push(`${toAdd.size} key(s) added`);
  }
  if (toRemove.size > 0) {
    await client.removeSegmentKeys(envId, segment, [...toRemove], part.environment);
    actions.push(`${toRemove.size} key(s) removed`);
  }
  return actions.length > 0 ? actions.join(', ') : 'unchanged';
}

/** Empties the segment in an environment and removes it from there (FME requires an empty segment). */
export async function removeSegmentFromEnvironment(ctx: HandlerContext, segment: string, environment: string): Promise<string> {
  const envId = await ctx.environmentId(environment);
  const keys = await ctx.client.getSegmentKeys(envId, segment, environment);
  if (keys === undefined) return 'already absent';
  if (keys.length > 0) await ctx.client.removeSegmentKeys(envId, segment, keys, environment);
  await ctx.client.deactivateSegment(envId, segment, environment);
  return 'removed from environment';
}
