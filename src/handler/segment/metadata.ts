import { claimDecision, Ownership, withOwner } from '../../model/ownership';
import type { SegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { segmentOwnership, settleClaim, stackOf, tagsDiffer, writeSegmentOwnership } from '../ownership';
import { readOrCreate } from '../read-or-create';

/**
 * Creates the segment when missing, or checks the ownership record of the live one
 * (docs/ownership.md), and records this stack as its owner. Returns the progress text.
 */
export async function ensureSegment(ctx: HandlerContext, spec: SegmentResourceSpec, trafficType: string, description?: string): Promise<string> {
  const { client, workspaceId: ws } = ctx;
  const stack = stackOf(spec);
  const { live, created } = await readOrCreate(
    () => client.getSegment(ws, spec.segmentName),
    () => client.createSegment(ws, trafficType, spec.segmentName, description));
  const current = segmentOwnership(live);
  const decision = claimDecision(created ? undefined : current, stack, spec.transferFrom ?? [], spec.existing === 'adopt');
  const note = settleClaim(decision, { label: `Segment "${spec.segmentName}"`, construct: 'Segment' }, stack);
  const next: Ownership = { ...withOwner(current, stack), managed: true };
  if (created || tagsDiffer(live.tags, next)) await writeSegmentOwnership(ctx, spec.segmentName, next);
  return created ? 'created' : note ?? 'unchanged';
}
