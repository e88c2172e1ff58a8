import { VARIABLE_NAME_PATTERN } from '../patterns';
import { duplicateIdentifierErrors } from './unique-identifiers';

/**
 * Rules `variable-name` and `variable-unique` for one list of NG variables (the pipeline's, a stage's,
 * a step's input variables): each name matches the schema's NG variable pattern, and no name repeats.
 *
 * @internal
 */
export function variableNameErrors(names: string[], scope: string): string[] {
  return [
    ...names.filter(n => !VARIABLE_NAME_PATTERN.test(n)).map(n => `[variable-name] variable name "${n}" in ${scope} must match ${VARIABLE_NAME_PATTERN.source}.`),
    ...duplicateIdentifierErrors(names, scope).map(e => e.replace('[identifier-unique]', '[variable-unique]')),
  ];
}
