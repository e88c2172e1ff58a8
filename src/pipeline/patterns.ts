/**
 * Harness-only patterns from Harness's published pipeline schema (`schema/harness/pipeline.v0.json`,
 * commit 1bb19b67) that the library checks at synth time, so a bad value fails `cdktf synth` with the
 * construct path instead of failing the pipeline import in Harness.
 *
 * FME's own name rules (flag, segment and flag-set names, treatment names, tags, their limits) live
 * once in the model, `src/model/names.ts`; the pipeline's rules import them from there.
 */

/** `identifier` of pipelines, stages, step groups and steps. */
export const IDENTIFIER_PATTERN = /^[a-zA-Z_][0-9a-zA-Z_]{0,127}$/;

/** `name` of pipelines, stages, step groups and steps. */
export const NAME_PATTERN = /^[a-zA-Z_0-9-.][-0-9a-zA-Z_\s.]{0,127}$/;

/** NG variable `name` (pipeline, stage and step-group variables). */
export const VARIABLE_NAME_PATTERN = /^[a-zA-Z_][0-9a-zA-Z_.$-]{0,127}$/;

/**
 * The published step/stage `timeout` and `Wait.duration` pattern, verbatim. Note that it rejects
 * single-digit seconds (`5s`): the first alternative needs two digits before `s`.
 */
export const TIMEOUT_PATTERN = /^(([1-9])+\d+[s])|(((([1-9])+\d*[mhwd])+([\s]?\d+[smhwd])*)|(.*<\+.*>(?!.*\.executionInput\(\)).*)|(^$))$/;

/** `ManualIntervention.spec.timeout` (no expressions, parts separated by whitespace). */
export const MANUAL_INTERVENTION_TIMEOUT_PATTERN = /^[1-9]\d*[smhdw](\s+[1-9]\d*[smhdw])*$/;

/** `common-jexl`: a value that contains a Harness expression such as `<+input>` or `<+pipeline.variables.x>`. */
export const EXPRESSION_PATTERN = /(<\+.+>.*)/;

/** True when the value is (or starts with) a Harness expression, e.g. `<+pipeline.variables.flagName>`. */
export function isExpression(value: string): boolean {
  return /^<\+.+>.*$/.test(value);
}

/** True for runtime inputs: `<+input>`, `<+input>.default(x)`, `<+input>.allowedValues(...)`, ... */
export function isRuntimeInput(value: string): boolean {
  return /^<\+input>.*$/.test(value);
}
