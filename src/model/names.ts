/**
 * Name rules FME enforces. Patterns come from Harness's published pipeline schema
 * (reference fme-admin-api.md §3 and §4.3); the reserved words from the rollout-plan docs.
 */

/** Flag (and segment, traffic type) names: a letter first, then letters, digits, `-`, `_`. */
export const FLAG_NAME_PATTERN = /^[a-zA-Z][-_a-zA-Z0-9]*$/;
export const FLAG_NAME_MAX_LENGTH = 100;

/** Treatment names: a letter or digit first, then letters, digits, `-`, `_`, `.`. */
export const TREATMENT_NAME_PATTERN = /^[a-zA-Z0-9][-_.a-zA-Z0-9]*$/;

/** Flag tags. */
export const TAG_PATTERN = /^[a-zA-Z0-9-_:]+$/;
export const MAX_TAGS = 20;

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
