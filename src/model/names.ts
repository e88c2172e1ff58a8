/**
 * Name rules FME enforces, and the limits this library adds where FME publishes none. Patterns and
 * lengths come from Harness's published pipeline schema (harness/harness-schema, `v0/pipeline.json`:
 * `fme-flag-common-flag-name`, `fme-flag-common-treatments`, `fme-flag-common-environment`); the
 * reserved words from the rollout-plan docs. `docs/names.md` says which rules are confirmed and why.
 */

/**
 * Flag (and segment, traffic type) names: a letter first, then letters, digits, `-`, `_`
 * (the schema's `fme-flag-common-flag-name`, which its segment names repeat). Flag sets have a
 * stricter rule of their own: `FLAG_SET_NAME_PATTERN`.
 */
export const FLAG_NAME_PATTERN = /^[a-zA-Z][-_a-zA-Z0-9]*$/;
export const FLAG_NAME_MAX_LENGTH = 100;

/** Whether `name` is a valid flag or segment name: `FLAG_NAME_PATTERN`, at most 100 characters. */
export function isFlagName(name: unknown): boolean {
  return typeof name === 'string' && FLAG_NAME_PATTERN.test(name) && name.length <= FLAG_NAME_MAX_LENGTH;
}

/**
 * Flag-set names: a lower-case letter or digit first, then lower-case letters, digits and `_`; at
 * most 50 characters. Every Split SDK checks set names against exactly this expression (and drops
 * others), and Harness's Terraform provider validates `harness_fme_flag_set` names the same way;
 * docs/names.md and docs/fme-api.md#flag-sets give the sources.
 */
export const FLAG_SET_NAME_PATTERN = /^[a-z0-9][_a-z0-9]{0,49}$/;
export const FLAG_SET_NAME_MAX_LENGTH = 50;

/** Treatment names: a letter or digit first, then letters, digits, `-`, `_`, `.`. */
export const TREATMENT_NAME_PATTERN = /^[a-zA-Z0-9][-_.a-zA-Z0-9]*$/;
/**
 * Longest treatment name the library accepts. FME's own limit is not published (the pipeline schema
 * gives the pattern only); 100 is the cap that schema puts on FME flag and environment names.
 */
export const TREATMENT_NAME_MAX_LENGTH = 100;

/**
 * Longest environment name (or id): Harness's published pipeline schema, `fme-flag-common-environment`
 * (`minLength: 1`, `maxLength: 100`). FME publishes no character pattern for environment names.
 */
export const ENVIRONMENT_NAME_MAX_LENGTH = 100;

/**
 * Longest workspace name the library accepts. FME publishes no limit; 100 matches the other FME names.
 */
export const WORKSPACE_NAME_MAX_LENGTH = 100;

/** Flag and segment tags: letters, digits, `-`, `_`, `:` (the schema's tag pattern, verbatim). */
export const TAG_PATTERN = /^([a-zA-Z0-9-_:]+)$/;
/** Most tags one flag or segment may carry. */
export const MAX_TAGS = 20;

/** Whether `tag` is a valid tag (`TAG_PATTERN`). */
export function isTag(tag: unknown): boolean {
  return typeof tag === 'string' && TAG_PATTERN.test(tag);
}

export const MIN_TREATMENTS = 2;
export const MAX_TREATMENTS = 20;

/** Dynamic configuration size limit per treatment, in bytes of serialized JSON. */
export const MAX_CONFIG_BYTES = 1024;

/** Words FME's targeting grammar uses; a treatment cannot be named after one of them. */
export const RESERVED_TREATMENT_NAMES: ReadonlySet<string> = new Set([
  'all', 'and', 'between', 'contain', 'contains', 'control', 'datetime', 'does', 'end', 'ends',
  'false', 'has', 'have', 'if', 'in', 'is', 'match', 'matches', 'not', 'number', 'set', 'split',
  'start', 'starts', 'string', 'then', 'treatment', 'true', 'with',
]);
