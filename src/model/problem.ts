/**
 * One broken rule, as the validation rule files report it. Rendered as `<rule>: <message>`.
 * Internal: constructs turn problems into `FmeValidationError`s or synth validation messages.
 */
export interface Problem {
  /** Short rule name shown before the message, e.g. `treatment names`. */
  readonly rule: string;
  /** What is wrong and what to do about it (lowercase start, no trailing period). */
  readonly message: string;
}

export function problem(rule: string, message: string): Problem {
  return { rule, message };
}

export function formatProblem(p: Problem): string {
  return `${p.rule}: ${p.message}`;
}
