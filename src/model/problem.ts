import type { RuleId } from './rules/rule-ids';

/**
 * One broken rule, as the validation rule files report it. Rendered as `<rule>: <message>`.
 * Internal: constructs turn problems into `FmeValidationError`s or synth validation messages.
 */
export interface Problem {
  /** The rule's stable id, shown before the message, e.g. `treatment names` (see `RULE_IDS`). */
  readonly rule: RuleId;
  /** What is wrong and what to do about it (lowercase start, no trailing period). */
  readonly message: string;
  /**
   * The user-given values the problem is about, when it is about particular ones (a regular
   * expression, a version): a caller that knows some values are resolved later (a Harness pipeline
   * expression) can tell which problems concern them.
   */
  readonly values?: readonly string[];
}

export function problem(rule: RuleId, message: string, values?: readonly string[]): Problem {
  return values === undefined ? { rule, message } : { rule, message, values };
}

export function formatProblem(p: { readonly rule: string; readonly message: string }): string {
  return `${p.rule}: ${p.message}`;
}
