import type { HandlerContext } from './context';
import { HandlerError } from './errors';
import { objectLabel } from './log';
import { FmeApiError } from '../client/errors';
import { removeSegmentFromEnvironment } from './segment/converge-segment';

/**
 * Deletions shared by `delete` and `reconcile`. Each is idempotent: an object that is already
 * gone is success, so a crash at any point can be followed by a re-run.
 */

export async function deleteDefinition(ctx: HandlerContext, flag: string, environment: string): Promise<void> {
  const { result, tally } = await ctx.tracked(async () => {
    try {
      return await ctx.client.deleteDefinition(ctx.workspaceId, flag, environment) ? 'definition deleted' : 'definition already absent';
    } catch (e) {
      if (e instanceof FmeApiError && e.status === 403) {
        // Approval-gated environment: deleting needs a change request a human approves.
        ctx.log.warn(`${e.message}. Remove the definition of flag "${flag}" in environment "${environment}" through a change request in FME.`);
        return 'definition not deleted (approvals required)';
      }
      throw e;
    }
  });
  ctx.log.info(`${objectLabel('flag', flag, environment)}: ${result} (${tally.describe()})`);
}

export async function deleteFlag(ctx: HandlerContext, flag: string): Promise<void> {
  const { result, tally } = await ctx.tracked(() => retryWhileDependedOn(ctx, `flag "${flag}"`,
    async () => await ctx.client.deleteFlag(ctx.workspaceId, flag) ? 'deleted' : 'already absent'));
  ctx.log.info(`${objectLabel('flag', flag)}: ${result} (${tally.describe()})`);
}

export async function deleteSegmentDefinition(ctx: HandlerContext, segment: string, environment: string): Promise<void> {
  const { result, tally } = await ctx.tracked(() => removeSegmentFromEnvironment(ctx, segment, environment));
  ctx.log.info(`${objectLabel('segment', segment, environment)}: ${result} (${tally.describe()})`);
}

export async function deleteSegment(ctx: HandlerContext, segment: string): Promise<void> {
  const { result, tally } = await ctx.tracked(() => retryWhileDependedOn(ctx, `segment "${segment}"`,
    async () => await ctx.client.deleteSegment(ctx.workspaceId, segment) ? 'deleted' : 'already absent'));
  ctx.log.info(`${objectLabel('segment', segment)}: ${result} (${tally.describe()})`);
}

/** FME refuses to delete an object another flag still uses (a dependency matcher, a segment rule). */
function isDependencyRefusal(e: unknown): e is FmeApiError {
  return e instanceof FmeApiError && (e.status === 409 || e.status === 400) && /depend|referenc|in use|used by|prerequisite/i.test(e.fmeMessage);
}

/**
 * Terraform may be updating the dependent flag in parallel (removing the dependency), so a
 * dependency refusal is retried with backoff for a bounded time (the target's maxRetrySeconds).
 */
async function retryWhileDependedOn(ctx: HandlerContext, what: string, attempt: () => Promise<string>): Promise<string> {
  const deadline = Date.now() + ctx.target.maxRetrySeconds * 1000;
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isDependencyRefusal(e)) throw e;
      const wait = Math.min(5_000, 250 * 2 ** i) * (0.5 + Math.random() / 2);
      if (Date.now() + wait > deadline) {
        throw new HandlerError(
          `${e.message}. FME still refuses to delete ${what} after ${ctx.target.maxRetrySeconds} s because another flag depends on it. ` +
          'Remove the dependency (the rule that references it) from the other flag, deploy, then deploy again.');
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
