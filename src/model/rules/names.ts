import { FLAG_NAME_MAX_LENGTH, FLAG_NAME_PATTERN, MAX_TAGS, TAG_PATTERN } from '../names';
import { problem, Problem } from '../problem';

/** Flag names: a letter first, then letters, digits, `-`, `_`; 1..100 characters. */
export function flagNameProblems(name: string): Problem[] {
  if (typeof name !== 'string' || !FLAG_NAME_PATTERN.test(name)) {
    return [problem('flag name', `${JSON.stringify(name)} is not a valid flag name; start with a letter and use only letters, digits, "-" and "_"`)];
  }
  if (name.length > FLAG_NAME_MAX_LENGTH) {
    return [problem('flag name', `"${name.slice(0, 20)}…" is ${name.length} characters; FME allows at most ${FLAG_NAME_MAX_LENGTH}`)];
  }
  return [];
}

/** Segment names follow the flag-name pattern. */
export function segmentNameProblems(name: string): Problem[] {
  if (typeof name === 'string' && FLAG_NAME_PATTERN.test(name) && name.length <= FLAG_NAME_MAX_LENGTH) return [];
  return [problem('segment name', `${JSON.stringify(name)} is not a valid segment name; start with a letter and use only letters, digits, "-" and "_" (at most ${FLAG_NAME_MAX_LENGTH} characters)`)];
}

/** Traffic type names: a letter first, then letters, digits, `-`, `_`. */
export function trafficTypeProblems(trafficType: string): Problem[] {
  if (typeof trafficType === 'string' && FLAG_NAME_PATTERN.test(trafficType)) return [];
  return [problem('traffic type', `${JSON.stringify(trafficType)} is not a valid traffic type name; start with a letter and use only letters, digits, "-" and "_"`)];
}

/** Tags: letters, digits, `-`, `_`, `:`; at most 20. */
export function tagProblems(tags: string[]): Problem[] {
  const problems: Problem[] = [];
  if (tags.length > MAX_TAGS) {
    problems.push(problem('tags', `${tags.length} tags given; FME allows at most ${MAX_TAGS}`));
  }
  for (const t of tags) {
    if (typeof t !== 'string' || !TAG_PATTERN.test(t)) {
      problems.push(problem('tags', `${JSON.stringify(t)} is not a valid tag; use only letters, digits, "-", "_" and ":"`));
    }
  }
  return problems;
}

/** Environment names are non-empty (FME accepts a name or an id). */
export function environmentProblems(environment: string): Problem[] {
  if (typeof environment === 'string' && environment.trim().length > 0 && environment === environment.trim()) return [];
  return [problem('environment', `${JSON.stringify(environment)} is not a valid environment name or id; give the name as FME shows it, without surrounding spaces`)];
}
