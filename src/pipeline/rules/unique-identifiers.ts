/**
 * Rule `identifier-unique`: identifiers are unique in their scope — stages within the pipeline, and
 * steps and step groups within their stage (nested groups included, which is stricter than Harness
 * but keeps `<+execution.steps.ID>` expressions unambiguous).
 *
 * @internal
 */
export function duplicateIdentifierErrors(identifiers: string[], scope: string): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const id of identifiers) (seen.has(id) ? dupes : seen).add(id);
  return [...dupes].map(d => `[identifier-unique] identifier "${d}" is used more than once in ${scope}; identifiers must be unique there.`);
}
