import { badRequest } from './errors';
import { isObject } from './validation/checks';

/**
 * RFC 6902 JSON Patch: `add`, `remove`, `replace` (what FME documents) plus `test`, applied to
 * a copy of the document. Every failure is a 400, and the caller validates the result as a
 * whole, as FME does (docs/fme-api.md#json-patch-on-definitions).
 */
export function applyJsonPatch<T>(document: T, operations: unknown): T {
  if (!Array.isArray(operations)) throw badRequest('A JSON Patch body must be a JSON array of operations');
  let doc: unknown = JSON.parse(JSON.stringify(document));
  operations.forEach((raw, i) => {
    if (!isObject(raw)) throw badRequest(`JSON Patch operation ${i} must be an object`);
    const op = raw.op;
    const path = raw.path;
    if (typeof path !== 'string') throw badRequest(`JSON Patch operation ${i} needs a string 'path'`);
    const tokens = parsePointer(path, i);
    switch (op) {
      case 'add':
        requireValue(raw, i);
        doc = add(doc, tokens, clone(raw.value), i);
        break;
      case 'replace':
        requireValue(raw, i);
        doc = replace(doc, tokens, clone(raw.value), i);
        break;
      case 'remove':
        doc = remove(doc, tokens, i);
        break;
      case 'test':
        requireValue(raw, i);
        if (JSON.stringify(get(doc, tokens, i)) !== JSON.stringify(raw.value)) throw badRequest(`JSON Patch operation ${i}: test failed at '${path}'`);
        break;
      default:
        throw badRequest(`JSON Patch operation ${i}: op ${JSON.stringify(op)} is not supported (add, remove, replace, test)`);
    }
  });
  return doc as T;
}

function requireValue(raw: Record<string, unknown>, i: number): void {
  if (!('value' in raw)) throw badRequest(`JSON Patch operation ${i} (${String(raw.op)}) needs a 'value'`);
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function parsePointer(path: string, i: number): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`JSON Patch operation ${i}: path '${path}' must start with '/'`);
  return path.slice(1).split('/').map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Walks to the parent of the target; every intermediate member must exist. */
function parent(doc: unknown, tokens: string[], i: number): { container: unknown; last: string } {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    node = child(node, token, i, tokens);
  }
  return { container: node, last: tokens[tokens.length - 1] };
}

function child(node: unknown, token: string, i: number, tokens: string[]): unknown {
  if (Array.isArray(node)) {
    const index = arrayIndex(token, node.length - 1, i, tokens);
    return node[index];
  }
  if (isObject(node) && Object.prototype.hasOwnProperty.call(node, token)) return node[token];
  throw badRequest(`JSON Patch operation ${i}: path '/${tokens.join('/')}' does not exist`);
}

function arrayIndex(token: string, max: number, i: number, tokens: string[]): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token) || Number(token) > max) {
    throw badRequest(`JSON Patch operation ${i}: array index '${token}' in '/${tokens.join('/')}' is out of range`);
  }
  return Number(token);
}

function get(doc: unknown, tokens: string[], i: number): unknown {
  let node = doc;
  for (const token of tokens) node = child(node, token, i, tokens);
  return node;
}

function add(doc: unknown, tokens: string[], value: unknown, i: number): unknown {
  if (tokens.length === 0) return value;
  const { container, last } = parent(doc, tokens, i);
  if (Array.isArray(container)) {
    const index = last === '-' ? container.length : arrayIndex(last, container.length, i, tokens);
    container.splice(index, 0, value);
  } else if (isObject(container)) {
    container[last] = value;
  } else {
    throw badRequest(`JSON Patch operation ${i}: cannot add at '/${tokens.join('/')}' (parent is not an object or array)`);
  }
  return doc;
}

function replace(doc: unknown, tokens: string[], value: unknown, i: number): unknown {
  if (tokens.length === 0) return value;
  const { container, last } = parent(doc, tokens, i);
  if (Array.isArray(container)) {
    container[arrayIndex(last, container.length - 1, i, tokens)] = value;
  } else if (isObject(container) && Object.prototype.hasOwnProperty.call(container, last)) {
    container[last] = value;
  } else {
    // RFC 6902: replace needs an existing member (the reason Harness steps `add` /flagSets).
    throw badRequest(`JSON Patch operation ${i}: cannot replace '/${tokens.join('/')}', it does not exist (use add)`);
  }
  return doc;
}

function remove(doc: unknown, tokens: string[], i: number): unknown {
  if (tokens.length === 0) throw badRequest(`JSON Patch operation ${i}: cannot remove the whole document`);
  const { container, last } = parent(doc, tokens, i);
  if (Array.isArray(container)) {
    container.splice(arrayIndex(last, container.length - 1, i, tokens), 1);
  } else if (isObject(container) && Object.prototype.hasOwnProperty.call(container, last)) {
    delete container[last];
  } else {
    throw badRequest(`JSON Patch operation ${i}: cannot remove '/${tokens.join('/')}', it does not exist`);
  }
  return doc;
}
