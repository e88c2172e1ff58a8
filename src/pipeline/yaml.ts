import { Document, isAlias, isNode, parse, visit } from 'yaml';

/**
 * True when a plain (unquoted) scalar with this text would not read back as the same string — under
 * YAML 1.1 (Harness parses pipelines with a YAML 1.1 parser, where `on`, `off`, `yes`, `y`, `n`, `~`
 * and `010` are booleans, null or numbers) or under YAML 1.2 (what most editors and tools use).
 *
 * The probe parses user text as a whole YAML document, so `%s%s%n` reads as an unknown `%` directive,
 * `!!python/object x` as an unresolved tag and `{{7*7}}` as a map with a collection key; the `yaml`
 * package reports these through `process.emitWarning` (a `YAMLWarning` on stderr) unless `logLevel`
 * is `error`. Errors still throw, and any such text is quoted anyway; the output is unchanged.
 */
function needsQuotes(text: string): boolean {
  if (text.includes('\n')) return false; // block scalars are always strings
  try {
    return typeof parse(text, { version: '1.1', logLevel: 'error' }) !== 'string' || typeof parse(text, { logLevel: 'error' }) !== 'string';
  } catch {
    return true;
  }
}

/**
 * Renders a plain object as YAML, byte-stable: keys keep the insertion order the renderers chose
 * (no sorting, no timestamps), lines are never folded, and every string that could be read back as a
 * boolean, null or number (`"on"`, `"off"`, `"yes"`, `"010"`, `"1e3"`, ...) is double-quoted. Rendering
 * prints no warning, whatever the strings contain, and never writes anchors or aliases.
 *
 * @internal
 */
export function renderYaml(value: unknown): string {
  // An object that appears twice in the value (a reused value object) is written out twice, never as
  // an anchor and alias (`&a1` / `*a1`): the YAML stays plain and each place reads on its own.
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotes(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  assertPlain(doc);
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

/**
 * Harness reads pipelines with Jackson, which does not resolve YAML aliases (docs/harness-pipelines.md,
 * YAML 1.1 scalars), and Pipeline Studio never writes anchors, aliases or explicit tags. The renderer
 * builds none; this guard keeps a future renderer change from writing one unnoticed.
 */
function assertPlain(doc: Document): void {
  visit(doc, (_key, node) => {
    if (isAlias(node) || (isNode(node) && (node.anchor !== undefined || node.tag !== undefined))) {
      throw new Error(`internal error: the pipeline YAML would contain an anchor, alias or tag (${String(node)}); please report it.`);
    }
  });
}
