/**
 * Test utility: validates pipeline YAML against Harness's published pipeline schema
 * (`schema/harness/pipeline.v0.json`, see `schema/harness/README.md`).
 *
 * Stages and steps in the schema are `oneOf` unions over ~120 node types, so a raw Ajv error list for
 * one bad field holds hundreds of errors from branches that never applied. `validatePipeline` distils
 * them: at every failing `oneOf` it picks the branch that matches the node (same `type:` property, or
 * same JSON type), validates the node against that branch alone, and recurses. What is left points at
 * the offending field: `{ path: '/pipeline/stages/0/stage/spec/execution/steps/2/step/spec/allocation/0/amount', ... }`.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { isAlias, isNode, parse, parseDocument, visit } from 'yaml';

const SCHEMA_FILE = path.join(__dirname, '..', '..', 'schema', 'harness', 'pipeline.v0.json');
const KEY = 'harness';

/** One distilled schema violation. */
export interface SchemaError {
  /** JSON pointer of the offending node in the document, e.g. `/pipeline/stages/0/stage/identifier`. */
  readonly path: string;
  /** Ajv's message, e.g. `must match pattern "^[a-zA-Z_][0-9a-zA-Z_]{0,127}$"`. */
  readonly message: string;
}

interface Loaded {
  readonly ajv: Ajv;
  readonly root: ValidateFunction;
  readonly schema: any;
}

let loaded: Loaded | undefined;

/** Walks a JSON pointer (`/a/b/0`) in a JSON value. */
function at(value: any, pointer: string): any {
  if (pointer === '' || pointer === '#') return value;
  return pointer.replace(/^#/, '').split('/').slice(1)
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => (node == null ? undefined : node[key]), value);
}

/** The three in-memory patches of the published file's defects (schema/harness/README.md). */
function patch(schema: any): void {
  const email = at(schema, '/definitions/pipeline/steps/custom/EmailStepInfo/allOf/1/properties/ccUserGroups/oneOf/1');
  if (email) delete email.minLength;
  const stepElement = at(schema, '/definitions/pipeline/common/StepElementConfig/properties');
  // Keep the generic branch matching nothing: deleting only the enum would make every step match twice.
  if (stepElement) stepElement.type = { not: {} };
  const azure = at(schema, '/definitions/pipeline/stages/cd/AzureFunctionServiceSpec/allOf/1');
  if (azure) delete azure.properties;
}

/** Loads and compiles the schema once per test file (about 2.5 s). */
export function loadHarnessSchema(): Loaded {
  if (!loaded) {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    patch(schema);
    const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false });
    ajv.addSchema(schema, KEY);
    const root = ajv.getSchema(KEY)!;
    loaded = { ajv, root, schema };
  }
  return loaded;
}

/** Resolves a schema node's `$ref` chain (refs are root-relative `#/definitions/...`). */
function deref(schema: any, node: any): any {
  for (let i = 0; i < 10 && node && typeof node.$ref === 'string' && node.$ref.startsWith('#'); i++) {
    node = at(schema, node.$ref.slice(1));
  }
  return node;
}

