import { FmeApiError } from '../../client/errors';
import type { Definition, DefinitionRequest, Flag, JsonPatchOperation } from '../../client/types';
import type { EnvironmentPartSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { objectLabel } from '../log';
import { ChangeRequestTarget, submitFlagChangeRequest, writeNote } from './change-request';
import { changedFields, DefinitionField } from './definition-diff';
import { composeDesired, DesiredDefinition, requestBody, withFlagSetIds } from './desired-definition';

interface DefinitionConvergeInput {
  readonly flag: string;
  readonly part: EnvironmentPartSpec;
  /** The flag was created by this run: no definition can exist, skip the read. */
  readonly flagJustCreated: boolean;
  /** Live flag metadata when already read (change requests need its rollout status). */
  readonly liveFlag?: Flag;
  /** The live definition when already read (by the ownership check); absent: read it here. */
  readonly preRead?: { readonly definition: Definition | undefined };
  /** Ids of the flag sets the flag's definitions name, by name (`flagSetIdsOf`); empty when none do. */
  readonly flagSetIds?: ReadonlyMap<string, string>;
}

/**
 * Converges one flag's definition in one environment: one read, then at most one write (a JSON
 * Patch of the changed top-level fields, kill/restore for a kill-only change, or a POST when it is
 * missing) — or a change request in approval-gated environments. Never deletes (docs/decisions.md, D2).
 */
export async function convergeDefinition(ctx: HandlerContext, input: DefinitionConvergeInput): Promise<DefinitionOutcome> {
  const { flag, part } = input;
  let waiting = false;
  await ctx.step(objectLabel('flag', flag, part.environment), async () => {
    const live = input.flagJustCreated ? undefined
      : input.preRead ? input.preRead.definition
        : await ctx.client.getDefinition(ctx.workspaceId, flag, part.environment);
    const desired = withFlagSetIds(composeDesired(flag, part, live), input.flagSetIds ?? new Map());
    if (live && part.writeMode === 'changeRequest') waiting = changedFields(live, desired).length > 0;
    if (!live && part.writeMode === 'changeRequest') waiting = true;
    return live ? update(ctx, input, live, desired) : create(ctx, input, desired);
  });
  return { waitingForApproval: waiting };
}

/** What converging one definition left to do. */
export interface DefinitionOutcome {
  /** The definition still differs from the code and waits for a change request's approval. */
  readonly waitingForApproval: boolean;
}

function requestTarget(input: DefinitionConvergeInput, live: Definition | undefined): ChangeRequestTarget {
  return { flag: input.flag, environment: input.part.environment, details: input.part.changeDetails, openRequestId: live?.openChangeRequestId };
}

function rolloutStatusReader(ctx: HandlerContext, input: DefinitionConvergeInput): () => Promise<string | undefined> {
  return async () => (input.liveFlag ?? await ctx.client.getFlag(ctx.workspaceId, input.flag))?.rolloutStatus?.id;
}

async function create(ctx: HandlerContext, input: DefinitionConvergeInput, desired: DesiredDefinition): Promise<string> {
  const { flag, part } = input;
  if (part.writeMode === 'changeRequest') {
    return submitFlagChangeRequest(ctx, requestTarget(input, undefined), 'CREATE', requestBody(desired), rolloutStatusReader(ctx, input));
  }
  const note = writeNote(part.changeDetails);
  // Whether a create takes `impressionsDisabled` or `flagSets` is unconfirmed; the PATCH path is the
  // one Harness's own pipeline steps use (docs/fme-api.md#impression-tracking, #flag-sets), so both
  // are set that way afterwards, in one PATCH.
  const { impressionsDisabled, flagSets: _flagSets, ...body } = requestBody(desired);
  let created: Definition;
  try {
    created = await ctx.client.createDefinition(ctx.workspaceId, flag, part.environment, body, note);
  } catch (e) {
    if (e instanceof FmeApiError && e.status === 409) {
      // Created meanwhile (a retried POST, a crashed earlier run): converge it instead.
      const live = await ctx.client.getDefinition(ctx.workspaceId, flag, part.environment);
      if (live) return update(ctx, input, live, desired);
    }
    const flagMissing = e instanceof FmeApiError && e.status === 404 && !/environment/i.test(e.fmeMessage);
    if (e instanceof FmeApiError && flagMissing && input.liveFlag === undefined && !input.flagJustCreated) {
      throw new HandlerError(
        `${e.message}. Flag "${flag}" does not exist in the workspace and this stack does not own it (it references a flag managed elsewhere). Create the flag first, or declare it with FeatureFlag.`);
    }
    throw e;
  }
  let done = 'definition created';
  const after: JsonPatchOperation[] = [];
  if (impressionsDisabled !== undefined && (created.impressionsDisabled === true) !== impressionsDisabled) {
    after.push({ op: created.impressionsDisabled === undefined ? 'add' : 'replace', path: '/impressionsDisabled', value: impressionsDisabled });
    done += impressionsDisabled ? ' with impressions disabled' : ' with impressions enabled';
  }
  if (desired.flagSetIds !== undefined && desired.flagSetIds.length > 0) {
    after.push(flagSetsOp(desired.flagSetIds));
    done += ` in flag set(s) ${desired.definition.flagSets!.join(', ')}`;
  }
  if (after.length > 0) await ctx.client.patchDefinition(ctx.workspaceId, flag, part.environment, after, note);
  if (desired.killed === true && created.killed !== true) {
    await ctx.client.killDefinition(ctx.workspaceId, flag, part.environment, note);
    done += ' and killed';
  }
  return done;
}

async function update(ctx: HandlerContext, input: DefinitionConvergeInput, live: Definition, desired: DesiredDefinition): Promise<string> {
  const { flag, part } = input;
  const changed = changedFields(live, desired);
  if (changed.length === 0) return 'unchanged';
  const killOnly = changed.length === 1 && changed[0] === 'killed';
  if (part.writeMode === 'changeRequest') {
    const definitionFields = changed.filter((f) => f !== 'killed');
    const done: string[] = [];
    const request = requestTarget(input, live);
    if (definitionFields.length > 0) {
      // The code's own impressions setting, when it has one, wins over the live one.
      done.push(await submitFlagChangeRequest(ctx, request, 'UPDATE',
        { ...unmanagedFields(live), ...requestBody(desired), ...clearedPrerequisites(live, desired) }, rolloutStatusReader(ctx, input)));
    }
    if (changed.includes('killed')) {
      done.push(await submitFlagChangeRequest(ctx, request, desired.killed ? 'KILL' : 'RESTORE', undefined, rolloutStatusReader(ctx, input)));
    }
    return done.join('; ');
  }
  const note = writeNote(part.changeDetails);
  if (killOnly) {
    if (desired.killed) await ctx.client.killDefinition(ctx.workspaceId, flag, part.environment, note);
    else await ctx.client.restoreDefinition(ctx.workspaceId, flag, part.environment, note);
    return desired.killed ? 'killed' : 'restored';
  }
  await ctx.client.patchDefinition(ctx.workspaceId, flag, part.environment, patchOps(live, desired, changed), note);
  return `definition updated (${changed.join(', ')})`;
}

/**
 * Definition fields the library does not manage, as they are live. An approved UPDATE request may
 * replace the whole definition (docs/fme-api.md#change-requests, unconfirmed), so the request
 * carries them unchanged rather than letting FME reset them. Direct PATCHes touch only the changed
 * fields and need no such care.
 */
function unmanagedFields(live: Definition): Pick<DefinitionRequest, 'impressionsDisabled' | 'flagSets'> {
  return {
    ...(live.flagSets !== undefined && live.flagSets !== null ? { flagSets: live.flagSets } : {}),
    ...(live.impressionsDisabled !== undefined && live.impressionsDisabled !== null ? { impressionsDisabled: live.impressionsDisabled } : {}),
  };
}

/**
 * `prerequisites: []` when the code declares none and FME has some: whether an approved UPDATE
 * replaces or merges the definition is unconfirmed (docs/fme-api.md#change-requests), and an absent
 * field would leave them under the second reading.
 */
function clearedPrerequisites(live: Definition, desired: DesiredDefinition): { prerequisites?: [] } {
  return (live.prerequisites ?? []).length > 0 && desired.definition.prerequisites === undefined ? { prerequisites: [] } : {};
}

/** One JSON Patch operation per changed top-level field (`add` where the live member is absent). */
export function patchOps(live: Definition, desired: DesiredDefinition, changed: DefinitionField[]): JsonPatchOperation[] {
  return changed.map((field) => {
    if (field === 'flagSets') return flagSetsOp(desired.flagSetIds ?? []);
    const value = field === 'killed' ? desired.killed
      // The spec leaves out an empty list; removing every prerequisite is writing an empty one.
      : field === 'prerequisites' ? desired.definition.prerequisites ?? []
        : desired.definition[field];
    const present = (live as unknown as Record<string, unknown>)[field] !== undefined;
    return { op: present ? 'replace' : 'add', path: `/${field}`, value };
  });
}

/**
 * The one operation that sets a definition's flag sets: `add`, which RFC 6902 also lets replace an
 * existing member, and which Harness's own pipeline step uses because `replace` fails while the
 * definition has no `flagSets` (docs/fme-api.md#flag-sets).
 */
export function flagSetsOp(ids: readonly string[]): JsonPatchOperation {
  return { op: 'add', path: '/flagSets', value: ids.map((id) => ({ id })) };
}
