import { BucketSpec } from '../../spec/resource-spec';
import { problem, Problem } from '../problem';

/**
 * A percentage distribution must name declared treatments, once each, with whole percentages
 * that sum to exactly 100 (the SDK fails evaluation otherwise: reference §9.7).
 */
export function bucketProblems(rule: string, where: string, buckets: BucketSpec[], declared: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  // `where` locates the buckets inside the rule (e.g. "rule 2"); empty when the rule name says it all.
  const at = where ? `${where}: ` : '';
  if (buckets.length === 0) {
    return [problem(rule, `${at}the distribution is empty; give at least one treatment with 100 percent`)];
  }
  const seen = new Set<string>();
  for (const b of buckets) {
    if (!declared.has(b.treatment)) {
      problems.push(problem(rule, `${at}treatment "${b.treatment}" is not declared; declare it or use one of ${[...declared].join(', ')}`));
    }
    if (seen.has(b.treatment)) {
      problems.push(problem(rule, `${at}treatment "${b.treatment}" appears twice; list each treatment once`));
    }
    seen.add(b.treatment);
    if (!Number.isInteger(b.size) || b.size < 0 || b.size > 100) {
      problems.push(problem(rule, `${at}percentage ${b.size} for "${b.treatment}" must be a whole number from 0 to 100`));
    }
  }
  const sum = buckets.reduce((s, b) => s + (typeof b.size === 'number' ? b.size : 0), 0);
  if (sum !== 100) {
    problems.push(problem(rule, `${at}percentages sum to ${sum}, not 100; adjust them to total exactly 100`));
  }
  return problems;
}
