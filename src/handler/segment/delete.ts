import type { SegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { removeSegments } from './remove';
import { Elsewhere } from '../removal/elsewhere';

/**
 * The segment's `delete` step (docs/ownership.md): an owned segment leaves this stack's
 * environments, then goes itself; from a segment managed elsewhere only the keys this stack put
 * in are taken out, in the environments whose policy is `destroy`.
 */
export async function deleteSegmentResource(ctx: HandlerContext, spec: SegmentResourceSpec): Promise<void> {
  if (spec.metadata) {
    const parts = spec.environments.map((p) => ({ env: p.environment, policy: p.removalPolicy }));
    await removeSegments(ctx, spec.stack, [{ name: spec.segmentName, parts, itself: { policy: spec.removalPolicy } }], new Elsewhere());
    return;
  }
  for (const part of spec.environments.filter((p) => p.removalPolicy === 'destroy')) {
    await removeDeclaredKeys(ctx, spec.segmentName, part.environment, [...(part.keys ?? []), ...(part.addKeys ?? [])]);
  }
}

/** For a segment managed elsewhere: take out only the keys this stack put in. */
async function removeDeclaredKeys(ctx: HandlerContext, segment: string, environment: string, declared: string[]): Promise<void> {
  await ctx.step(objectLabel('segment', segment, environment), async () => {
    const envId = await ctx.environmentId(environment);
    const live = await ctx.client.getSegmentKeys(envId, segment, environment);
    const present = declared.filter((k) => live?.includes(k));
    if (present.length === 0) return 'no declared keys present';
    await ctx.client.removeSegmentKeys(envId, segment, present, environment);
    return `${present.length} declared key(s) removed`;
  });
}
