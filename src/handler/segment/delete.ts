import type { ChangeDetailsSpec, SegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { isApprovalRequired, SegmentInEnvironment } from './change-request';
import { removeThroughChangeRequest } from './delete-objects';
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
    const details = new Map(spec.environments.map((p) => [p.environment, p.changeDetails]));
    const removal = { name: spec.segmentName, parts, itself: { policy: spec.removalPolicy } };
    await removeSegments(ctx, spec.stack, [removal], new Elsewhere(), (env) => details.get(env));
    return;
  }
  for (const part of spec.environments.filter((p) => p.removalPolicy === 'destroy')) {
    await removeDeclaredKeys(ctx, spec.segmentName, part.environment, [...(part.keys ?? []), ...(part.addKeys ?? [])], part.changeDetails);
  }
}

/**
 * For a segment managed elsewhere: take out only the keys this stack put in (through a change
 * request where the environment requires approvals).
 */
async function removeDeclaredKeys(
  ctx: HandlerContext, segment: string, environment: string, declared: string[], details: ChangeDetailsSpec | undefined,
): Promise<void> {
  await ctx.step(objectLabel('segment', segment, environment), async () => {
    const where: SegmentInEnvironment = { segment, environment, envId: await ctx.environmentId(environment) };
    const live = await ctx.client.readSegmentKeys(where.envId, segment, environment);
    const present = declared.filter((k) => live?.keys.includes(k));
    if (live === undefined || present.length === 0) return 'no declared keys present';
    try {
      await ctx.client.removeSegmentKeys(where.envId, segment, present, environment, details);
    } catch (e) {
      if (!isApprovalRequired(e)) throw e;
      return removeThroughChangeRequest(ctx, where, present, live.openChangeRequestId, details, 'the declared keys leave once it is approved');
    }
    return `${present.length} declared key(s) removed`;
  });
}
