import type { RuleId } from '../../model/rules/rule-ids';

/** A broken rule spanning constructs, attributed to the construct that should change. */
export interface PathProblem {
  /** Construct path; empty for problems of the stack as a whole (reported on its `FmeConfig`). */
  readonly path: string;
  /** `<rule>: <message>`. */
  readonly message: string;
}

/** A problem of rule `rule` at `path`, rendered as `<rule>: <message>`. */
export function pathProblem(path: string, rule: RuleId, message: string): PathProblem {
  return { path, message: `${rule}: ${message}` };
}
