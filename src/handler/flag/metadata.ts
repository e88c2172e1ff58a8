import type { Flag, JsonPatchOperation } from '../../client/types';
import { claimDecision, Ownership, tagsFor, withOwner } from '../../model/ownership';
import type { FlagMetadataSpec, FlagResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { objectLabel } from '../log';
import { flagOwnership, settleClaim, stackOf, tagNames } from '../ownership';
import { readOrCreate } from '../read-or-create';
import { plansOfFlag } from './plan-ownership';

interface FlagState {
  readonly flag: Flag;
  /** True when this run created the flag: its definitions cannot exist yet. */
  readonly created: boolean;
}

/**
 * Makes the flag's workspace-level metadata match the spec: create it when missing (POST, then
 * one PATCH for tags/rollout status/owners), or converge an existing one with one PATCH only if
 * something differs — after the ownership record allowed this stack to touch it
 * (docs/ownership.md). The tags carry that record: this stack as the owner, and the
 * definitions other stacks manage on the flag, which this stack keeps unless it takes them over.
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
    const liveType = live.trafficType?.name;
    if (liveType && liveType !== metadata.trafficType && live.trafficType?.id !== metadata.trafficType) {
      throw new HandlerError(
        `Flag "${spec.flagName}" exists with traffic type "${liveType}", but the stack declares "${metadata.trafficType}". ` +
        'FME cannot change a flag\'s traffic type: rename the flag, or declare the traffic type it has.');
    }
    const owned: Ownership = { ...withOwner(current, stack), managed: true, userTags: metadata.tags ?? current.userTags };
    const next = await plansOfFlag(ctx, spec, owned);
    const ops = await metadataPatch(ctx, live, metadata, created, next);
    const flag = ops.length > 0 ? await client.patchFlag(ws, spec.flagName, ops) : live;
    const action = created ? 'created' : ops.length > 0 ? 'metadata updated' : 'unchanged';
    return { flag, created, action: ownershipNote ? `${action}, ${ownershipNote}` : action };
  }, (r) => r.action);
  return { flag: result.flag, created: result.created };
}

/** JSON Patch operations that bring live metadata to the spec; fields the spec leaves unset stay as they are. */
async function metadataPatch(
  ctx: HandlerContext, live: Flag, metadata: FlagMetadataSpec, created: boolean, ownership: Ownership,
): Promise<JsonPatchOperation[]> {
  const ops: JsonPatchOperation[] = [];
  const opFor = (field: keyof Flag): 'add' | 'replace' => (field in live ? 'replace' : 'add');
  if (!created && metadata.description !== undefined && (live.description ?? '') !== metadata.description) {
    ops.push({ op: opFor('description'), path: '/description', value: metadata.description });
  }
  const wantedTags = tagsFor(ownership);
  if (JSON.stringify([...new Set(tagNames(live.tags))].sort()) !== JSON.stringify(wantedTags)) {
    ops.push({ op: opFor('tags'), path: '/tags', value: wantedTags.map((name) => ({ name })) });
  }
  if (metadata.owners !== undefined) {
    const liveOwners = [...new Set((live.owners ?? []).map((o) => o.id))].sort();
    const wantedOwners = [...new Set(metadata.owners)].sort();
    if (JSON.stringify(liveOwners) !== JSON.stringify(wantedOwners)) {
      ops.push({ op: opFor('owners'), path: '/owners', value: wantedOwners.map((id) => ({ id, type: 'user' })) });
    }
  }
  if (metadata.rolloutStatus !== undefined && live.rolloutStatus?.name?.toLowerCase() !== metadata.rolloutStatus.toLowerCase()) {
    ops.push({ op: 'replace', path: '/rolloutStatus/id', value: await ctx.rolloutStatusId(metadata.rolloutStatus) });
  }
  return ops;
}