/** The `type:` property values a node schema admits (looks into `properties` and `allOf`). */
function typeDiscriminators(node: any): string[] | undefined {
  const candidates = [node, ...(Array.isArray(node?.allOf) ? node.allOf : [])];
  for (const c of candidates) {
    const t = c?.properties?.type;
    if (t && Array.isArray(t.enum)) return t.enum;
    if (t && typeof t.const === 'string') return [t.const];
  }
  return undefined;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function admitsJsonType(node: any, t: string): boolean {
  const types = node?.type === undefined ? undefined : ([] as string[]).concat(node.type);
  if (!types) return true;
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

/** Picks the one `oneOf` branch meant for `data` (same `type:` property, else same JSON type). */
function chooseBranch(schema: any, branches: any[], data: unknown): any | undefined {
  const resolved = branches.map(b => [b, deref(schema, b)] as const);
  let candidates = resolved;
  const nodeType = (data && typeof data === 'object' && !Array.isArray(data)) ? (data as any).type : undefined;
  if (typeof nodeType === 'string') {
    const byType = resolved.filter(([, n]) => typeDiscriminators(n)?.includes(nodeType));
    if (byType.length > 0) candidates = byType;
  }
  if (candidates.length > 1) {
    const t = jsonTypeOf(data);
    candidates = candidates.filter(([, n]) => admitsJsonType(n, t));
  }
  return candidates.length === 1 ? candidates[0][0] : undefined;
}

/** A message when `data.type` names none of the union's typed branches (e.g. a misspelt step type). */
function unknownType(schema: any, branches: any[], data: unknown): string | undefined {
  const nodeType = (data && typeof data === 'object' && !Array.isArray(data)) ? (data as any).type : undefined;
  if (typeof nodeType !== 'string') return undefined;
  const known = branches.flatMap(b => typeDiscriminators(deref(schema, b)) ?? []);
  if (known.length === 0 || known.includes(nodeType)) return undefined;
  return `unknown type "${nodeType}": not one of the ${known.length} types allowed here`;
}

/** Rewrites root-relative refs so a branch can be compiled on its own against the loaded root. */
function rebase(node: any): any {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${KEY}${v}` : rebase(v);
    }
    return out;
  }
  return node;
}

const branchValidators = new WeakMap<object, ValidateFunction>();

function branchValidator(l: Loaded, branch: any): ValidateFunction {
  let v = branchValidators.get(branch);
  if (!v) {
    v = l.ajv.compile(rebase(branch));
    branchValidators.set(branch, v);
  }
  return v;
}

function isNoise(e: ErrorObject): boolean {
  // `if` only says "must match then"; the `then` errors carry the detail.
  if (e.keyword === 'if') return true;
  // Template branches of step/stage unions.
  if (e.keyword === 'required' && (e.params as any).missingProperty === 'template') return true;
  return false;
}

function distil(l: Loaded, validate: ValidateFunction, data: unknown, base: string, depth: number): SchemaError[] {
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter(e => !isNoise(e));
  const out: SchemaError[] = [];
  // oneOf failures whose branch we can identify are replaced by that branch's own errors.
  const explained: string[] = [];
  const oneOfs = errors.filter(e => e.keyword === 'oneOf' && (e.params as any).passingSchemas == null);
  // Outermost first: the chosen branch's own validation then explains every union nested in it.
  oneOfs.sort((a, b) => a.instancePath.length - b.instancePath.length);
  for (const e of oneOfs) {
    if (depth > 12 || !Array.isArray(e.schema)) continue;
    if (explained.some(p => e.instancePath.startsWith(p + '/') || e.instancePath === p)) continue;
    const node = at(data, e.instancePath);
    const unknown = unknownType(l.schema, e.schema, node);
    if (unknown) {
      explained.push(e.instancePath);
      out.push({ path: `${base}${e.instancePath}/type`, message: unknown });
      continue;
    }
    const branch = chooseBranch(l.schema, e.schema, node);
    if (!branch) continue;
    explained.push(e.instancePath);
    out.push(...distil(l, branchValidator(l, branch), node, base + e.instancePath, depth + 1));
  }
  for (const e of errors) {
    if (explained.some(p => e.instancePath === p || e.instancePath.startsWith(p + '/'))) continue;
    const message = e.keyword === 'additionalProperties'
      ? `${e.message}: '${(e.params as any).additionalProperty}'`
      : e.keyword === 'enum' ? `${e.message}: ${JSON.stringify((e.params as any).allowedValues)}` : e.message ?? e.keyword;
    out.push({ path: base + e.instancePath, message });
  }
  // Same field reported by several `allOf`/`then` paths: keep one.
  const seen = new Set<string>();
  return out.filter(x => {
    const k = `${x.path} ${x.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Validates a parsed pipeline document; returns distilled errors (empty when valid). */
export function validatePipelineDocument(doc: unknown): SchemaError[] {
  const l = loadHarnessSchema();
  return distil(l, l.root, doc, '', 0);
}

/** Parses YAML (YAML 1.2 core schema, as Harness does) and validates it. */
export function validatePipelineYaml(yamlText: string): SchemaError[] {
  return validatePipelineDocument(parse(yamlText));
}

/** Formats errors one per line: `<path>: <message>`. */
export function formatSchemaErrors(errors: SchemaError[]): string {
  return errors.map(e => `${e.path || '/'}: ${e.message}`).join('\n');
}

/**
 * Anchors (`&a1`), aliases (`*a1`) and explicit tags (`!!str`) in YAML text, found by parsing it (a
 * regular expression would also match `*` and `&` inside quoted strings). Harness reads pipelines with
 * Jackson, which does not resolve aliases, and the schema validator above resolves them first, so it
 * alone could not catch them.
 */
export function nonPlainYamlNodes(yamlText: string): string[] {
  const found: string[] = [];
  visit(parseDocument(yamlText), (_key, node) => {
    if (isAlias(node)) found.push(`alias *${node.source}`);
    else if (isNode(node) && node.anchor !== undefined) found.push(`anchor &${node.anchor}`);
    else if (isNode(node) && node.tag !== undefined) found.push(`tag ${node.tag}`);
  });
  return found;
}

/**
 * Jest helper: fails with readable errors unless the YAML is plain (no anchors, aliases or tags) and
 * validates against the schema. Every test that checks a synthesized pipeline goes through here.
 */
export function expectSchemaValid(yamlText: string): void {
  const nonPlain = nonPlainYamlNodes(yamlText);
  if (nonPlain.length > 0) {
    throw new Error(`pipeline YAML is not plain YAML (Harness does not resolve these): ${nonPlain.join(', ')}\n---\n${yamlText}`);
  }
  const errors = validatePipelineYaml(yamlText);
  if (errors.length > 0) {
    throw new Error(`pipeline YAML does not validate against the Harness schema:\n${formatSchemaErrors(errors)}\n---\n${yamlText}`);
  }
}
