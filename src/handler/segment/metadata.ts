import { claimDecision, Ownership, withOwner } from '../../model/ownership';
import type { SegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { segmentOwnership, settleClaim, stackOf, tagsDiffer, writeSegmentOwnership } from '../ownership';
import { readOrCreate } from '../read-or-create';
import { withOwnerMarker } from './owner-marker';

/**
 * Creates the segment when missing, or checks the ownership record of the live one
 * (docs/ownership.md), and records this stack as its owner. Returns the progress text.
 *
 * A new segment carries the owner marker in its description from the start, because that is the
 * only moment FME takes a description; the tags are written as well where FME takes them, and
 * then they are the record.
 */
export async function ensureSegment(ctx: HandlerContext, spec: SegmentResourceSpec, trafficType: string, description?: string): Promise<string> {
  const { client, workspaceId: ws } = ctx;
  const stack = stackOf(spec);
  const { live, created } = await readOrCreate(
    () => client.getSegment(ws, spec.segmentName),
    () => client.createSegment(ws, trafficType, spec.segmentName, withOwnerMarker(description, stack)));
  const current = segmentOwnership(live);
  const decision = claimDecision(created ? undefined : current, stack, spec.transferFrom ?? [], spec.existing === 'adopt');
  const label = `Segment "${spec.segmentName}"`;
  const note = settleClaim(decision, { label, construct: 'Segment' }, stack);
  const next: Ownership = { ...withOwner(current, stack), managed: true };
  // An existing segment read without a `tags` field: FME shows no tags on segments here, so a tag
  // write would only be refused — one wasted write on every deploy (docs/fme-api.md#tags).
  const tagsShown = created || live.tags !== undefined;
  if (created || tagsDiffer(live.tags, next)) {
    const recorded = tagsShown ? await writeSegmentOwnership(ctx, spec.segmentName, next) : 'unsupported';
    if (recorded === 'unsupported' && current.owner !== stack) ctx.log.warn(unrecordedOwnerWarning(label, stack, current.owner));
  }
  return created ? 'created' : note ?? 'unchanged';
}

/**
 * An existing segment (adopted, taken over, or made by an earlier version) cannot be re-marked
 * where FME takes no segment tags: the marker lives in the description, which no public endpoint
 * changes (docs/ownership.md, "Limits").
 */
export function unrecordedOwnerWarning(label: string, stack: string, recordedOwner: string | undefined): string {
  const head = `${label}: FME takes no tags on segments in this workspace and no Admin API endpoint changes a segment's description, ` +
    `so stack "${stack}" cannot be recorded as its owner in FME; the record lives only in this stack's inventory.`;
  if (recordedOwner === undefined) {
    return `${head} FME has no record that this stack manages it, so this stack's destroy leaves it and its keys in place.`;
  }
  return `${head} FME still names stack "${recordedOwner}": keep transferFrom: '${recordedOwner}' on the Segment (it is taken over again on every deploy), ` +
    `and remove it from stack "${recordedOwner}" only with removalPolicy RETAIN, or that stack's next deploy deletes it.`;
}
