/**
 * Removing large segments — from environments, and themselves — for `delete` and `reconcile`
 * alike, under the ownership rules (docs/ownership.md), as for segments. Deleting a large segment
 * takes it out of every environment and needs no change request; taking it out of one
 * environment only (`DELETE /large-segments/{env}/{name}`) drops its keys there
 * (docs/fme-api.md#large-segments).
 */
import { withOwner } from '../../model/ownership';
import type { LargeSegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { isKeysRecordTag, withKeysRecord } from './keys-record';
import { LargeSegmentTags } from './tags';
import { retryWhileDependedOn } from '../removal/dependency-retry';
import { Elsewhere } from '../removal/elsewhere';
import { decide, ObjectRemoval } from '../removal/leaving';

/** The large segment's `delete` step: its environments leave, then the segment itself. */
export async function deleteLargeSegmentResource(ctx: HandlerContext, spec: LargeSegmentResourceSpec): Promise<void> {
  const removal: ObjectRemoval = {
    name: spec.segmentName,
    parts: spec.environments.map((p) => ({ env: p.environment, policy: p.removalPolicy })),
    itself: { policy: spec.removalPolicy },
  };
  await removeLargeSegments(ctx, spec.stack, [removal], new Elsewhere());
}

export async function removeLargeSegments(
  ctx: HandlerContext, stack: string | undefined, removals: readonly ObjectRemoval[], elsewhere: Elsewhere,
): Promise<void> {
  for (const removal of removals) {
    const label = objectLabel('large segment', removal.name);
    const live = await ctx.client.getLargeSegment(ctx.workspaceId, removal.name);
    if (!live) {
      ctx.log.info(`${label}: already absent`);
      continue;
    }
    const tags = new LargeSegmentTags(ctx, removal.name, live);
    const before = tags.ownership();
    const declaredBy = elsewhere.stackOf('largeSegment', removal.name);
    const parts = removal.parts.map((e) => ({ env: e.env, decision: decide(e.policy, before.owner, before.managed, stack, declaredBy) }));
    const kept = parts.some((p) => p.decision.kind !== 'delete');
    const itself = removal.itself && (kept && removal.itself.policy === 'destroy' && before.owner === stack && declaredBy === undefined
      ? { kind: 'leave', reason: 'kept because it stays in some environment' } as const
      : decide(removal.itself.policy, before.owner, before.managed, stack, declaredBy));
    if (itself?.kind === 'delete') {
      // Deleting the segment takes it out of every environment at once.
      await ctx.step(label, () => retryWhileDependedOn(ctx, `large segment "${removal.name}"`,
        async () => await ctx.client.deleteLargeSegment(ctx.workspaceId, removal.name) ? 'deleted' : 'already absent'));
      continue;
    }
    for (const { env, decision } of parts) {
      if (decision.kind !== 'delete') {
        if (decision.kind === 'leave') ctx.log.info(`${objectLabel('large segment', removal.name, env)}: left in place, ${decision.reason}`);
        continue;
      }
      await ctx.step(objectLabel('large segment', removal.name, env), async () => {
        const envId = await ctx.environmentId(env);
        const removed = await ctx.client.deactivateLargeSegment(envId, removal.name, env);
        await tags.write(before, withKeysRecord(tags.names.filter(isKeysRecordTag), envId, undefined));
        return removed ? 'removed from environment' : 'already absent';
      });
    }
    if (itself?.kind === 'hand over') {
      const written = await tags.write(withOwner(before, itself.to), tags.names.filter(isKeysRecordTag));
      ctx.log.info(written
        ? `${label}: handed over to stack "${itself.to}", which declares it now`
        : `${label}: left in place for stack "${itself.to}", which declares it now (FME takes no tags here, so the hand-over is not recorded; set transferFrom there)`);
    } else if (itself) {
      ctx.log.info(`${label}: left in place, ${itself.reason}`);
    }
  }
}
