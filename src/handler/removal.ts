/**
 * Removing what a stack no longer declares — objects that left its code (`reconcile`) or every
 * object of a destroyed resource (`delete`) — under the ownership rules (docs/ownership.md): a
 * stack deletes only what it owns, hands an object over to the app's stack that declares it now,
 * and leaves everything else. Every step is idempotent: an object already gone is success.
 */
import { environmentIdIfAny, HandlerContext } from './context';
import { deleteDefinition, deleteFlag, deleteSegment, deleteSegmentDefinition } from './deletion';
import { HandlerError } from './errors';
import { objectLabel } from './log';
import { flagOwnership, segmentOwnership, tagsDiffer, writeFlagOwnership, writeSegmentOwnership } from './ownership';
import type { Flag } from '../client/types';
import {
  definitionManager, Ownership, plansOfOthers, RemovalDecision, removalDecision, withoutPlan, withPlan,
} from '../model/ownership';
import type { DeclaredElsewhere, RemovalPolicySpec } from '../spec/resource-spec';

/** One object to remove: its environment (for definitions) and its removal policy. */
export interface Leaving {
  readonly env: string;
  readonly policy: RemovalPolicySpec;
}

/** What the app's other stacks declare now (from the inventory file), by object. */
export class Elsewhere {
  private static key(t: string, name: string, env: string | undefined): string {
    return JSON.stringify([t, name, env ?? null]);
  }

  private readonly stacks = new Map<string, string>();

  constructor(entries: readonly DeclaredElsewhere[] = []) {
    for (const e of entries) this.stacks.set(Elsewhere.key(e.t, 'flag' in e ? e.flag : e.segment, 'env' in e ? e.env : undefined), e.stack);
  }

  /** The other stack that declares this object now, if any. */
  public stackOf(t: DeclaredElsewhere['t'], name: string, env?: string): string | undefined {
    return this.stacks.get(Elsewhere.key(t, name, env));
  }
}

/** The removal decision, with a retained object that nobody else declares left alone. */
function decide(
  policy: RemovalPolicySpec, manager: string | undefined, managed: boolean, stack: string | undefined, declaredBy: string | undefined,
): RemovalDecision {
  if (policy === 'retain' && declaredBy === undefined) return { kind: 'leave', reason: 'retained (removal policy RETAIN)' };
  return removalDecision(manager, managed, stack, declaredBy);
}

/** One flag to remove from: the definitions that leave, and the flag itself when it leaves too. */
export interface FlagRemoval {
  readonly flag: string;
  readonly definitions: readonly Leaving[];
  /** Present when the flag itself leaves. */
  readonly flagItself?: { readonly policy: RemovalPolicySpec };
}

/** One segment to remove from: the environments it leaves, and the segment itself when it leaves too. */
export interface SegmentRemoval {
  readonly segment: string;
  readonly environments: readonly Leaving[];
  readonly segmentItself?: { readonly policy: RemovalPolicySpec };
}

/**
 * Removes what leaves of each flag, as far as this stack (`stack`; undefined for a version 1
 * spec) owns it: every definition first, then the flags, because FME refuses to delete a flag
 * another flag's definition still depends on.
 */
export async function removeFlags(
  ctx: HandlerContext, stack: string | undefined, removals: readonly FlagRemoval[], elsewhere: Elsewhere,
): Promise<void> {
  const pending: Array<{ removal: FlagRemoval; live: Flag; before: Ownership; next: Ownership; retainedDefinition: boolean }> = [];
  for (const removal of removals) {
    const live = await ctx.client.getFlag(ctx.workspaceId, removal.flag);
    if (!live) {
      ctx.log.info(`${objectLabel('flag', removal.flag)}: already absent`);
      continue;
    }
    const before = flagOwnership(live);
    const state = { removal, live, before, next: before, retainedDefinition: false };
    for (const d of removal.definitions) {
      const label = objectLabel('flag', removal.flag, d.env);
      const envId = await environmentIdIfAny(ctx, d.env);
      if (envId === undefined) {
        ctx.log.info(`${label}: environment no longer exists, nothing to delete`);
        continue;
      }
      const decision = decide(d.policy, definitionManager(before, envId), before.managed, stack, elsewhere.stackOf('definition', removal.flag, d.env));
      if (decision.kind === 'delete') {
        await deleteDefinition(ctx, removal.flag, d.env);
        state.next = withoutPlan(state.next, envId);
      } else if (decision.kind === 'hand over') {
        state.next = withPlan(state.next, envId, decision.to);
        ctx.log.info(`${label}: handed over to stack "${decision.to}", which declares it now`);
      } else {
        state.retainedDefinition ||= d.policy === 'retain';
        ctx.log.info(`${label}: left in place, ${decision.reason}`);
      }
    }
    pending.push(state);
  }
  for (const state of pending) {
    if (state.removal.flagItself && await removeFlagItself(ctx, stack, state, state.removal.flagItself.policy, elsewhere)) continue;
    if (tagsDiffer(state.live.tags, state.next)) await writeFlagOwnership(ctx, state.live, state.next);
  }
}

