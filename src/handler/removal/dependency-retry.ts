import { FmeApiError } from '../../client/errors';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';

/**
 * FME refuses to delete an object another flag still uses (a dependency matcher, a segment rule);
 * the status and wording of that refusal are not documented (docs/fme-api.md, section on errors).
 */
function isDependencyRefusal(e: unknown): e is FmeApiError {
  return e instanceof FmeApiError && (e.status === 409 || e.status === 400) && /depend|referenc|in use|used by|prerequisite/i.test(e.fmeMessage);
}

/**
 * Runs a delete, retrying a dependency refusal. Terraform may be updating the dependent flag in
 * parallel (removing the dependency), so the refusal is retried with backoff for a bounded time
 * (the target's maxRetrySeconds). `what` names the object in the final error, e.g. `flag "x"`.
 */
export async function retryWhileDependedOn(ctx: HandlerContext, what: string, attempt: () => Promise<string>): Promise<string> {
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

/** One deletion for `deleteInDependencyOrder`: `what` names the object in a final error. */
export interface Deletion {
  readonly what: string;
  readonly run: () => Promise<void>;
}

/**
 * Runs deletions that may depend on one another within one run — a definition that another leaving
 * flag's definition still requires (an `IN_SPLIT` rule or a prerequisite, docs/fme-api.md#prerequisites),
 * whose order the inventory does not know. A deletion FME refuses because of a dependency is tried
 * again after the others, for as long as a pass deletes something; what is still refused then gets
 * the bounded retry of `retryWhileDependedOn` (the dependent may be changing in parallel).
 */
export async function deleteInDependencyOrder(ctx: HandlerContext, deletions: readonly Deletion[]): Promise<void> {
  let waiting = [...deletions];
  while (waiting.length > 0) {
    const refused: Deletion[] = [];
    for (const d of waiting) {
      try {
        await d.run();
      } catch (e) {
        if (!isDependencyRefusal(e)) throw e;
        refused.push(d);
      }
    }
    if (refused.length === waiting.length) {
      for (const d of refused) await retryWhileDependedOn(ctx, d.what, async () => { await d.run(); return ''; });
      return;
    }
    waiting = refused;
  }
}
