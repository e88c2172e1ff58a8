import type { Definition, Flag } from '../../client/types';
import { Ownership, planDecision, withPlan } from '../../model/ownership';
import type { FlagResourceSpec } from '../../spec/resource-spec';
import { environmentIdIfAny, HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { objectLabel } from '../log';
import { flagOwnership, settleClaim, stackOf, tagsDiffer, writeFlagOwnership } from '../ownership';

function definitionLabel(spec: FlagResourceSpec, environment: string) {
  return { label: `The definition of flag "${spec.flagName}" in environment "${environment}"`, construct: 'RolloutPlan' };
}

/**
 * For the flag's owner: the record after checking the definitions its rollout plans declare. A
 * definition another stack manages (recorded on the flag) stops the deploy unless this stack
 * takes it over; the owner itself needs no separate record for its own definitions.
 */
export async function plansOfFlag(ctx: HandlerContext, spec: FlagResourceSpec, owned: Ownership): Promise<Ownership> {
  if (owned.plans.size === 0) return owned;
  const stack = stackOf(spec);
  let next = owned;
  for (const part of spec.environments.filter((p) => p.definition)) {
    const envId = await ctx.environmentId(part.environment);
    settleClaim(planDecision(next, envId, stack, spec.transferFrom ?? [], true), definitionLabel(spec, part.environment), stack);
    next = withPlan(next, envId, stack);
  }
  return next;
}

/** Definitions read while claiming, by environment (`undefined`: none there), so converge reads each once. */
type PreRead = ReadonlyMap<string, Definition | undefined>;

/**
 * For a stack that declares rollout plans on a flag it does not own: reads the flag and each
 * planned definition, checks that no other stack manages them, and records this stack as their
 * manager on the flag (one tag write, before any definition write, so a crash never leaves an
 * unrecorded definition). Returns the flag and the definitions it read.
 */
export async function claimPlans(ctx: HandlerContext, spec: FlagResourceSpec): Promise<{ flag: Flag; preRead: PreRead }> {
  const stack = stackOf(spec);
  const live = await ctx.client.getFlag(ctx.workspaceId, spec.flagName);
  if (!live) {
    throw new HandlerError(
      `Flag "${spec.flagName}" does not exist in the workspace and this stack does not own it (it references a flag managed elsewhere). ` +
      'Create the flag first, or declare it with FeatureFlag.');
  }
  const current = flagOwnership(live);
  let next = current;
  const preRead = new Map<string, Definition | undefined>();
  for (const part of spec.environments.filter((p) => p.definition)) {
    const definition = await ctx.client.getDefinition(ctx.workspaceId, spec.flagName, part.environment);
    preRead.set(part.environment, definition);
    // An environment the workspace lacks holds no definition to record: the write fails with FME's own answer.
    const envId = await environmentIdIfAny(ctx, part.environment);
    if (envId === undefined) continue;
    const decision = planDecision(next, envId, stack, spec.transferFrom ?? [], definition !== undefined);
    const note = settleClaim(decision, definitionLabel(spec, part.environment), stack);
    if (note) ctx.log.info(`${objectLabel('flag', spec.flagName, part.environment)}: ${note}`);
    next = withPlan(next, envId, stack);
  }
  const flag = tagsDiffer(live.tags, next) ? await writeFlagOwnership(ctx, live, next) : live;
  return { flag, preRead };
}