/** Decides and carries out the flag's own removal; true when the flag was deleted. */
async function removeFlagItself(
  ctx: HandlerContext, stack: string | undefined,
  state: { removal: FlagRemoval; before: Ownership; next: Ownership; retainedDefinition: boolean },
  policy: RemovalPolicySpec, elsewhere: Elsewhere,
): Promise<boolean> {
  const { removal, before } = state;
  const label = objectLabel('flag', removal.flag);
  // Deleting the flag would delete a retained definition with it.
  const decision: RemovalDecision = state.retainedDefinition && policy === 'destroy' && before.owner === stack
    ? { kind: 'leave', reason: 'kept because a retained definition of it stays' }
    : decide(policy, before.owner, before.managed, stack, elsewhere.stackOf('flag', removal.flag));
  if (decision.kind === 'delete') {
    const others = plansOfOthers(state.next, stack);
    if (others.length > 0) {
      const managers = [...new Set(others.map((id) => `"${state.next.plans.get(id)}"`))].join(', ');
      throw new HandlerError(
        `Flag "${removal.flag}" was not deleted: stack ${managers} still manages its definition in ${others.length} environment(s), ` +
        'and deleting the flag would delete those too. Remove those RolloutPlans from that stack first, keep the FeatureFlag, or set its removalPolicy to RETAIN.');
    }
    await deleteFlag(ctx, removal.flag);
    return true;
  }
  if (decision.kind === 'hand over') {
    // The new owner needs no separate record of the definitions it manages.
    state.next = { ...state.next, owner: decision.to, plans: new Map([...state.next.plans].filter(([, s]) => s !== decision.to)) };
    ctx.log.info(`${label}: handed over to stack "${decision.to}", which declares it now`);
  } else {
    ctx.log.info(`${label}: left in place, ${decision.reason}`);
  }
  return false;
}

/**
 * Removes what leaves of each segment, as far as this stack owns it: environments first, then
 * segments. A segment another stack of the app declares now is handed over whole: that stack
 * converges its keys in every environment.
 */
export async function removeSegments(
  ctx: HandlerContext, stack: string | undefined, removals: readonly SegmentRemoval[], elsewhere: Elsewhere,
): Promise<void> {
  const pending: Array<{ removal: SegmentRemoval; before: Ownership; kept: boolean }> = [];
  for (const removal of removals) {
    const live = await ctx.client.getSegment(ctx.workspaceId, removal.segment);
    if (!live) {
      ctx.log.info(`${objectLabel('segment', removal.segment)}: already absent`);
      continue;
    }
    const before = segmentOwnership(live);
    const declaredBy = elsewhere.stackOf('segment', removal.segment);
    let kept = false;
    for (const e of removal.environments) {
      const decision = decide(e.policy, before.owner, before.managed, stack, declaredBy);
      if (decision.kind === 'delete') {
        await deleteSegmentDefinition(ctx, removal.segment, e.env);
      } else {
        kept = true;
        if (decision.kind === 'leave') ctx.log.info(`${objectLabel('segment', removal.segment, e.env)}: left in place, ${decision.reason}`);
      }
    }
    pending.push({ removal, before, kept });
  }
  for (const { removal, before, kept } of pending) {
    if (!removal.segmentItself) continue;
    const declaredBy = elsewhere.stackOf('segment', removal.segment);
    const policy = removal.segmentItself.policy;
    const decision: RemovalDecision = kept && policy === 'destroy' && before.owner === stack && declaredBy === undefined
      ? { kind: 'leave', reason: 'kept because it stays in some environment' }
      : decide(policy, before.owner, before.managed, stack, declaredBy);
    const label = objectLabel('segment', removal.segment);
    if (decision.kind === 'delete') {
      await deleteSegment(ctx, removal.segment);
    } else if (decision.kind === 'hand over') {
      await writeSegmentOwnership(ctx, removal.segment, { ...before, owner: decision.to });
      ctx.log.info(`${label}: handed over to stack "${decision.to}", which declares it now`);
    } else {
      ctx.log.info(`${label}: left in place, ${decision.reason}`);
    }
  }
}
