import { IndividualTarget } from '../individual-target';
import { FLAG_NAME_PATTERN } from '../names';
import { problem, Problem } from '../problem';

const RULE = 'individual targets';

/**
 * Individual targets name a declared treatment (when the treatments are known) and list at least
 * one non-empty key or a valid segment name. `allowEmpty` is for set mode, where an empty list
 * clears the treatment's targets.
 */
export function individualTargetProblems(targets: IndividualTarget[], declared?: ReadonlySet<string>, allowEmpty = false): Problem[] {
  const problems: Problem[] = [];
  for (const t of targets) {
    if (declared && !declared.has(t.treatment)) {
      problems.push(problem(RULE, `treatment "${t.treatment}" is not declared; use one of ${[...declared].join(', ')}`));
    }
    const keys = t.keys ?? [];
    const segments = t.segments ?? [];
    if (!allowEmpty && keys.length === 0 && segments.length === 0) {
      problems.push(problem(RULE, `treatment "${t.treatment}": no keys and no segments; list at least one`));
    }
    if (keys.some((k) => typeof k !== 'string' || k.length === 0)) {
      problems.push(problem(RULE, `treatment "${t.treatment}": keys must be non-empty strings`));
    }
    for (const s of segments) {
      if (typeof s !== 'string' || !FLAG_NAME_PATTERN.test(s)) {
        problems.push(problem(RULE, `treatment "${t.treatment}": ${JSON.stringify(s)} is not a valid segment name; start with a letter and use only letters, digits, "-" and "_"`));
      }
    }
  }
  return problems;
}
