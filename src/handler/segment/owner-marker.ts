/**
 * The owner marker in a segment's description: the ownership record for workspaces where FME
 * takes no tags on segments (docs/ownership.md, "The record"). FME accepts a description when a
 * segment is created, and no public endpoint changes it afterwards, so the marker is written once,
 * at creation, as the description's last line: `[cdktf-fme-owner:<stack id>]`.
 *
 * Pure: no I/O.
 */

const MARKER = /(?:^|\n)\[cdktf-fme-owner:([a-zA-Z0-9][-_a-zA-Z0-9]*)\]$/;

/** The description to create a segment with: the user's text, then the marker line. */
export function withOwnerMarker(description: string | undefined, stack: string): string {
  const marker = `[cdktf-fme-owner:${stack}]`;
  return description ? `${description}\n${marker}` : marker;
}

/** The stack the marker names, or undefined when the description carries none. */
export function ownerInDescription(description: string | null | undefined): string | undefined {
  return MARKER.exec(description ?? '')?.[1];
}

/**
 * The user's part of a live description, without the marker: what any comparison with the
 * `Segment` construct's `description` must use, so the marker never shows up as a difference.
 */
export function userDescription(description: string | null | undefined): string {
  return (description ?? '').replace(MARKER, '');
}
