/**
 * The API removals of a flag's objects, each one step with its progress line. Each is idempotent:
 * an object that is already gone is success, so a crash at any point can be followed by a re-run
 * (docs/decisions.md, D6).
 */
import { FmeApiError } from '../../client/errors';
import type { Flag } from '../../client/types';
import type { ChangeDetailsSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { submitFlagChangeRequest } from './change-request';
import { flagSetsOp } from './definition';
import { retryWhileDependedOn } from '../removal/dependency-retry';

/** What a change request that removes a definition carries (approval-gated environments). */
export interface RemovalRequest {
  readonly details?: ChangeDetailsSpec;
  /** The flag's rollout status id, which FME's examples send with an ARCHIVE request. */
  readonly rolloutStatusId?: string;
}

/**
 * Deletes a definition. Where the environment requires approvals (FME answers 403), the removal is
 * submitted as an `ARCHIVE` change request, which removes the definition from the environment once
 * approved (docs/fme-api.md#change-requests); a request FME refuses is reported, not fatal, as
 * before: the stack's code no longer declares the definition, so nothing else depends on it.
 */
export async function deleteDefinition(ctx: HandlerContext, flag: string, environment: string, request: RemovalRequest = {}): Promise<void> {
  await ctx.step(objectLabel('flag', flag, environment), async () => {
    try {
      return await ctx.client.deleteDefinition(ctx.workspaceId, flag, environment) ? 'definition deleted' : 'definition already absent';
    } catch (e) {
      if (!(e instanceof FmeApiError && e.status === 403)) throw e;
      try {
        const live = await ctx.client.getDefinition(ctx.workspaceId, flag, environment);
        return await submitFlagChangeRequest(ctx, { flag, environment, details: request.details, openRequestId: live?.openChangeRequestId },
          'ARCHIVE', undefined, async () => request.rolloutStatusId);
      } catch (refused) {
        ctx.log.warn(`${e.message}. The change request that would remove it was refused too (${(refused as Error).message}). `
          + `Remove the definition of flag "${flag}" in environment "${environment}" through a change request in FME.`);
        return 'definition not deleted (approvals required)';
      }
    }
  });
}

export async function deleteFlag(ctx: HandlerContext, flag: string): Promise<void> {
  await ctx.step(objectLabel('flag', flag), () => retryWhileDependedOn(ctx, `flag "${flag}"`,
    async () => await ctx.client.deleteFlag(ctx.workspaceId, flag) ? 'deleted' : 'already absent'));
}

/**
 * Archives a flag (`RemovalPolicy.ARCHIVE`): SDKs answer `control`, its definitions stay
 * (docs/fme-api.md#archive-and-unarchive). First the definitions this stack had (`environments`)
 * leave their flag sets: an archived flag serves nothing, FME refuses writes to it, and a set one of
 * its definitions still carried could never be deleted (docs/fme-api.md#flag-sets). Adding the flag
 * back to the code unarchives it and writes the sets its plans declare.
 */
export async function archiveFlag(ctx: HandlerContext, live: Flag, environments: readonly string[] = []): Promise<void> {
  if (!isArchived(live)) for (const environment of environments) await leaveFlagSets(ctx, live.name, environment);
  await ctx.step(objectLabel('flag', live.name), async () => {
    if (isArchived(live)) return 'already archived';
    return retryWhileDependedOn(ctx, `flag "${live.name}"`, async () => {
      await ctx.client.archiveFlag(ctx.workspaceId, live.name);
      return 'archived';
    });
  });
}

/** Takes one definition out of every flag set (nothing when it is in none, or absent). */
async function leaveFlagSets(ctx: HandlerContext, flag: string, environment: string): Promise<void> {
  const definition = await ctx.client.getDefinition(ctx.workspaceId, flag, environment);
  if (!definition || (definition.flagSets ?? []).length === 0) return;
  await ctx.step(objectLabel('flag', flag, environment), async () => {
    try {
      await ctx.client.patchDefinition(ctx.workspaceId, flag, environment, [flagSetsOp([])]);
      return 'taken out of its flag sets before the flag is archived';
    } catch (e) {
      // Approval-gated environments refuse direct writes; archiving goes ahead, the sets stay on it.
      if (!(e instanceof FmeApiError && e.status === 403)) throw e;
      ctx.log.warn(`${e.message}. The definition stays in its flag sets while the flag is archived; a set it is in cannot be deleted until it leaves it.`);
      return 'left in its flag sets (approvals required)';
    }
  });
}

/** Whether the live flag is archived (docs/fme-api.md#archive-and-unarchive: the field is unconfirmed). */
export function isArchived(live: Flag): boolean {
  return typeof live.status === 'string' && live.status.toUpperCase() === 'ARCHIVED';
}
