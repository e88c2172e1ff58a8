/**
 * Removing what leaves of flags — definitions, and flags themselves — for `delete` and `reconcile`
 * alike, under the ownership rules (docs/ownership.md): a stack deletes only what it owns, hands an
 * object over to the app's stack that declares it now, and leaves everything else.
 */
import type { Flag } from '../../client/types';
import {
  definitionManager, Ownership, plansOfOthers, RemovalDecision, withoutPlan, withOwner, withPlan,
} from '../../model/ownership';
import type { RemovalPolicySpec } from '../../spec/resource-spec';
import { environmentIdIfAny, HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { objectLabel } from '../log';
import { flagOwnership, tagsDiffer, writeFlagOwnership } from '../ownership';
import { archiveFlag, deleteDefinition, deleteFlag } from './delete-objects';
import { deleteInDependencyOrder, Deletion } from '../removal/dependency-retry';
import type { Elsewhere } from '../removal/elsewhere';
import { decide, ObjectRemoval, readLeaving } from '../removal/leaving';

/** A flag whose definitions have been dealt with, waiting for its own removal or a new record. */
interface PendingFlag {
  readonly removal: ObjectRemoval;
  readonly live: Flag;
  readonly before: Ownership;
  next: Ownership;
  retainedDefinition: boolean;
}

/**
 * Removes what leaves of each flag (`parts`: its definitions), as far as this stack (`stack`;
 * undefined for a version 1 spec) owns it: every definition first, then the flags, because FME
 * refuses to delete a flag another flag's definition still depends on.
 */
export async function removeFlags(
  ctx: HandlerContext, stack: string | undefined, removals: readonly ObjectRemoval[], elsewhere: Elsewhere,
): Promise<void> {
  const pending: PendingFlag[] = [];
  const deletions: Deletion[] = [];
  for (const removal of removals) {
    const live = await readLeaving(ctx, 'flag', removal.name, () => ctx.client.getFlag(ctx.workspaceId, removal.name));
    if (!live) continue;
    const before = flagOwnership(live);
    const state: PendingFlag = { removal, live, before, next: before, retainedDefinition: false };
    for (const d of removal.parts) {
      const label = objectLabel('flag', removal.name, d.env);
      const envId = await environmentIdIfAny(ctx, d.env);
      if (envId === undefined) {
        ctx.log.info(`${label}: environment no longer exists, nothing to delete`);
        continue;
      }
      // An archived flag keeps its definitions (so unarchiving brings them back); a definition whose
      // flag stays cannot be archived on its own, so ARCHIVE deletes it (docs/fme-api.md#archive-and-unarchive).
      const keptWithFlag = d.policy === 'archive' && removal.itself?.policy === 'archive';
      const policy = keptWithFlag ? 'retain' : d.policy === 'archive' ? 'destroy' : d.policy;
      const decision = decide(policy, definitionManager(before, envId), before.managed, stack, elsewhere.stackOf('definition', removal.name, d.env));
      if (decision.kind === 'delete') {
        deletions.push({
          what: `the definition of flag "${removal.name}" in environment "${d.env}"`,
          run: () => deleteDefinition(ctx, removal.name, d.env, { details: d.changeDetails, rolloutStatusId: live.rolloutStatus?.id }),
        });
        state.next = withoutPlan(state.next, envId);
      } else if (decision.kind === 'hand over') {
        state.next = withPlan(state.next, envId, decision.to);
        ctx.log.info(`${label}: handed over to stack "${decision.to}", which declares it now`);
      } else {
        state.retainedDefinition ||= d.policy === 'retain';
        const reason = keptWithFlag && decision.reason.startsWith('retained') ? 'kept with its flag, which is archived' : decision.reason;
        ctx.log.info(`${label}: left in place, ${reason}`);
      }
    }
    pending.push(state);
  }
  // Definitions that leave together may require one another: deleted in an order FME accepts.
  await deleteInDependencyOrder(ctx, deletions);
  for (const state of pending) {
    if (state.removal.itself && await removeFlagItself(ctx, stack, state, state.removal.itself.policy, elsewhere)) continue;
    if (tagsDiffer(state.live.tags, state.next)) await writeFlagOwnership(ctx, state.live, state.next);
  }
}

/** Decides and carries out the flag's own removal (delete, or archive under `archive`); true when the flag was removed. */
async function removeFlagItself(
  ctx: HandlerContext, stack: string | undefined, state: PendingFlag, policy: RemovalPolicySpec, elsewhere: Elsewhere,
): Promise<boolean> {
  const { removal, before } = state;
  const label = objectLabel('flag', removal.name);
  // Deleting the flag would delete a retained definition with it.
  // Deleting (or archiving) the flag would delete (or hide from SDKs) a retained definition with it.
  const decision: RemovalDecision = state.retainedDefinition && policy !== 'retain' && before.owner === stack
    ? { kind: 'leave', reason: 'kept because a retained definition of it stays' }
    : decide(policy, before.owner, before.managed, stack, elsewhere.stackOf('flag', removal.name));
  if (decision.kind === 'delete') {
    const others = plansOfOthers(state.next, stack);
    if (others.length > 0) {
      const managers = [...new Set(others.map((id) => `"${state.next.plans.get(id)}"`))].join(', ');
      throw new HandlerError(
        `Flag "${removal.name}" was not deleted: stack ${managers} still manages its definition in ${others.length} environment(s), ` +
        `and ${policy === 'archive' ? 'archiving' : 'deleting'} the flag would ${policy === 'archive' ? 'hide' : 'delete'} those too. `
        + 'Remove those RolloutPlans from that stack first, keep the FeatureFlag, or set its removalPolicy to RETAIN.');
    }
    if (policy === 'archive') await archiveFlag(ctx, state.live, removal.parts.map((p) => p.env));
    else await deleteFlag(ctx, removal.name);
    return true;
  }
  if (decision.kind === 'hand over') {
    state.next = withOwner(state.next, decision.to);
    ctx.log.info(`${label}: handed over to stack "${decision.to}", which declares it now`);
  } else {
    ctx.log.info(`${label}: left in place, ${decision.reason}`);
  }
  return false;
}
