import { formatProblem, problem, Problem } from '../problem';
import { TargetingRule } from '../targeting-rule';
import { bucketProblems } from './buckets';

const RULE = 'targeting rules';

/**
 * Each targeting rule has at least one matcher with valid values, and serves declared treatments
 * with percentages summing to 100.
 */
export function targetingRuleProblems(rules: TargetingRule[], declared: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  rules.forEach((rule, i) => {
    const where = `rule ${i + 1}`;
    if (rule.matchers.length === 0) {
      problems.push(problem(RULE, `${where} has no matchers; add at least one (use the default rule to serve everyone)`));
    }
    for (const m of rule.matchers) {
      for (const p of m._problems) {
        problems.push(problem(RULE, `${where}: ${formatProblem(p)}`));
      }
    }
    problems.push(...bucketProblems(RULE, where, rule._buckets, declared));
  });
  return problems;
}
