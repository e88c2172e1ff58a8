import type { SegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { objectLabel } from '../log';
import { convergeSegmentKeys } from './keys';
import { ensureSegment } from './metadata';

/**
 * The segment's `converge` step: create it when the stack owns it and it is missing (and record
 * the owner), then activate it and converge its keys in each environment the spec declares.
 * With `failUntilApproved`, the step fails after every environment was converged when key
 * changes wait for approval in some (docs/decisions.md#d17-change-requests-that-do-not-land); it
 * always fails when key removals could not be submitted yet (see `convergeSegmentKeys`).
 */
export async function convergeSegment(ctx: HandlerContext, spec: SegmentResourceSpec): Promise<void> {
  let created = false;
  if (spec.metadata) {
    const metadata = spec.metadata;
    created = await ctx.step(objectLabel('segment', spec.segmentName), () => ensureSegment(ctx, spec, metadata.trafficType, metadata.description)) === 'created';
  }
  const waiting: string[] = [];
  const notSubmitted: string[] = [];
  for (const part of spec.environments) {
    const outcome = await ctx.step(objectLabel('segment', spec.segmentName, part.environment),
      () => convergeSegmentKeys(ctx, spec.segmentName, part, created), (o) => o.text);
    if (outcome.waitingForApproval && part.changeDetails?.failUntilApproved) waiting.push(part.environment);
    if (outcome.removalsNotSubmitted) notSubmitted.push(outcome.removalsNotSubmitted);
  }
  if (notSubmitted.length > 0) {
    throw new HandlerError(
      `Segment "${spec.segmentName}": ${notSubmitted.join('; ')} were not submitted, because FME takes one open change request per segment ` +
      'and environment. Approve (or reject) the open change request in FME, then deploy again: this step fails until then, so that Terraform runs it again.');
  }
  if (waiting.length > 0) {
    throw new HandlerError(
      `Segment "${spec.segmentName}" waits for approval in ${waiting.join(', ')}: its keys are not in FME yet. ` +
      'Approve the change request in FME, then deploy again (FmeConfig failUntilApproved makes the deploy fail until then).');
  }
}
