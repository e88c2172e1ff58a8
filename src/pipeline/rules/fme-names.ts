import { ENVIRONMENT_NAME_MAX_LENGTH, FLAG_NAME_MAX_LENGTH, FLAG_NAME_PATTERN, isFlagName, isTag, MAX_TAGS, TAG_PATTERN } from '../../model/names';
import { isExpression } from '../patterns';

/**
 * Rule `fme-name-pattern`: flag, segment and flag-set names follow FME's name rule (the model's
 * `isFlagName`: `^[a-zA-Z][-_a-zA-Z0-9]*$`, 1..100 characters), unless given as an expression
 * (`<+pipeline.variables.flagName>`).
 *
 * @internal
 */
export function fmeNameErrors(value: string, field: string): string[] {
  if (isExpression(value) || isFlagName(value)) return [];
  return [`[fme-name-pattern] ${field} "${value}" must match ${FLAG_NAME_PATTERN.source} (at most ${FLAG_NAME_MAX_LENGTH} chars) or be an expression like <+pipeline.variables.flagName>.`];
}

/**
 * Rule `environment-value`: an environment is 1..100 characters (a name or an id, or an expression).
 *
 * @internal
 */
export function environmentErrors(value: string): string[] {
  if (isExpression(value)) return [];
  if (value.length < 1 || value.length > ENVIRONMENT_NAME_MAX_LENGTH) {
    return [`[environment-value] environment "${value}" must be 1 to ${ENVIRONMENT_NAME_MAX_LENGTH} characters (an FME environment name or id).`];
  }
  return [];
}

/**
 * Rules `tag-pattern` and `tag-count`: FME tags match `^([a-zA-Z0-9-_:]+)$`, at most 20 per object
 * (the model's `isTag` and `MAX_TAGS`; the flag schemas place `maxItems: 20` where it has no effect,
 * so this library enforces it).
 *
 * @internal
 */
export function tagErrors(tags: string[] | undefined, field: string): string[] {
  if (!tags) return [];
  const errors = tags.filter(t => !isTag(t)).map(t => `[tag-pattern] ${field} "${t}" must match ${TAG_PATTERN.source}.`);
  if (tags.length > MAX_TAGS) errors.push(`[tag-count] ${field} has ${tags.length} tags; FME allows at most ${MAX_TAGS}.`);
  return errors;
}
