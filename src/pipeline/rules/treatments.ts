import { IFlagRef } from '../../model/flag-ref';
import { TREATMENT_NAME_PATTERN } from '../../model/names';
import { isExpression, isRuntimeInput } from '../patterns';

/**
 * Rules for a treatment name written into a step:
 * - `treatment-runtime-input`: Harness rejects runtime inputs (`<+input>...`) in treatment fields
 *   (harness/harness-schema pull request 747; docs/harness-pipelines.md, expressions and runtime
 *   inputs); use a pipeline variable (`<+pipeline.variables.onTreatment>`) instead.
 * - `treatment-pattern`: a literal must match FME's treatment-name pattern (the model's
 *   `TREATMENT_NAME_PATTERN`, `^[a-zA-Z0-9][-_.a-zA-Z0-9]*$`); expressions are resolved by Harness
 *   at run time and skipped.
 * - `treatment-declared`: given a flag, a literal must be one of its declared treatments.
 *
 * `allowRuntimeInput` is true only for targeting-rule allocations, where the schema accepts `<+input>`.
 *
 * @internal
 */
export function treatmentErrors(value: string, field: string, flag?: IFlagRef, allowRuntimeInput = false): string[] {
  if (isRuntimeInput(value)) {
    return allowRuntimeInput ? [] : [`[treatment-runtime-input] ${field} "${value}": Harness does not accept runtime inputs in treatment fields; `
      + 'declare a pipeline variable with a default and use <+pipeline.variables.NAME>.'];
  }
  if (isExpression(value)) return [];
  if (!TREATMENT_NAME_PATTERN.test(value)) {
    return [`[treatment-pattern] ${field} "${value}" must match ${TREATMENT_NAME_PATTERN.source}.`];
  }
  if (flag && !flag.treatmentNames.includes(value)) {
    return [`[treatment-declared] ${field} "${value}" is not a treatment of flag "${flag.flagName}" `
      + `(declared: ${flag.treatmentNames.map(t => `"${t}"`).join(', ')}).`];
  }
  return [];
}

/** Rule `treatment-unique`: a treatment appears at most once in one list. @internal */
export function duplicateTreatmentErrors(values: string[], field: string): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const v of values) (seen.has(v) ? dupes : seen).add(v);
  return [...dupes].map(d => `[treatment-unique] ${field} lists treatment "${d}" more than once.`);
}

/** A complete treatment list with its default and baseline, as Flag Create, Set Treatments and a default definition take it. */
export interface TreatmentList {
  readonly treatments: string[];
  readonly defaultTreatment: string;
  readonly baselineTreatment: string;
}

/**
 * The rules of a complete treatment list (one place for Flag Create, Set Treatments and a default
 * definition): at least 2 treatments, each valid and listed once, and the default and baseline
 * among them. `rules` names the rule ids each step reports them under; `prefix` the field path.
 *
 * @internal
 */
export function treatmentListErrors(list: TreatmentList, rules: { count: string; member: string }, flag?: IFlagRef, prefix = ''): string[] {
  const names = list.treatments;
  const errors = [
    ...(names.length < 2 ? [`[${rules.count}] ${prefix ? `${prefix}treatments: ` : ''}give at least 2 treatments (got ${names.length}).`] : []),
    ...names.flatMap((t, i) => treatmentErrors(t, `${prefix}treatments[${i}].treatment`, flag)),
    ...duplicateTreatmentErrors(names, `${prefix}treatments`),
  ];
  for (const [field, value] of [['defaultTreatment', list.defaultTreatment], ['baselineTreatment', list.baselineTreatment]] as const) {
    errors.push(...treatmentErrors(value, `${prefix}${field}`, flag));
    if (!isExpression(value) && !names.includes(value)) {
      errors.push(`[${rules.member}] ${prefix}${field} "${value}" is not one of the listed treatments.`);
    }
  }
  return errors;
}
