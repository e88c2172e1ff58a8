/**
 * Reading and writing the ownership record (docs/ownership.md) on live FME objects. The rules
 * themselves — who may claim, take over or delete what — are in `src/model/ownership.ts`.
 */
import type { HandlerContext } from './context';
import { HandlerError } from './errors';
import { ownerInDescription } from './segment/owner-marker';
import { FmeApiError } from '../client/errors';
import type { Flag, Segment } from '../client/types';
import { ClaimDecision, Ownership, ownershipOf, tagsFor } from '../model/ownership';

type Tags = readonly { readonly name: string }[] | null | undefined;

/** The owning stack of a spec; every spec this version writes names one. */
export function stackOf(spec: { readonly stack?: string; readonly kind: string }): string {
  if (!spec.stack) {
    throw new HandlerError(`the ${spec.kind} spec names no owning stack (it was written by a version before ownership); re-synthesize the stack with this version of cdktf-harness-fme.`);
  }
  return spec.stack;
}

export function tagNames(tags: Tags): string[] {
  return (tags ?? []).map((t) => t.name);
}

export function flagOwnership(flag: Flag): Ownership {
  return ownershipOf(tagNames(flag.tags));
}

/**
 * A segment's record: its tags where they record an owner (or the managed tag), else the owner
 * marker in its description (written at creation for workspaces whose segments take no tags:
 * docs/ownership.md, "The record").
 */
export function segmentOwnership(segment: Segment): Ownership {
  const fromTags = ownershipOf(tagNames(segment.tags));
  if (fromTags.owner !== undefined || fromTags.managed) return fromTags;
  const owner = ownerInDescription(segment.description);
  return owner === undefined ? fromTags : { ...fromTags, owner, managed: true };
}

/** Whether `next` needs a tag write over the live tags. */
export function tagsDiffer(live: Tags, next: Ownership): boolean {
  return JSON.stringify([...new Set(tagNames(live))].sort()) !== JSON.stringify(tagsFor(next));
}

/** What the object is and which prop moves it, for error messages. */
interface OwnedObject {
  /** e.g. `Flag "new_checkout"`, `The definition of flag "x" in environment "Production"`. */
  readonly label: string;
  /** The construct whose `transferFrom` moves it, e.g. `FeatureFlag`. */
  readonly construct: string;
}

/**
 * The one error for "another stack owns this": names both stacks and both ways to move it.
 * Nothing has been written when it is thrown.
 */
function ownedElsewhereError(object: OwnedObject, owner: string, stack: string): HandlerError {
  return new HandlerError(
    `${object.label} is owned by stack "${owner}", not by this stack "${stack}"; nothing was changed. ` +
    'One stack owns each FME object. To move it to this stack, either deploy stack ' +
    `"${owner}" first with it removed from that stack's code (when both stacks are in one cdktf app, that deploy hands it over to the stack that declares it), ` +
    `or set transferFrom: '${owner}' on the ${object.construct} (or transferFrom: ['${owner}'] on this stack's FmeConfig) and deploy again. ` +
    `If both stacks should keep it, keep it in "${owner}" and remove it here.`);
}

/**
 * Turns a claim decision into a progress phrase, or throws when the stack may not manage the
 * object (`refused` is the `existingObjects: FAIL` policy).
 */
export function settleClaim(decision: ClaimDecision, object: OwnedObject, stack: string): string | undefined {
  switch (decision.kind) {
    case 'owned': return undefined;
    case 'claim': return decision.how === 'created' ? undefined : decision.how === 'adopted' ? 'adopted' : 'ownership recorded';
    case 'take over': return `taken over from stack "${decision.from}"`;
    case 'owned elsewhere': throw ownedElsewhereError(object, decision.owner, stack);
    case 'refused':
      throw new HandlerError(
        `${object.label} already exists in FME and was not created by cdktf-harness-fme; the stack's existing-object policy is "fail". ` +
        `Set existingObjects: ExistingObjectPolicy.ADOPT on the FmeConfig to take it over, or rename the ${RENAMED[object.construct] ?? 'flag'}.`);
  }
}

/** What to rename, by the construct that declares the object. */
const RENAMED: Record<string, string> = { Segment: 'segment', FlagSet: 'flag set' };

/** The answers that mean "segments take no tags" on the tags endpoint. */
const SEGMENT_TAGS_REFUSED = [400, 404, 405];

/**
 * Writes a segment's record as tags (the tags endpoint replaces the list: docs/fme-api.md, section
 * on tags) and says whether it could. FME may take no tags on segments (unconfirmed; answered with
 * 404, 400 or 405): then nothing is written, `'unsupported'` is returned, and the workspace is
 * remembered in the shared cache so later resources of the deploy do not ask again.
 */
export async function writeSegmentOwnership(ctx: HandlerContext, segment: string, next: Ownership): Promise<'tagged' | 'unsupported'> {
  const key = `segmentTagsUnsupported:${ctx.workspaceId}`;
  if (ctx.cache.get<boolean>(key)) return 'unsupported';
  try {
    await ctx.client.setSegmentTags(ctx.workspaceId, segment, tagsFor(next));
    return 'tagged';
  } catch (e) {
    if (!(e instanceof FmeApiError && e.status !== undefined && SEGMENT_TAGS_REFUSED.includes(e.status))) throw e;
    ctx.cache.set(key, true);
    return 'unsupported';
  }
}

/** Writes a flag's tags with one JSON Patch. */
export async function writeFlagOwnership(ctx: HandlerContext, flag: Flag, next: Ownership): Promise<Flag> {
  return ctx.client.patchFlag(ctx.workspaceId, flag.name, [
    { op: flag.tags === undefined ? 'add' : 'replace', path: '/tags', value: tagsFor(next).map((name) => ({ name })) },
  ]);
}
