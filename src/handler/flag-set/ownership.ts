import type { FlagSet } from '../../client/types';
import type { Ownership } from '../../model/ownership';
import { ownerInDescription } from '../segment/owner-marker';

/**
 * A flag set's ownership record: the owner marker its description ends with
 * (`[cdktf-fme-owner:<stack>]`), written when the library creates it. FME's v3 API has no tags and
 * no update for flag sets (docs/fme-api.md#flag-sets), so, as for segments in workspaces without
 * segment tags, that marker is the only record FME can hold (docs/ownership.md).
 */
export function flagSetOwnership(set: FlagSet): Ownership {
  const owner = ownerInDescription(set.description);
  return { owner, managed: owner !== undefined, plans: new Map(), userTags: [] };
}
