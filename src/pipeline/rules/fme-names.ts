import { FME_OBJECT_NAME_PATTERN, isExpression, TAG_PATTERN } from '../patterns';

/**
 * Rule `fme-name-pattern`: flag, segment and flag-set names are `^[a-zA-Z][-_a-zA-Z0-9]*$`, 1..100
 * characters, unless given as an expression (`<+pipeline.variables.flagName>`).
 *
 * @internal
 */
export function fmeNameErrors(value: string, field: string): string[] {
  if (isExpression(value)) return [];
  if (!FME_OBJECT_NAME_PATTERN.test(value) || value.length > 100) {
    return [`[fme-name-pattern] ${field} "${value}" must match ${FME_OBJECT_NAME_PATTERN.source} (at most 100 chars) or be an expression like <+pipeline.variables.flagName>.`];
  }
  return [];
}

/**
 * Rule `environment-value`: an environment is 1..100 characters (a name or an id, or an expression).
 *
 * @internal
 */
export function environmentErrors(value: string): string[] {
  if (isExpression(value)) return [];
  if (value.length < 1 || value.length > 100) {
    return [`[environment-value] environment "${value}" must be 1 to 100 characters (an FME environment name or id).`];
  }
  return [];
}

/**
 * Rules `tag-pattern` and `tag-count`: FME tags match `^[a-zA-Z0-9-_:]+$`, at most 20 per object (the
 * flag schemas place `maxItems: 20` where it has no effect, so this library enforces it).
 *
 * @internal
 */
export function tagErrors(tags: string[] | undefined, field: string): string[] {
  if (!tags) return [];
  const errors = tags.filter(t => !TAG_PATTERN.test(t)).map(t => `[tag-pattern] ${field} "${t}" must match ${TAG_PATTERN.source}.`);
  if (tags.length > 20) errors.push(`[tag-count] ${field} has ${tags.length} tags; FME allows at most 20.`);
  return errors;
}
