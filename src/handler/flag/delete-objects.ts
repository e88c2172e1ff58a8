/**
 * The API deletes of a flag's objects, each one step with its progress line. Each is idempotent:
 * an object that is already gone is success, so a crash at any point can be followed by a re-run
 * (docs/decisions.md, D6).
 */
import { FmeApiError } from '../../client/errors';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { retryWhileDependedOn } from '../removal/dependency-retry';

export async function deleteDefinition(ctx: HandlerContext, flag: string, environment: string): Promise<void> {
  await ctx.step(objectLabel('flag', flag, environment), async () => {
    try {
      return await ctx.client.deleteDefinition(ctx.workspaceId, flag, environment) ? 'definition deleted' : 'definition already absent';
    } catch (e) {
      if (e instanceof FmeApiError && e.status === 403) {
        // Approval-gated environment: deleting needs a change request a human approves (docs/decisions.md, D8).
        ctx.log.warn(`${e.message}. Remove the definition of flag "${flag}" in environment "${environment}" through a change request in FME.`);
        return 'definition not deleted (approvals required)';
      }
      throw e;
    }
  });
}

export async function deleteFlag(ctx: HandlerContext, flag: string): Promise<void> {
  await ctx.step(objectLabel('flag', flag), () => retryWhileDependedOn(ctx, `flag "${flag}"`,
    async () => await ctx.client.deleteFlag(ctx.workspaceId, flag) ? 'deleted' : 'already absent'));
}
