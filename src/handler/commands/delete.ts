import type { ObjectResourceSpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import { deleteFlagResource } from '../flag/delete';
import { removeFlagSets } from '../flag-set/remove';
import { deleteLargeSegmentResource } from '../large-segment/remove';
import { Log, specLabel } from '../log';
import { Elsewhere } from '../removal/elsewhere';
import { removeRuleBasedSegments } from '../rule-based-segment/remove';
import { deleteSegmentResource } from '../segment/delete';

/**
 * `delete` (destroy step). With `create_before_destroy` a replacement runs only the new object's
 * create step, so this runs only on a real destroy (docs/terraform-facts.md, fact 3;
 * docs/decisions.md, D2). Honours removal policies and ownership (docs/ownership.md); a retained
 * object costs no API call at all.
 */
export async function runDelete(spec: ObjectResourceSpec, log: Log, env: NodeJS.ProcessEnv): Promise<void> {
  if (spec.removalPolicy === 'retain') {
    log.info(`${specLabel(spec)}: retained (removal policy RETAIN), nothing deleted`);
    return;
  }
  if (spec.kind === 'flagSet') {
    await HandlerContext.run(spec.target, log, env, (ctx) =>
      removeFlagSets(ctx, spec.stack, [{ name: spec.flagSetName, policy: spec.removalPolicy }], new Elsewhere()));
    return;
  }
  const parts = spec.environments as { environment: string; removalPolicy: string }[];
  // `archive` on a definition whose flag stays means delete it (docs/fme-api.md#archive-and-unarchive).
  if (!parts.some((p) => p.removalPolicy !== 'retain') && !spec.metadata) {
    log.info(`${specLabel(spec)}: every environment part is retained, nothing deleted`);
    return;
  }
  await HandlerContext.run(spec.target, log, env, async (ctx) => {
    switch (spec.kind) {
      case 'flag': return deleteFlagResource(ctx, spec);
      case 'segment': return deleteSegmentResource(ctx, spec);
      case 'largeSegment': return deleteLargeSegmentResource(ctx, spec);
      case 'ruleBasedSegment': {
        const leaving = spec.environments.map((p) => ({ env: p.environment, policy: p.removalPolicy }));
        const removal = { name: spec.segmentName, parts: leaving, itself: { policy: spec.removalPolicy } };
        return removeRuleBasedSegments(ctx, spec.stack, [removal], new Elsewhere());
      }
    }
  });
}
