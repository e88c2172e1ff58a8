import type { Definition, DefinitionRequest } from '../../client/types';
import { applyDeclaredParts } from '../../model/merge';
import type { DefinitionSpec, EnvironmentPartSpec, TargetListSpec } from '../../spec/resource-spec';
import { HandlerError } from '../errors';

/** What one environment part wants the live definition to be. */
export interface DesiredDefinition {
  readonly definition: DefinitionSpec;
  /** Desired kill state; `undefined` leaves the live state alone. */
  readonly killed?: boolean;
  /**
   * Ids of the flag sets the definition belongs to (sorted), resolved from `definition.flagSets`;
   * `undefined` leaves the live sets alone (docs/fme-api.md#flag-sets).
   */
  readonly flagSetIds?: string[];
}

/**
 * The desired definition as FME takes it in a write: flag sets by id (`{id}`) instead of the
 * spec's names, and only when the code declares them.
 */
export function requestBody(desired: DesiredDefinition): DefinitionRequest {
  const { flagSets: _names, ...rest } = desired.definition;
  return { ...rest, ...(desired.flagSetIds !== undefined ? { flagSets: desired.flagSetIds.map((id) => ({ id })) } : {}) };
}

/**
 * The desired definition with its flag sets resolved to ids (`ids`: name → id, from
 * `flagSetIdsOf`); unchanged when the code declares none.
 */
export function withFlagSetIds(desired: DesiredDefinition, ids: ReadonlyMap<string, string>): DesiredDefinition {
  const names = desired.definition.flagSets;
  if (names === undefined) return desired;
  return { ...desired, flagSetIds: [...new Set(names.map((n) => ids.get(n)!))].sort() };
}

/** The request fields of a live definition (response-only fields dropped). */
function requestFieldsOf(live: Definition): DefinitionSpec {
  return {
    treatments: live.treatments ?? [],
    defaultTreatment: live.defaultTreatment,
    ...(live.baselineTreatment !== undefined && live.baselineTreatment !== null ? { baselineTreatment: live.baselineTreatment } : {}),
    trafficAllocation: live.trafficAllocation ?? 100,
    rules: live.rules ?? [],
    defaultRule: live.defaultRule ?? [],
    // Kept as they are: a plan managed elsewhere owns them, and targets or a kill switch must not drop them.
    ...(live.prerequisites && live.prerequisites.length > 0 ? { prerequisites: live.prerequisites } : {}),
  };
}

/**
 * Composes the desired definition of one environment part. With a full `definition` (the stack
 * owns the rollout plan; the model already merged targets, allocation and kill state into it),
 * that is the answer, and an absent `killed` means "not killed". Without one, the plan is managed
 * elsewhere: the targets, default rule and kill state of the part are applied to the live
 * definition — or, when there is none yet and the stack owns the flag, to FME's initial
 * definition (`part.initialDefinition`).
 */
export function composeDesired(flag: string, part: EnvironmentPartSpec, live: Definition | undefined): DesiredDefinition {
  if (part.definition) {
    return { definition: part.definition, killed: part.killed ?? false };
  }
  const base = live ? requestFieldsOf(live) : part.initialDefinition;
  if (!base) {
    throw new HandlerError(
      `Flag "${flag}" has no definition in environment "${part.environment}", so its individual targets, default allocation or kill switch cannot be applied. ` +
      'Add a RolloutPlan for this environment, or create the definition in FME first.');
  }
  const names = base.treatments.map((t) => t.name);
  const check = (lists: Record<string, TargetListSpec> | undefined, what: string) => {
    for (const name of Object.keys(lists ?? {})) {
      if (!names.includes(name)) {
        throw new HandlerError(`Flag "${flag}" in environment "${part.environment}" has no treatment "${name}" (${what}). Its treatments are: ${names.join(', ')}.`);
      }
    }
  };
  check(part.setTargets, 'individual targets');
  check(part.addTargets, 'targets to add');
  check(part.removeTargets, 'targets to remove');

  return {
    definition: applyDeclaredParts(base, part),
    killed: part.killed,
  };
}
