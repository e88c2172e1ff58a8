/**
 * Removing what leaves of segments — their environments, and segments themselves — for `delete`
 * and `reconcile` alike, under the ownership rules (docs/ownership.md). A segment another stack of
 * the app declares now is handed over whole: that stack converges its keys in every environment.
 */
import { Ownership, RemovalDecision, withOwner } from '../../model/ownership';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { segmentOwnership, writeSegmentOwnership } from '../ownership';
import { deleteSegment, deleteSegmentDefinition } from './delete-objects';
import type { Elsewhere } from '../removal/elsewhere';
import { decide, ObjectRemoval, readLeaving } from '../removal/leaving';

/**
 * Removes what leaves of each segment (`parts`: its environments), as far as this stack owns it:
 * environments first, then segments.
 */
export async function removeSegments(
  ctx: HandlerContext, stack: string | undefined, removals: readonly ObjectRemoval[], elsewhere: Elsewhere,
): Promise<void> {
  const pending: Array<{ removal: ObjectRemoval; before: Ownership; kept: boolean }> = [];
  for (const removal of removals) {
    const live = await readLeaving(ctx, 'segment', removal.name, () => ctx.client.getSegment(ctx.workspaceId, removal.name));
    if (!live) continue;
    const before = segmentOwnership(live);
    const declaredBy = elsewhere.stackOf('segment', removal.name);
    let kept = false;
    for (const e of removal.parts) {
      const decision = decide(e.policy, before.owner, before.managed, stack, declaredBy);
      if (decision.kind === 'delete') {
        await deleteSegmentDefinition(ctx, removal.name, e.env);
      } else {
        kept = true;
        if (decision.kind === 'leave') ctx.log.info(`${objectLabel('segment', removal.name, e.env)}: left in place, ${decision.reason}`);
      }
    }
    pending.push({ removal, before, kept });
  }
  for (const { removal, before, kept } of pending) {
    if (!removal.itself) continue;
    const declaredBy = elsewhere.stackOf('segment', removal.name);
    const policy = removal.itself.policy;
    const decision: RemovalDecision = kept && policy === 'destroy' && before.owner === stack && declaredBy === undefined
      ? { kind: 'leave', reason: 'kept because it stays in some environment' }
      : decide(policy, before.owner, before.managed, stack, declaredBy);
    const label = objectLabel('segment', removal.name);
    if (decision.kind === 'delete') {
      await deleteSegment(ctx, removal.name);
    } else if (decision.kind === 'hand over') {
      await writeSegmentOwnership(ctx, removal.name, withOwner(before, decision.to));
      ctx.log.info(`${label}: handed over to stack "${decision.to}", which declares it now`);
    } else {
      ctx.log.info(`${label}: left in place, ${decision.reason}`);
    }
  }
}
