import { IDENTIFIER_PATTERN, NAME_PATTERN } from '../patterns';

/**
 * Rule `identifier-pattern` and `name-pattern`: Harness identifiers are `^[a-zA-Z_][0-9a-zA-Z_]{0,127}$`
 * and names `^[a-zA-Z_0-9-.][-0-9a-zA-Z_\s.]{0,127}$` (published schema).
 *
 * @internal
 */
export function identityErrors(kind: string, identifier: string, name: string): string[] {
  const errors: string[] = [];
  if (!IDENTIFIER_PATTERN.test(identifier)) {
    errors.push(`[identifier-pattern] ${kind} identifier "${identifier}" must match ${IDENTIFIER_PATTERN.source} `
      + '(a letter or _, then letters, digits or _; at most 128 chars). Pass `identifier` explicitly or use such a construct id.');
  }
  if (!NAME_PATTERN.test(name)) {
    errors.push(`[name-pattern] ${kind} name "${name}" must match ${NAME_PATTERN.source} (letters, digits, spaces, - _ .; at most 128 chars).`);
  }
  return errors;
}
