/**
 * The API deletes of a segment's objects, each one step with its progress line. Each is
 * idempotent: an object that is already gone is success, so a crash at any point can be followed
 * by a re-run (docs/decisions.md, D6).
 */
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { retryWhileDependedOn } from '../removal/dependency-retry';

/**
 * Empties the segment in an environment and removes it from there (FME deactivates only an empty
 * segment: docs/fme-api.md, section on segments).
 */
export async function deleteSegmentDefinition(ctx: HandlerContext, segment: string, environment: string): Promise<void> {
  await ctx.step(objectLabel('segment', segment, environment), async () => {
    const envId = await ctx.environmentId(environment);
    const keys = await ctx.client.getSegmentKeys(envId, segment, environment);
    if (keys === undefined) return 'already absent';
    if (keys.length > 0) await ctx.client.removeSegmentKeys(envId, segment, keys, environment);
    await ctx.client.deactivateSegment(envId, segment, environment);
    return 'removed from environment';
  });
}

export async function deleteSegment(ctx: HandlerContext, segment: string): Promise<void> {
  await ctx.step(objectLabel('segment', segment), () => retryWhileDependedOn(ctx, `segment "${segment}"`,
    async () => await ctx.client.deleteSegment(ctx.workspaceId, segment) ? 'deleted' : 'already absent'));
}
