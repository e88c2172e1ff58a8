import type { SegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { convergeSegmentKeys } from './keys';
import { ensureSegment } from './metadata';

/**
 * The segment's `converge` step: create it when the stack owns it and it is missing (and record
 * the owner), then activate it and converge its keys in each environment the spec declares.
 */
export async function convergeSegment(ctx: HandlerContext, spec: SegmentResourceSpec): Promise<void> {
  let created = false;
  if (spec.metadata) {
    const metadata = spec.metadata;
    created = await ctx.step(objectLabel('segment', spec.segmentName), () => ensureSegment(ctx, spec, metadata.trafficType, metadata.description)) === 'created';
  }
  for (const part of spec.environments) {
    await ctx.step(objectLabel('segment', spec.segmentName, part.environment), () => convergeSegmentKeys(ctx, spec.segmentName, part, created));
  }
}
