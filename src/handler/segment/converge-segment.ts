import { FmeApiError } from '../../client/errors';
import { claimDecision, Ownership } from '../../model/ownership';
import type { SegmentEnvironmentSpec, SegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { segmentOwnership, settleClaim, stackOf, tagsDiffer, writeSegmentOwnership } from '../ownership';

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

/**
 * Creates the segment when missing, or checks the ownership record of the live one
 * (docs/ownership.md), and records this stack as its owner.
 */
async function ensureSegment(ctx: HandlerContext, spec: SegmentResourceSpec, trafficType: string, description?: string): Promise<string> {
  const { client, workspaceId: ws } = ctx;
  const stack = stackOf(spec);
  let live = await client.getSegment(ws, spec.segmentName);
  let created = false;
  if (!live) {
    try {
      live = await client.createSegment(ws, trafficType, spec.segmentName, description);
      created = true;
    } catch (e) {
      // Another attempt (a crashed earlier run, a retried POST) created it meanwhile.
      if (!(e instanceof FmeApiError && e.status === 409)) throw e;
      live = await client.getSegment(ws, spec.segmentName);
      if (!live) throw e;
    }
  }
  const current = segmentOwnership(live);
  const decision = claimDecision(created ? undefined : current, stack, spec.transferFrom ?? [], spec.existing === 'adopt');
  const note = settleClaim(decision, { label: `Segment "${spec.segmentName}"`, construct: 'Segment' }, stack);
  const next: Ownership = { ...current, owner: stack, managed: true };
  if (created || tagsDiffer(live.tags, next)) await writeSegmentOwnership(ctx, spec.segmentName, next);
  return created ? 'created' : note ?? 'unchanged';
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
