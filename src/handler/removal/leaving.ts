/**
 * What removing a flag or a segment shares, for `delete` and `reconcile` alike: what leaves, the
 * removal decision, and reading the live object first (docs/ownership.md, section on the rules).
 */
import { RemovalDecision, removalDecision } from '../../model/ownership';
import type { ChangeDetailsSpec, RemovalPolicySpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';

/** One environment part that leaves (a flag's definition, a segment in one environment), with its removal policy. */
export interface Leaving {
  readonly env: string;
  readonly policy: RemovalPolicySpec;
  /**
   * Title, comment, approvers and schedule of a change request that removes it where the
   * environment requires approvals; known on a destroy step (the spec has them), not on reconcile.
   */
  readonly changeDetails?: ChangeDetailsSpec;
}

/** One flag or segment to remove from: the environment parts that leave, and the object itself when it leaves too. */
export interface ObjectRemoval {
  readonly name: string;
  readonly parts: readonly Leaving[];
  /** Present when the object itself leaves. */
  readonly itself?: { readonly policy: RemovalPolicySpec };
}

/** The removal decision, with a retained object that nobody else declares left alone. */
export function decide(
  policy: RemovalPolicySpec, manager: string | undefined, managed: boolean, stack: string | undefined, declaredBy: string | undefined,
): RemovalDecision {
  if (policy === 'retain' && declaredBy === undefined) return { kind: 'leave', reason: 'retained (removal policy RETAIN)' };
  // ARCHIVE is decided like DESTROY (only the owner archives); the caller archives instead of deleting.
  return removalDecision(manager, managed, stack, declaredBy);
}

/** Reads the live object that leaves; one already gone is logged and skipped (undefined). */
export async function readLeaving<T>(
  ctx: HandlerContext, kind: 'flag' | 'segment', name: string, read: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const live = await read();
  if (!live) ctx.log.info(`${objectLabel(kind, name)}: already absent`);
  return live;
}
