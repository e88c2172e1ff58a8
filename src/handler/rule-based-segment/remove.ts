/**
 * Removing what leaves of rule-based segments — their environments, and the segments themselves —
 * for `delete` and `reconcile` alike, under the ownership rules (docs/ownership.md). The record is
 * the owner marker in the description, which nothing can rewrite: a segment another stack of the
 * app declares now is left for it (it takes it with `transferFrom` or adoption).
 */
import { RuleBasedSegmentsApi } from '../../client/rule-based-segments';
import type { HandlerContext } from '../context';
import { ruleBasedLabel, ruleBasedOwnership } from './converge';
import { retryWhileDependedOn } from '../removal/dependency-retry';
import type { Elsewhere } from '../removal/elsewhere';
import { decide, ObjectRemoval } from '../removal/leaving';

export async function removeRuleBasedSegments(
  ctx: HandlerContext, stack: string | undefined, removals: readonly ObjectRemoval[], elsewhere: Elsewhere,
): Promise<void> {
  const api = new RuleBasedSegmentsApi(ctx.client);
  for (const removal of removals) {
    const live = await api.get(ctx.workspaceId, removal.name);
    if (!live) {
      ctx.log.info(`${ruleBasedLabel(removal.name)}: already absent`);
      continue;
    }
    const before = ruleBasedOwnership(live.description);
    const declaredBy = elsewhere.stackOf('ruleBasedSegment', removal.name);
    const parts = removal.parts.map((e) => ({ env: e.env, decision: decide(e.policy, before.owner, before.managed, stack, declaredBy) }));
    const itself = removal.itself && decide(removal.itself.policy, before.owner, before.managed, stack, declaredBy);
    // Deleting the segment takes it out of every environment; its environments go one by one only when it stays.
    const goes = itself?.kind === 'delete' && !parts.some((p) => p.decision.kind !== 'delete');
    for (const { env, decision } of parts) {
      const label = ruleBasedLabel(removal.name, env);
      if (decision.kind !== 'delete') {
        ctx.log.info(`${label}: left in place, ${decision.kind === 'leave' ? decision.reason : `declared by stack "${decision.to}"`}`);
      } else if (!goes) {
        await ctx.step(label, async () => await api.deactivate(await ctx.environmentId(env), removal.name, env) ? 'removed from environment' : 'already absent');
      }
    }
    if (!itself) continue;
    const label = ruleBasedLabel(removal.name);
    if (goes) {
      await ctx.step(label, () => retryWhileDependedOn(ctx, `rule-based segment "${removal.name}"`,
        async () => await api.delete(ctx.workspaceId, removal.name) ? 'deleted' : 'already absent'));
    } else if (itself.kind === 'delete') {
      ctx.log.info(`${label}: kept because it stays in some environment`);
    } else {
      ctx.log.info(`${label}: left in place, ${itself.kind === 'leave' ? itself.reason : `for stack "${itself.to}", which declares it now`}`);
    }
  }
}
