import type { InventorySpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import { removeFlags } from '../flag/remove';
import { removeFlagSets } from '../flag-set/remove';
import { removeLargeSegments } from '../large-segment/remove';
import { Log } from '../log';
import { Elsewhere } from '../removal/elsewhere';
import { entriesToRemove, removalsOf } from '../removal/inventory';
import { movedWorkspace } from '../removal/workspace-move';
import { removeRuleBasedSegments } from '../rule-based-segment/remove';
import { removeSegments } from '../segment/remove';

/**
 * `reconcile` (destroy step of an inventory shard): removes what left the code since the last
 * deploy (docs/decisions.md, D3) — Terraform itself drops removed resource blocks silently
 * (docs/terraform-facts.md, fact 4) — under the ownership rules (docs/ownership.md). When the
 * stack moved to another workspace, everything it had in the previous workspace left the code there.
 */
export async function runReconcile(previous: InventorySpec, next: InventorySpec, log: Log, env: NodeJS.ProcessEnv): Promise<void> {
  const moved = await movedWorkspace(previous, next, log, env);
  const elsewhere = new Elsewhere(moved ? [] : next.elsewhere);
  const leaving = entriesToRemove(previous, next, moved, elsewhere);
  if (leaving.length === 0) {
    log.info('inventory: nothing removed from the code');
    return;
  }
  if (moved) log.info(`inventory: the stack now manages another workspace; removing its ${leaving.length} object(s) from the previous one`);
  // Objects the previous inventory lists belong to the stack it names (a renamed stack takes over
  // only what its code still declares); a version 1 inventory names none.
  const stack = previous.stack ?? next.stack;
  await HandlerContext.run(previous.target, log, env, async (ctx) => {
    await removeFlags(ctx, stack, removalsOf(leaving, 'flag'), elsewhere);
    // After the flags that may use them, before the standard segments they may exclude.
    await removeRuleBasedSegments(ctx, stack, removalsOf(leaving, 'ruleBasedSegment'), elsewhere);
    await removeSegments(ctx, stack, removalsOf(leaving, 'segment'), elsewhere);
    await removeLargeSegments(ctx, stack, removalsOf(leaving, 'largeSegment'), elsewhere);
    // Last: definitions that carried a set are gone (or converged without it) by now where possible.
    const sets = leaving.flatMap((e) => (e.t === 'flagSet' ? [{ name: e.flagSet, policy: e.policy }] : []));
    await removeFlagSets(ctx, stack, sets, elsewhere);
  });
}
