import type { Definition } from '../../client/types';
import type { DefinitionSpec, EnvironmentPartSpec, TargetListSpec, TreatmentSpec } from '../../spec/resource-spec';
import { HandlerError } from '../errors';

/** What one environment part wants the live definition to be. */
export interface DesiredDefinition {
  readonly definition: DefinitionSpec;
  /** Desired kill state; `undefined` leaves the live state alone. */
  readonly killed?: boolean;
}

/** The request fields of a live definition (response-only fields dropped). */
export function requestFieldsOf(live: Definition): DefinitionSpec {
  return {
    treatments: live.treatments ?? [],
    defaultTreatment: live.defaultTreatment,
    ...(live.baselineTreatment !== undefined && live.baselineTreatment !== null ? { baselineTreatment: live.baselineTreatment } : {}),
    trafficAllocation: live.trafficAllocation ?? 100,
    rules: live.rules ?? [],
    defaultRule: live.defaultRule ?? [],
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
  let treatments = base.treatments.map((t) => ({ ...t }));
  const names = treatments.map((t) => t.name);
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

  treatments = applyTargets(treatments, part.setTargets, (_current, wanted) => wanted);
  treatments = applyTargets(treatments, part.addTargets, (current, wanted) => [...current, ...wanted.filter((k) => !current.includes(k))]);
  treatments = applyTargets(treatments, part.removeTargets, (current, wanted) => current.filter((k) => !wanted.includes(k)), false);

  return {
    definition: {
      ...base,
      treatments,
      ...(part.defaultRule ? { defaultRule: part.defaultRule } : {}),
    },
    killed: part.killed,
  };
}

type Combine = (current: string[], wanted: string[]) => string[];

/**
 * Applies per-treatment key/segment lists. A key or segment targeted to one treatment is taken
 * out of every other treatment's list (`moveFromOthers`), since a key can be individually
 * targeted to one treatment only.
 */
function applyTargets(
  treatments: TreatmentSpec[], lists: Record<string, TargetListSpec> | undefined, combine: Combine, moveFromOthers = true,
): TreatmentSpec[] {
  if (!lists) return treatments;
  return treatments.map((t) => {
    let keys = t.keys ?? [];
    let segments = t.segments ?? [];
    for (const [name, list] of Object.entries(lists)) {
      if (name === t.name) {
        if (list.keys) keys = combine(keys, list.keys);
        if (list.segments) segments = combine(segments, list.segments);
      } else if (moveFromOthers) {
        keys = keys.filter((k) => !(list.keys ?? []).includes(k));
        segments = segments.filter((s) => !(list.segments ?? []).includes(s));
      }
    }
    const out: TreatmentSpec = { ...t };
    return {
      ...out,
      ...(keys.length > 0 || t.keys !== undefined ? { keys } : {}),
      ...(segments.length > 0 || t.segments !== undefined ? { segments } : {}),
    };
  });
}
