/**
 * Removing what leaves of segments — their environments, and segments themselves — for `delete`
 * and `reconcile` alike, under the ownership rules (docs/ownership.md). A segment another stack of
 * the app declares now is handed over whole: that stack converges its keys in every environment.
 */
import { Ownership, RemovalDecision, withOwner } from '../../model/ownership';
import type { ChangeDetailsSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { segmentOwnership, writeSegmentOwnership } from '../ownership';
import { deleteSegment, deleteSegmentDefinition } from './delete-objects';
import type { Elsewhere } from '../removal/elsewhere';
import { decide, ObjectRemoval, readLeaving } from '../removal/leaving';

/**
 * Removes what leaves of each segment (`parts`: its environments), as far as this stack owns it:
 * environments first, then segments. Whether a segment itself goes is decided before its
 * environments are emptied, because an environment that requires approvals need not be emptied
 * (through a change request) when the segment is deleted anyway. `detailsFor` gives the title,
 * comment and approvers of change requests per environment, where the caller knows them.
 */
export async function removeSegments(
  ctx: HandlerContext, stack: string | undefined, removals: readonly ObjectRemoval[], elsewhere: Elsewhere,
  detailsFor: (environment: string) => ChangeDetailsSpec | undefined = () => undefined,
): Promise<void> {
  const pending: Array<{ removal: ObjectRemoval; before: Ownership; itself?: RemovalDecision }> = [];
  for (const removal of removals) {
    const live = await readLeaving(ctx, 'segment', removal.name, () => ctx.client.getSegment(ctx.workspaceId, removal.name));
    if (!live) continue;
    const before = segmentOwnership(live);
    const declaredBy = elsewhere.stackOf('segment', removal.name);
    const parts = removal.parts.map((e) => ({ env: e.env, decision: decide(e.policy, before.owner, before.managed, stack, declaredBy) }));
    const kept = parts.some((p) => p.decision.kind !== 'delete');
    const itself = removal.itself && (kept && removal.itself.policy === 'destroy' && before.owner === stack && declaredBy === undefined
      ? { kind: 'leave', reason: 'kept because it stays in some environment' } as const
      : decide(removal.itself.policy, before.owner, before.managed, stack, declaredBy));
    for (const { env, decision } of parts) {
      if (decision.kind === 'delete') {
        await deleteSegmentDefinition(ctx, removal.name, env, itself?.kind === 'delete', detailsFor(env));
      } else if (decision.kind === 'leave') {
        ctx.log.info(`${objectLabel('segment', removal.name, env)}: left in place, ${decision.reason}`);
      }
    }
    pending.push({ removal, before, itself });
  }
  for (const { removal, before, itself } of pending) {
    if (!itself) continue;
    const label = objectLabel('segment', removal.name);
    if (itself.kind === 'delete') {
      await deleteSegment(ctx, removal.name);
    } else if (itself.kind === 'hand over') {
      await handOver(ctx, removal.name, before, itself.to);
    } else {
      ctx.log.info(`${label}: left in place, ${itself.reason}`);
    }
  }
}

/** Records the stack that declares the segment now as its owner (where FME takes segment tags). */
async function handOver(ctx: HandlerContext, segment: string, before: Ownership, to: string): Promise<void> {
  const label = objectLabel('segment', segment);
  if (await writeSegmentOwnership(ctx, segment, withOwner(before, to)) === 'tagged') {
    ctx.log.info(`${label}: handed over to stack "${to}", which declares it now`);
    return;
  }
  const next = before.owner === undefined
    ? `FME records no owner, so stack "${to}" takes it on its next deploy.`
    : `FME still names stack "${before.owner}" as its owner: set transferFrom: '${before.owner}' on the Segment in stack "${to}" and keep it there (docs/ownership.md, "Limits").`;
  ctx.log.warn(`${label}: left in place for stack "${to}", which declares it now; FME takes no tags on segments in this workspace and no Admin API ` +
    `endpoint changes a segment's description, so the hand-over cannot be recorded. ${next}`);
}
