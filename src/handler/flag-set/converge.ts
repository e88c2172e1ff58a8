import { claimDecision } from '../../model/ownership';
import type { FlagSetResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { settleClaim, stackOf } from '../ownership';
import { readOrCreate } from '../read-or-create';
import { flagSetOwnership } from './ownership';
import { userDescription, withOwnerMarker } from '../segment/owner-marker';

/**
 * The flag set's `converge` step: create it (its description ending with the owner marker) when it
 * is missing, or check the ownership record of the live one (docs/ownership.md). FME's v3 API
 * changes nothing on an existing set (docs/fme-api.md#flag-sets): a description changed in the code,
 * or an owner that cannot be recorded, is logged as a warning rather than failing the deploy.
 */
export async function convergeFlagSet(ctx: HandlerContext, spec: FlagSetResourceSpec): Promise<void> {
  const label = objectLabel('flag set', spec.flagSetName);
  await ctx.step(label, async () => {
    const stack = stackOf(spec);
    const { live, created } = await readOrCreate(
      () => ctx.client.findFlagSet(ctx.workspaceId, spec.flagSetName),
      () => ctx.client.createFlagSet(ctx.workspaceId, spec.flagSetName, withOwnerMarker(spec.description, stack)));
    if (created) return 'created';
    const current = flagSetOwnership(live);
    const decision = claimDecision(current, stack, spec.transferFrom ?? [], spec.existing === 'adopt');
    const note = settleClaim(decision, { label: `Flag set "${spec.flagSetName}"`, construct: 'FlagSet' }, stack);
    if (current.owner !== stack) {
      ctx.log.warn(`${label}: FME's flag-set API cannot change an existing set, so stack "${stack}" cannot be recorded as its owner in FME; `
        + (current.owner === undefined
          ? 'the record lives only in this stack\'s inventory, and this stack\'s destroy leaves the set in place.'
          : `FME still names stack "${current.owner}": keep transferFrom: '${current.owner}' on the FlagSet, and remove it from stack "${current.owner}" only with removalPolicy RETAIN.`));
    }
    if (userDescription(live.description) !== (spec.description ?? '')) {
      ctx.log.warn(`${label}: its description in FME differs from the code's, and FME's flag-set API cannot change it; edit it in FME, or delete the set and deploy again.`);
    }
    return note ?? 'unchanged';
  });
}
