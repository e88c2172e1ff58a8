/**
 * Imported objects become owned by the importing stack (docs/ownership.md): the same tags its
 * first deploy would write, written at import time so that deploying the generated code is a
 * no-op. Objects another stack owns are not taken: they are reported, and `diff` shows them as
 * owned by that stack until they are transferred.
 */
import type { WorkspaceExport } from './read-workspace';
import { FmeApiError } from '../../client/errors';
import { HandlerContext } from '../../handler/context';
import { flagOwnership, segmentOwnership, tagsDiffer, writeFlagOwnership, writeSegmentOwnership } from '../../handler/ownership';
import { ruleBasedOwnership } from '../../handler/rule-based-segment/converge';
import { Ownership, withOwner } from '../../model/ownership';

export interface ClaimResult {
  readonly claimed: string[];
  /** `segment x: <FME's answer>` — FME may refuse tags on segments (docs/fme-api.md#tags). */
  readonly refused: string[];
  /** `flag x (owned by stack "y")`. */
  readonly ownedElsewhere: string[];
  /**
   * Segments whose owner FME cannot record: it takes no tags on segments there, and an existing
   * segment's description cannot be changed (docs/ownership.md, limits). The importing stack owns
   * them through its inventory only.
   */
  readonly unrecorded: string[];
  /**
   * Rule-based segments without an owner record: their only record is the description marker
   * written when the library creates one, and no public endpoint changes an existing one's
   * description or tags (docs/ownership.md). The importing stack owns them through its inventory only.
   */
  readonly unrecordable: string[];
}

/** One object to claim: its label, live tags, and how to write its record. */
interface Claimable {
  readonly label: string;
  readonly tags: readonly { readonly name: string }[] | null | undefined;
  readonly current: Ownership;
  /** Writes the record; `'unsupported'` when FME cannot hold it (segment tags). */
  readonly write: (next: Ownership) => Promise<unknown>;
}

export async function claimImported(ctx: HandlerContext, exported: WorkspaceExport, stack: string): Promise<ClaimResult> {
  const result: ClaimResult = { claimed: [], ownedElsewhere: [], refused: [], unrecorded: [], unrecordable: [] };
  for (const { segment } of exported.ruleBasedSegments) {
    const owner = ruleBasedOwnership(segment.description).owner;
    if (owner === undefined) result.unrecordable.push(`rule-based segment ${segment.name}`);
    else if (owner !== stack) result.ownedElsewhere.push(`rule-based segment ${segment.name} (owned by stack "${owner}")`);
  }
  const objects: Claimable[] = [
    ...exported.flags.map(({ flag }) => ({
      label: `flag ${flag.name}`, tags: flag.tags, current: flagOwnership(flag), write: (next: Ownership) => writeFlagOwnership(ctx, flag, next),
    })),
    ...exported.segments.map(({ segment }) => ({
      label: `segment ${segment.name}`,
      tags: segment.tags,
      current: segmentOwnership(segment),
      write: (next: Ownership) => writeSegmentOwnership(ctx, segment.name, next),
    })),
  ];
  for (const o of objects) {
    if (o.current.owner !== undefined && o.current.owner !== stack) {
      result.ownedElsewhere.push(`${o.label} (owned by stack "${o.current.owner}")`);
      continue;
    }
    const next: Ownership = { ...withOwner(o.current, stack), managed: true };
    if (!tagsDiffer(o.tags, next)) continue;
    try {
      if (await o.write(next) === 'unsupported') result.unrecorded.push(o.label);
      else result.claimed.push(o.label);
    } catch (e) {
      // FME may refuse tags on segments (docs/fme-api.md#tags): report it, keep going.
      if (!(e instanceof FmeApiError)) throw e;
      result.refused.push(`${o.label}: ${e.message}`);
    }
  }
  return result;
}
