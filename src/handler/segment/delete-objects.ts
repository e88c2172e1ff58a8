/**
 * The API deletes of a segment's objects, each one step with its progress line. Each is
 * idempotent: an object that is already gone is success, so a crash at any point can be followed
 * by a re-run (docs/decisions.md, D6).
 */
import type { ChangeDetailsSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { isApprovalRequired, SegmentInEnvironment, stillOpen, submitSegmentChangeRequest } from './change-request';
import { retryWhileDependedOn } from '../removal/dependency-retry';

/**
 * Empties the segment in an environment and removes it from there (FME deactivates only an empty
 * segment: docs/fme-api.md, section on segments).
 *
 * An environment that requires approvals refuses the key removal (403). When the segment itself
 * is deleted next (`segmentGoesToo`), nothing more is done there: deleting a segment needs no
 * change request and takes it out of every environment. Otherwise the keys are removed through a
 * change request; once it is approved the segment stays in that environment, empty, since nothing
 * runs again to remove it (docs/ownership.md, "Limits").
 */
export async function deleteSegmentDefinition(
  ctx: HandlerContext, segment: string, environment: string, segmentGoesToo = false, details?: ChangeDetailsSpec,
): Promise<void> {
  await ctx.step(objectLabel('segment', segment, environment), async () => {
    const where: SegmentInEnvironment = { segment, environment, envId: await ctx.environmentId(environment) };
    const live = await ctx.client.readSegmentKeys(where.envId, segment, environment);
    if (live === undefined) return 'already absent';
    if (live.keys.length > 0) {
      try {
        await ctx.client.removeSegmentKeys(where.envId, segment, live.keys, environment, details);
      } catch (e) {
        if (!isApprovalRequired(e)) throw e;
        if (segmentGoesToo) return 'left to the deletion of the segment (its keys need a change request here, deleting the segment needs none)';
        return removeThroughChangeRequest(ctx, where, live.keys, live.openChangeRequestId, details,
          'once it is approved the segment stays in this environment, empty; remove it there in FME');
      }
    }
    await ctx.client.deactivateSegment(where.envId, segment, environment);
    return 'removed from environment';
  });
}

/**
 * Removes keys in an environment that requires approvals: one `ARCHIVE` change request, unless
 * one is open already. Returns the progress text; `afterwards` says what approving it leaves.
 */
export async function removeThroughChangeRequest(
  ctx: HandlerContext, where: SegmentInEnvironment, keys: string[], openId: string | null, details: ChangeDetailsSpec | undefined, afterwards: string,
): Promise<string> {
  if (openId) return stillOpen(ctx, where, openId, `${keys.length} key(s) to remove`);
  const id = await submitSegmentChangeRequest(ctx, where, 'ARCHIVE', keys, details);
  if (id === undefined) return `change request not submitted (${keys.length} key(s) to remove): one is already open`;
  return `change request ${id} submitted to remove ${keys.length} key(s); approve it in FME (${afterwards})`;
}

export async function deleteSegment(ctx: HandlerContext, segment: string): Promise<void> {
  await ctx.step(objectLabel('segment', segment), () => retryWhileDependedOn(ctx, `segment "${segment}"`,
    async () => await ctx.client.deleteSegment(ctx.workspaceId, segment) ? 'deleted' : 'already absent'));
}
