import { problem, Problem } from '../problem';

/** FME's limit on keys per segment in one environment (docs/fme-api.md, segments). */
export const MAX_SEGMENT_KEYS = 100_000;

/** A standard segment's keys in one environment: non-empty strings, at most 100,000. */
export function segmentKeyProblems(environment: string, keys: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  if (keys.some((k) => typeof k !== 'string' || k.length === 0)) {
    problems.push(problem('segment keys', 'keys must be non-empty strings'));
  }
  if (keys.length > MAX_SEGMENT_KEYS) {
    problems.push(problem('segment keys', `${keys.length} keys given for ${environment}; FME allows at most ${MAX_SEGMENT_KEYS} per segment`));
  }
  return problems;
}
