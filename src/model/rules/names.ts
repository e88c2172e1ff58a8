import {
  ENVIRONMENT_NAME_MAX_LENGTH, FLAG_NAME_MAX_LENGTH, FLAG_NAME_PATTERN, FLAG_SET_NAME_MAX_LENGTH, FLAG_SET_NAME_PATTERN, isFlagName, isTag, MAX_TAGS,
  WORKSPACE_NAME_MAX_LENGTH,
} from '../names';
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
  if (isFlagName(name)) return [];
  return [problem('segment name', `${JSON.stringify(name)} is not a valid segment name; start with a letter and use only letters, digits, "-" and "_" (at most ${FLAG_NAME_MAX_LENGTH} characters)`)];
}

/** Flag-set names: `FLAG_SET_NAME_PATTERN` (lower-case letters, digits, `_`; a letter or digit first; at most 50). */
export function flagSetNameProblems(name: string): Problem[] {
  if (typeof name === 'string' && FLAG_SET_NAME_PATTERN.test(name)) return [];
  const why = typeof name === 'string' && name.length > FLAG_SET_NAME_MAX_LENGTH
    ? `is ${name.length} characters; FME allows at most ${FLAG_SET_NAME_MAX_LENGTH}`
    : 'is not a valid flag set name; start with a lower-case letter or digit and use only lower-case letters, digits and "_" (SDKs drop other names)';
  return [problem('flag set name', `${JSON.stringify(typeof name === 'string' && name.length > 60 ? `${name.slice(0, 20)}…` : name)} ${why}`)];
}

/**
 * The flag sets of one rollout plan: valid names, each once. `where` names the plan in messages.
 */
export function planFlagSetProblems(names: readonly string[], where: string): Problem[] {
  const problems = names.flatMap(flagSetNameProblems);
  const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (twice.length > 0) problems.push(problem('flag sets', `${where} lists flag set(s) ${twice.map((n) => `"${n}"`).join(', ')} more than once; list each once`));
  return problems;
}

/**
 * Traffic type names: the flag-name pattern (a letter first, then letters, digits, `-`, `_`) and at
 * most 100 characters, the flag-name limit. FME publishes no rule for traffic type names; see
 * docs/names.md.
 */
export function trafficTypeProblems(trafficType: string): Problem[] {
  if (typeof trafficType !== 'string' || !FLAG_NAME_PATTERN.test(trafficType)) {
    return [problem('traffic type', `${JSON.stringify(trafficType)} is not a valid traffic type name; start with a letter and use only letters, digits, "-" and "_"`)];
  }
  if (trafficType.length > FLAG_NAME_MAX_LENGTH) {
    return [problem('traffic type', `${shown(trafficType)} is ${trafficType.length} characters; a traffic type name has at most ${FLAG_NAME_MAX_LENGTH}`)];
  }
  return [];
}

/** Tags: letters, digits, `-`, `_`, `:`; at most 20. */
export function tagProblems(tags: string[]): Problem[] {
  const problems: Problem[] = [];
  if (tags.length > MAX_TAGS) {
    problems.push(problem('tags', `${tags.length} tags given; FME allows at most ${MAX_TAGS}`));
  }
  for (const t of tags) {
    if (!isTag(t)) {
      problems.push(problem('tags', `${JSON.stringify(t)} is not a valid tag; use only letters, digits, "-", "_" and ":"`));
    }
  }
  return problems;
}

/**
 * Environment names (FME accepts a name or an id wherever an environment is expected). The name is
 * one segment of Admin API paths (`/splits/ws/{ws}/{flag}/environments/{environment}`), so besides
 * the length limit of Harness's published pipeline schema (harness/harness-schema `v0/pipeline.json`,
 * `fme-flag-common-environment`: 1 to 100 characters) it must be path-safe (`pathSafetyProblem`).
 * FME publishes no character pattern for environment names; these rules only keep a name from
 * turning into a different URL path. See docs/names.md.
 */
export function environmentProblems(environment: string): Problem[] {
  const why = nameLengthProblem(environment, ENVIRONMENT_NAME_MAX_LENGTH) ?? pathSafetyProblem(environment);
  if (why === undefined) return [];
  return [problem('environment', `${shown(environment)} is not a valid environment name or id; ${why}`)];
}

/**
 * Workspace names: 1 to 100 characters (the library's limit; FME publishes none) and path-safe like
 * environment names (the handler looks the workspace up by name, and FME and the emulator accept the
 * name where a workspace id goes in a path).
 */
export function workspaceNameProblems(name: string): Problem[] {
  const why = nameLengthProblem(name, WORKSPACE_NAME_MAX_LENGTH) ?? pathSafetyProblem(name);
  if (why === undefined) return [];
  return [problem('workspace name', `${shown(name)} is not a valid workspace name; ${why}`)];
}

/**
 * Characters that can change which URL path a name addresses even when percent-encoded: slash and
 * backslash (many servers and proxies decode `%2F` and `%5C` before routing, and WHATWG URL parsers
 * read a backslash as a slash), `?` and `#` (start the query and the fragment), `%` (an
 * already-encoded sequence would be decoded a second time by some servers).
 */
const PATH_UNSAFE_CHARACTERS = /[/\\?#%]/;
/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Why `name` is empty or longer than `max` characters, or `undefined`. */
function nameLengthProblem(name: string, max: number): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return `give the name as FME shows it (1 to ${max} characters)`;
  if (name.length > max) return `it is ${name.length} characters, at most ${max} are allowed`;
  return undefined;
}

/**
 * Why `name` could not be sent as one URL path segment and still address the same object, or
 * `undefined`. `.` and `..` are dot segments, which URL normalization removes (RFC 3986 §5.2.4; the
 * WHATWG URL Standard, which Node and axios follow, does so for `%2E` and `%2E%2E` too), so a
 * definition path ending in `/environments/..` would address the flag itself.
 */
function pathSafetyProblem(name: string): string | undefined {
  if (name !== name.trim()) return 'remove the leading and trailing whitespace';
  if (name === '.' || name === '..') return '"." and ".." cannot be names: in a URL path they mean "this folder" and "the parent folder"';
  const unsafe = PATH_UNSAFE_CHARACTERS.exec(name);
  if (unsafe) return `it contains ${JSON.stringify(unsafe[0])}; a name that becomes part of a URL path must not contain /, \\, ?, #, % or control characters`;
  const control = CONTROL_CHARACTERS.exec(name);
  if (control) {
    return `it contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}; a name that becomes part of a URL path must not contain /, \\, ?, #, % or control characters`;
  }
  return undefined;
}

/** `name` quoted for a message, shortened when long (a 100,000-character name must not fill the terminal). */
function shown(name: unknown): string {
  if (typeof name !== 'string' || name.length <= 40) return JSON.stringify(name);
  return `${JSON.stringify(name.slice(0, 20)).slice(0, -1)}…"`;
}
