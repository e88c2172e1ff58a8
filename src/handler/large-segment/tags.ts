import { FmeApiError } from '../../client/errors';
import type { LargeSegment } from '../../client/types';
import { Ownership, ownershipOf, tagsFor } from '../../model/ownership';
import type { HandlerContext } from '../context';
import { tagNames } from '../ownership';
import { isKeysRecordTag } from './keys-record';
import { ownerInDescription } from '../segment/owner-marker';

/** The answers that mean "large segments take no tags" (as for segments: docs/fme-api.md#tags). */
const TAGS_REFUSED = [400, 404, 405];

/** A large segment's record: its tags (keys records aside), else the owner marker of its description (docs/ownership.md). */
export function largeSegmentOwnership(tags: readonly string[], description: string | null | undefined): Ownership {
  const fromTags = ownershipOf(tags.filter((t) => !isKeysRecordTag(t)));
  if (fromTags.owner !== undefined || fromTags.managed) return fromTags;
  const owner = ownerInDescription(description);
  return owner === undefined ? fromTags : { ...fromTags, owner, managed: true };
}

/**
 * The live tags of a large segment, kept current by this deploy's writes (FME's answer to a tag
 * write is not read back). Ownership (docs/ownership.md) is read from them, or from the owner
 * marker written into the description at creation, as for segments.
 */
export class LargeSegmentTags {
  private tags: string[];
  private unsupported = false;
  private readonly description: string | null | undefined;

  constructor(private readonly ctx: HandlerContext, private readonly name: string, live: LargeSegment) {
    this.tags = tagNames(live.tags);
    this.description = live.description;
  }

  public get names(): readonly string[] {
    return this.tags;
  }

  public ownership(): Ownership {
    return largeSegmentOwnership(this.tags, this.description);
  }

  /**
   * Writes `ownership` plus the keys records in `records` (the tag list is replaced as a whole).
   * Returns false when FME takes no tags on large segments: then nothing is recorded, and every
   * deploy that runs this resource uploads again (docs/fme-api.md#large-segments).
   */
  public async write(ownership: Ownership, records: readonly string[]): Promise<boolean> {
    const next = [...new Set([...tagsFor(ownership).filter((t) => !isKeysRecordTag(t)), ...records])].sort();
    if (JSON.stringify(next) === JSON.stringify([...this.tags].sort())) return true;
    if (this.unsupported) return false;
    try {
      await this.ctx.client.setLargeSegmentTags(this.ctx.workspaceId, this.name, next);
    } catch (e) {
      if (!(e instanceof FmeApiError && e.status !== undefined && TAGS_REFUSED.includes(e.status))) throw e;
      this.unsupported = true;
      this.ctx.log.warn(`large segment ${this.name}: FME takes no tags on large segments here (${e.message}); the owner stays in the description ` +
        'marker, and no record of uploaded keys is kept, so a deploy that runs this resource uploads its keys again.');
      return false;
    }
    this.tags = next;
    return true;
  }
}
