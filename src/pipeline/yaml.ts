import { Document, parse, visit } from 'yaml';

/**
 * True when a plain (unquoted) scalar with this text would not read back as the same string — under
 * YAML 1.1 (Harness parses pipelines with a YAML 1.1 parser, where `on`, `off`, `yes`, `y`, `n`, `~`
 * and `010` are booleans, null or numbers) or under YAML 1.2 (what most editors and tools use).
 */
function needsQuotes(text: string): boolean {
  if (text.includes('\n')) return false; // block scalars are always strings
  try {
    return typeof parse(text, { version: '1.1' }) !== 'string' || typeof parse(text) !== 'string';
  } catch {
    return true;
  }
}

/**
 * Renders a plain object as YAML, byte-stable: keys keep the insertion order the renderers chose
 * (no sorting, no timestamps), lines are never folded, and every string that could be read back as a
 * boolean, null or number (`"on"`, `"off"`, `"yes"`, `"010"`, `"1e3"`, ...) is double-quoted.
 *
 * @internal
 */
export function renderYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotes(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
