import type { FlagResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { objectLabel } from '../log';
import { removeFlags } from './remove';
import { Elsewhere } from '../removal/elsewhere';
import type { Leaving } from '../removal/leaving';

/**
 * The flag's `delete` step (docs/ownership.md): an owned flag loses its definitions in this
 * stack's environments, then the flag itself; for a flag managed elsewhere only the definitions
 * this stack manages (a RolloutPlan) go.
 */
export async function deleteFlagResource(ctx: HandlerContext, spec: FlagResourceSpec): Promise<void> {
  const parts: Leaving[] = [];
  for (const part of spec.environments) {
    if (spec.metadata || part.definition || part.ownsDefinition) {
      parts.push({ env: part.environment, policy: part.removalPolicy, ...(part.changeDetails ? { changeDetails: part.changeDetails } : {}) });
    } else {
      ctx.log.info(`${objectLabel('flag', spec.flagName, part.environment)}: left as is (its rollout plan is managed elsewhere)`);
    }
  }
  const itself = spec.metadata ? { policy: spec.removalPolicy } : undefined;
  await removeFlags(ctx, spec.stack, [{ name: spec.flagName, parts, itself }], new Elsewhere());
}
