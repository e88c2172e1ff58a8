/**
 * Every rule the library checks before anything reaches FME, by its stable id. The id starts each
 * message (`[<construct path>] <rule id>: <what is wrong and what to do>`), so a user can search
 * docs/rules.md for it, and tests and tools can match on it. Ids never change meaning; a new rule
 * gets a new id. (Pipeline steps have rules of their own, listed in src/pipeline/README.md with
 * their bracketed ids such as `[percentage-sum]`; where they are FME rules, they call the same
 * checks as these.)
 */
export const RULE_IDS = [
  // names that reach FME (docs/names.md)
  'flag name', 'segment name', 'flag set name', 'traffic type', 'environment', 'workspace name', 'tags', 'owners',
  // treatments
  'treatment count', 'treatment names', 'dynamic configuration',
  // a rollout plan
  'individual targets', 'one treatment per key', 'limit exposure', 'targeting rules', 'matchers',
  'default rule', 'default treatment', 'baseline treatment', 'default allocation', 'segment keys', 'prerequisites', 'flag sets',
  // a large segment's keys file (docs/fme-api.md#large-segments)
  'large segment keys',
  // across constructs of one stack
  'flag', 'conflicting constructs', 'dependencies', 'segments', 'rule-based segments',
  // what removal does, and when change requests run (docs/fme-api.md#archive-and-unarchive, #scheduled-change-requests)
  'removal policy', 'change request schedule',
  // props as given at run time (plain JavaScript callers, docs/rules.md#props)
  'props',
  // the stack's FmeConfig and the app's stacks (docs/ownership.md)
  'fme config', 'workspace', 'api key', 'api base url', 'retries', 'change requests', 'stack id', 'one owner', 'spec size', 'inventory size',
  // names checked against the lookup context file (docs/lookups.md)
  'known environment', 'known traffic type', 'known attribute',
] as const;

/** A rule id (see `RULE_IDS`). */
export type RuleId = typeof RULE_IDS[number];
