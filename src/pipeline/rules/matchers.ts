import { Matcher } from '../../model/matcher';
import { Problem } from '../../model/problem';
import { isExpression } from '../patterns';
import { fmeNameErrors } from './fme-names';

/**
 * Rules `matcher-dependency` and `matcher-value` for one matcher (`Matcher.*`) of a targeting rule
 * or a rule-based segment rule. The model checks a matcher's values where it is built (non-empty
 * lists, integers, dates, valid regular expressions and semantic versions, non-empty ranges, a named
 * flag for dependencies); the pipeline reports those problems with the step's construct path:
 * - `matcher-dependency`: the problems of a dependency matcher (`Matcher.dependsOn`,
 *   `Matcher.dependsOnFlagNamed`, type `IN_SPLIT`), and its flag name, which must be an FME flag
 *   name or an expression (rule `fme-name-pattern`);
 * - `matcher-value`: the problems of every other matcher.
 *
 * Values that are Harness expressions (`<+pipeline.variables.minVersion>`) are resolved at run time,
 * so the model's rules apply to literal values only: a problem about an expression value (the model
 * names the values a problem is about) is skipped.
 *
 * @internal
 */
export function matcherErrors(m: Matcher, field: string): string[] {
  const dependency = m._spec.depends;
  const rule = dependency ? 'matcher-dependency' : 'matcher-value';
  const errors = literalProblems(m).map(p => `[${rule}] ${field}: ${p.message}`);
  // An empty flag name is the model's problem (reported above); a non-empty one must be a flag name.
  if (dependency && dependency.splitName) errors.push(...fmeNameErrors(dependency.splitName, `${field}.featureFlag`));
  return errors;
}

/** Rule `rule-matchers`: a rule has at least one matcher. @internal */
export function ruleMatchersErrors(matchers: Matcher[], field: string): string[] {
  return matchers.length === 0 ? [`[rule-matchers] ${field} has no matchers.`] : [];
}

/** The model's problems with `m`, without those about values that are expressions. */
function literalProblems(m: Matcher): Problem[] {
  return m._problems.filter(p => !(p.values ?? []).some(isExpression));
}
