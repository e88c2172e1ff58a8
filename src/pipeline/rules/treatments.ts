import { IFeatureFlag } from '../../constructs/flag-reference';
import { isExpression, isRuntimeInput, TREATMENT_PATTERN } from '../patterns';

/**
 * Rules for a treatment name written into a step:
 * - `treatment-runtime-input`: Harness rejects runtime inputs (`<+input>...`) in treatment fields
 *   (schema PR #747); use a pipeline variable (`<+pipeline.variables.onTreatment>`) instead.
 * - `treatment-pattern`: a literal must match `^[a-zA-Z0-9][-_.a-zA-Z0-9]*$`.
 * - `treatment-declared`: given a flag, a literal must be one of its declared treatments.
 *
 * `allowRuntimeInput` is true only for targeting-rule allocations, where the schema accepts `<+input>`.
 *
 * @internal
 */
export function treatmentErrors(value: string, field: string, flag?: IFeatureFlag, allowRuntimeInput = false): string[] {
  if (isRuntimeInput(value)) {
    return allowRuntimeInput ? [] : [`[treatment-runtime-input] ${field} "${value}": Harness does not accept runtime inputs in treatment fields; `
      + 'declare a pipeline variable with a default and use <+pipeline.variables.NAME>.'];
  }
  if (isExpression(value)) return [];
  if (!TREATMENT_PATTERN.test(value)) {
    return [`[treatment-pattern] ${field} "${value}" must match ${TREATMENT_PATTERN.source}.`];
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
