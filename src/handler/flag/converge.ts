import type { FlagResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { convergeDefinition } from './definition';
import { convergeFlagMetadata } from './metadata';
import { claimPlans } from './plan-ownership';
import { flagSetIdsOf } from '../flag-set/ids';

/**
 * The flag's `converge` step: its metadata when the stack owns it, then its definition in each
 * environment the spec declares. The owner converges the flag itself; a stack that only declares
 * rollout plans on someone else's flag first records that it manages those definitions
 * (docs/ownership.md).
 */
export async function convergeFlag(ctx: HandlerContext, spec: FlagResourceSpec): Promise<void> {
  // First: a set that does not exist stops the step before the flag itself is written.
  const flagSetIds = await flagSetIdsOf(ctx, spec);
  const state = spec.metadata ? await convergeFlagMetadata(ctx, spec, spec.metadata) : undefined;
  const claimed = !spec.metadata && spec.environments.some((p) => p.definition) ? await claimPlans(ctx, spec) : undefined;
  const waiting: string[] = [];
  for (const part of spec.environments) {
    const preRead = claimed?.preRead.has(part.environment) ? { definition: claimed.preRead.get(part.environment) } : undefined;
    const outcome = await convergeDefinition(ctx, {
      flag: spec.flagName,
      part,
      flagJustCreated: state?.created ?? false,
      liveFlag: state?.flag ?? claimed?.flag,
      preRead,
      flagSetIds,
    });
    if (outcome.waitingForApproval && part.changeDetails?.failUntilApproved) waiting.push(part.environment);
  }
  if (waiting.length > 0) {
    // Failing taints the resource, so the next deploy runs this step again (docs/terraform-facts.md,
    // fact 5): it finds the request approved, still open, or gone, and then submits it again.
    throw new HandlerError(
      `Flag "${spec.flagName}" waits for approval in ${waiting.join(', ')}: the change is not in FME yet. ` +
      'Approve the change request in FME, then deploy again (FmeConfig failUntilApproved makes the deploy fail until then).');
  }
}
