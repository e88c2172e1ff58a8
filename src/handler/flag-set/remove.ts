import type { RemovalPolicySpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { flagSetsKey } from './ids';
import { flagSetOwnership } from './ownership';
import { retryWhileDependedOn } from '../removal/dependency-retry';
import type { Elsewhere } from '../removal/elsewhere';
import { decide } from '../removal/leaving';

/** One flag set that leaves (the code, or the stack on destroy), with its removal policy. */
export interface FlagSetRemoval {
  readonly name: string;
  readonly policy: RemovalPolicySpec;
}

/**
 * Removes flag sets as far as this stack owns them (docs/ownership.md), after the flags: a set that
 * definitions still carry may be refused (the emulator refuses; what FME does is unconfirmed,
 * docs/fme-api.md#flag-sets). Terraform may be taking it off those definitions in parallel (the
 * flags' own steps), so a refusal is retried for a bounded time, as for segments.
 */
export async function removeFlagSets(
  ctx: HandlerContext, stack: string | undefined, removals: readonly FlagSetRemoval[], elsewhere: Elsewhere,
): Promise<void> {
  for (const removal of removals) {
    const label = objectLabel('flag set', removal.name);
    const live = await ctx.client.findFlagSet(ctx.workspaceId, removal.name);
    if (!live) {
      ctx.log.info(`${label}: already absent`);
      continue;
    }
    const record = flagSetOwnership(live);
    const decision = decide(removal.policy, record.owner, record.managed, stack, elsewhere.stackOf('flagSet', removal.name));
    if (decision.kind === 'delete') {
      await ctx.step(label, () => retryWhileDependedOn(ctx, `flag set "${removal.name}"`, async () =>
        (await ctx.client.deleteFlagSet(live.id, removal.name) ? 'deleted' : 'already absent')));
      ctx.cache.delete(flagSetsKey(ctx));
    } else if (decision.kind === 'hand over') {
      ctx.log.warn(`${label}: left in place for stack "${decision.to}", which declares it now; FME's flag-set API cannot change an existing set, `
        + `so the hand-over cannot be recorded: set transferFrom: '${record.owner ?? stack}' on the FlagSet in stack "${decision.to}".`);
    } else {
      ctx.log.info(`${label}: left in place, ${decision.reason}`);
    }
  }
}
