import type { Flag, JsonPatchOperation } from '../../client/types';
import { claimDecision, Ownership, tagsFor, withOwner } from '../../model/ownership';
import type { FlagMetadataSpec, FlagResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { objectLabel } from '../log';
import { flagOwnership, settleClaim, stackOf, tagNames } from '../ownership';
import { readOrCreate } from '../read-or-create';
import { isArchived } from './delete-objects';
import { plansOfFlag } from './plan-ownership';

interface FlagState {
  readonly flag: Flag;
  /** True when this run created the flag: its definitions cannot exist yet. */
  readonly created: boolean;
}

/**
 * Makes the flag's workspace-level metadata match the spec: create it when missing, or converge
 * an existing one — after the ownership record allowed this stack to touch it (docs/ownership.md).
 * The tags carry that record: this stack as the owner, and the definitions other stacks manage on
 * the flag, which this stack keeps unless it takes them over.
 *
 * Tags are written in a PATCH of their own, before the description and rollout status: FME applies
 * a JSON Patch as a unit, so one refused field would otherwise leave the flag without its ownership
 * record (docs/fme-api.md#flags). Owners are never written: the Admin API v2 cannot set them.
 */
export async function convergeFlagMetadata(ctx: HandlerContext, spec: FlagResourceSpec, metadata: FlagMetadataSpec): Promise<FlagState> {
  const { client, workspaceId: ws } = ctx;
  const stack = stackOf(spec);
  const result = await ctx.step(objectLabel('flag', spec.flagName), async (): Promise<FlagState & { action: string }> => {
    const { live, created } = await readOrCreate(
      () => client.getFlag(ws, spec.flagName),
      () => client.createFlag(ws, metadata.trafficType, spec.flagName, metadata.description));
    const current = flagOwnership(live);
    const decision = claimDecision(created ? undefined : current, stack, spec.transferFrom ?? [], spec.existing === 'adopt');
    const ownershipNote = settleClaim(decision, { label: `Flag "${spec.flagName}"`, construct: 'FeatureFlag' }, stack);
    const liveType = conflictingTrafficType(live, metadata);
    if (liveType) {
      throw new HandlerError(
        `Flag "${spec.flagName}" exists with traffic type "${liveType}", but the stack declares "${metadata.trafficType}". ` +
        'FME cannot change a flag\'s traffic type: rename the flag, or declare the traffic type it has.');
    }
    // A flag this stack archived earlier (RemovalPolicy.ARCHIVE) is back in the code: unarchive it
    // first, since FME serves an archived flag as `control` (docs/fme-api.md#archive-and-unarchive).
    const unarchived = isArchived(live);
    if (unarchived) await client.unarchiveFlag(ws, spec.flagName);
    const owned: Ownership = { ...withOwner(current, stack), managed: true, userTags: metadata.tags ?? current.userTags };
    const next = await plansOfFlag(ctx, spec, owned);
    let flag: Flag = unarchived ? { ...live, status: 'ACTIVE' } : live;
    for (const ops of [tagsPatch(live, next), await fieldsPatch(ctx, live, metadata, created)]) {
      if (ops.length > 0) flag = await client.patchFlag(ws, spec.flagName, ops);
    }
    const action = created ? 'created' : unarchived ? 'unarchived' : flag !== live ? 'metadata updated' : 'unchanged';
    return { flag, created, action: ownershipNote ? `${action}, ${ownershipNote}` : action };
  }, (r) => r.action);
  return { flag: result.flag, created: result.created };
}

function opFor(live: Flag, field: keyof Flag): 'add' | 'replace' {
  return field in live ? 'replace' : 'add';
}

/** The tags (user tags and the ownership record), when they differ from the live ones. */
function tagsPatch(live: Flag, ownership: Ownership): JsonPatchOperation[] {
  const wantedTags = tagsFor(ownership);
  if (JSON.stringify([...new Set(tagNames(live.tags))].sort()) === JSON.stringify(wantedTags)) return [];
  return [{ op: opFor(live, 'tags'), path: '/tags', value: wantedTags.map((name) => ({ name })) }];
}

/** The live traffic type when it is not the declared one (FME cannot change it); undefined when they agree. */
export function conflictingTrafficType(live: Flag, metadata: FlagMetadataSpec): string | undefined {
  const liveType = live.trafficType?.name;
  return liveType && liveType !== metadata.trafficType && live.trafficType?.id !== metadata.trafficType ? liveType : undefined;
}

/** The spec sets a description that differs from the live one. */
export function descriptionDiffers(live: Flag, metadata: FlagMetadataSpec): boolean {
  return metadata.description !== undefined && (live.description ?? '') !== metadata.description;
}

/** The spec sets a rollout status (by name, case-insensitive) that differs from the live one. */
export function rolloutStatusDiffers(live: Flag, metadata: FlagMetadataSpec): boolean {
  return metadata.rolloutStatus !== undefined && live.rolloutStatus?.name?.toLowerCase() !== metadata.rolloutStatus.toLowerCase();
}

/** Description and rollout status, where the spec sets them and they differ; fields the spec leaves unset stay as they are. */
async function fieldsPatch(ctx: HandlerContext, live: Flag, metadata: FlagMetadataSpec, created: boolean): Promise<JsonPatchOperation[]> {
  const ops: JsonPatchOperation[] = [];
  if (!created && descriptionDiffers(live, metadata)) {
    ops.push({ op: opFor(live, 'description'), path: '/description', value: metadata.description });
  }
  if (rolloutStatusDiffers(live, metadata)) {
    ops.push({ op: 'replace', path: '/rolloutStatus/id', value: await ctx.rolloutStatusId(metadata.rolloutStatus!) });
  }
  return ops;
}
