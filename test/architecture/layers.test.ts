/**
 * Layer check: every import in `src/**\/*.ts` must follow the "may import" table of
 * docs/ARCHITECTURE.md#layers-and-folders, the pure model must not pull in cdktf, constructs or I/O
 * packages, and no two files in `src/` may import each other, directly or through others
 * (docs/decisions.md#d15-one-fme-core).
 *
 * Imports are read with TypeScript's own pre-processor (`ts.preProcessFile`), which sees
 * `import` (also `import type` and side-effect imports), `export … from`, `import x = require()`,
 * `require('…')` anywhere in the file (also inside functions: the handler loads modules lazily) and
 * dynamic `import('…')`, and skips comments and string contents. Type-only imports count: they tie
 * the layers together just as much, for readers and for refactoring.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

type Layer = 'model' | 'spec' | 'cdk-runtime' | 'constructs' | 'pipeline' | 'client' | 'handler' | 'live' | 'emulator' | 'cli' | 'testing' | 'index';

/** A folder name with a hyphen, as a constant so the table's other keys stay unquoted. */
const CDK_RUNTIME = 'cdk-runtime';

/**
 * What each layer may import besides itself (docs/ARCHITECTURE.md#layers-and-folders). `index` is
 * `src/index.ts`, the jsii entry point: it exports the public API and nothing node-only.
 */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  model: ['spec'],
  spec: [],
  // The one place cdktf or cdktn is loaded at run time (docs/cdk-terrain.md).
  [CDK_RUNTIME]: [],
  constructs: ['model', 'spec', 'cdk-runtime'],
  pipeline: ['model', 'spec', 'cdk-runtime'],
  client: ['spec'],
  handler: ['model', 'client', 'spec'],
  // The live comparison (cdktf-fme diff, drift, import) reuses the handler's composition and comparison.
  live: ['model', 'client', 'spec', 'handler'],
  // The emulator is the oracle: it must not share the code it checks (docs/decisions.md#d15-one-fme-core).
  emulator: [],
  cli: ['emulator', 'client', 'spec', 'handler', 'model', 'live'],
  // The testing kit evaluates synthesized definitions with the emulator's Admin-to-SDK translation.
  testing: ['model', 'spec', 'cdk-runtime', 'constructs', 'emulator'],
  index: ['model', 'spec', 'constructs', 'pipeline', 'testing'],
};

const LAYERS = Object.keys(MAY_IMPORT).filter((l) => l !== 'index') as Layer[];

/** Packages the pure model must not import: cdktf, constructs, and anything that does I/O. */
const MODEL_FORBIDDEN_PACKAGES = [
  'cdktf', '@cdktf/*', 'constructs', 'axios',
  'fs', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'worker_threads', 'cluster',
];

interface ImportRef {
  /** The importing file, relative to the repository root (`src/model/matcher.ts`). */
  readonly from: string;
  readonly line: number;
  /** The specifier as written (`../constructs/flag-reference`). */
  readonly specifier: string;
  /** The imported file relative to the repository root, for imports inside `src/`. */
  readonly target?: string;
}

function listTsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTsFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

function rel(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** The layer a `src/` file belongs to, or `undefined` when it sits outside every known layer. */
function layerOf(relFile: string): Layer | undefined {
  if (relFile === 'src/index.ts') return 'index';
  const m = /^src\/([^/]+)\//.exec(relFile);
  return m && (LAYERS as string[]).includes(m[1]) ? (m[1] as Layer) : undefined;
}

/** Resolves a relative specifier the way TypeScript does for this project (`x.ts`, `x/index.ts`). */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.d.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every module specifier a source text imports, with its line number (1-based). */
function importsIn(text: string): Array<{ specifier: string; line: number }> {
  const info = ts.preProcessFile(text, true, true);
  const lineOf = (pos: number) => text.slice(0, pos).split('\n').length;
  return [...info.importedFiles, ...info.referencedFiles]
    .map((f) => ({ specifier: f.fileName, line: lineOf(f.pos) }))
    .sort((a, b) => a.line - b.line);
}

function scanSrc(): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const file of listTsFiles(SRC)) {
    for (const { specifier, line } of importsIn(fs.readFileSync(file, 'utf8'))) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
      const resolved = relative ? resolveRelative(file, specifier) : undefined;
      refs.push({ from: rel(file), line, specifier, target: resolved ? rel(resolved) : undefined });
    }
  }
  return refs;
}

/** `fs/promises` → `fs`; `node:fs` → `fs`; `@cdktf/provider-null/lib/x` → `@cdktf/provider-null`. */
function packageRoot(specifier: string): string {
  const bare = specifier.replace(/^node:/, '');
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isForbiddenInModel(specifier: string): boolean {
  const root = packageRoot(specifier);
  return MODEL_FORBIDDEN_PACKAGES.some((p) => (p.endsWith('/*') ? root.startsWith(p.slice(0, -1)) : root === p));
}

/** Strongly connected components with more than one file (or a file importing itself): the import cycles. */
function importCycles(edges: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter); low.set(v, counter); counter++;
    stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || edges.get(v)?.has(v)) components.push(component.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The shortest cycle through `start` inside one component, as a list of files ending where it started. */
function shortestCycle(start: string, component: Set<string>, edges: Map<string, Set<string>>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...(edges.get(v) ?? [])].sort()) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path_ = [v];
        while (path_[0] !== start) path_.unshift(previous.get(path_[0])!);
        return [...path_, start];
      }
      if (!previous.has(w)) { previous.set(w, v); queue.push(w); }
    }
  }
  return [start, start];
}

const refs = scanSrc();

describe('import scanner', () => {
  test('sees import, import type, export from, require (also nested) and dynamic import; skips comments and strings', () => {
    const found = importsIn([
      "import type { A } from './a';",
      "import './b';",
      "export * from './c';",
      "export type { D } from './d';",
      'function lazy() { return require(\'./e\') as unknown; }',
      "const f = () => import('./f');",
      "import g = require('./g');",
      "// import { h } from './h';",
      "const s = \"require('./i')\";",
    ].join('\n')).map((i) => `${i.line}:${i.specifier}`);
    expect(found).toEqual(['1:./a', '2:./b', '3:./c', '4:./d', '5:./e', '6:./f', '7:./g']);
  });

  test('finds the imports of src/ (the check is not vacuous)', () => {
    expect(refs.length).toBeGreaterThan(100);
    expect(refs).toContainEqual(expect.objectContaining({ from: 'src/cli/emulator-command.ts', target: 'src/emulator/index.ts' }));
    expect(refs).toContainEqual(expect.objectContaining({ from: 'src/client/transport.ts', specifier: 'axios' }));
  });
});

describe('layers (docs/ARCHITECTURE.md#layers-and-folders)', () => {
  test('every file in src/ belongs to a layer', () => {
    const outside = listTsFiles(SRC).map(rel).filter((f) => layerOf(f) === undefined);
    expect(outside).toEqual([]);
  });

  test('every relative import in src/ resolves to a file in src/', () => {
    const unresolved = refs
      .filter((r) => r.specifier.startsWith('.') && (r.target === undefined || !r.target.startsWith('src/')))
      .map((r) => `${r.from}:${r.line} imports '${r.specifier}', which is not a file in src/`);
    expect(unresolved).toEqual([]);
  });

  test('each layer imports only the layers it may', () => {
    const violations: string[] = [];
    for (const r of refs) {
      if (r.target === undefined) continue;
      const from = layerOf(r.from);
      const to = layerOf(r.target);
      if (from === undefined || to === undefined || from === to) continue;
      if (to === 'index' || !MAY_IMPORT[from].includes(to)) {
        const allowed = MAY_IMPORT[from].length > 0 ? MAY_IMPORT[from].join(', ') : 'nothing else in src/';
        violations.push(`${r.from}:${r.line} imports ${r.target} ('${r.specifier}'): ${from} may import only ${allowed}`);
      }
    }
    expect(violations).toEqual([]);
  });

  test('the model is pure: no cdktf, no constructs package, no I/O modules', () => {
    const violations = refs
      .filter((r) => layerOf(r.from) === 'model' && r.target === undefined && !r.specifier.startsWith('.'))
      .filter((r) => isForbiddenInModel(r.specifier))
      .map((r) => `${r.from}:${r.line} imports the package '${r.specifier}': the model imports no cdktf, constructs or I/O modules`);
    expect(violations).toEqual([]);
  });

  test('the forbidden-package check bites', () => {
    expect(['cdktf', 'cdktf/lib/x', '@cdktf/provider-null', 'constructs', 'fs', 'node:fs', 'fs/promises', 'http', 'axios', 'child_process']
      .filter((s) => !isForbiddenInModel(s))).toEqual([]);
    expect(['crypto', 'path', 'util'].filter((s) => isForbiddenInModel(s))).toEqual([]);
    // Sanity: the list names real modules, so a typo cannot switch a rule off silently.
    for (const p of MODEL_FORBIDDEN_PACKAGES.filter((x) => !x.includes('cdktf') && x !== 'constructs' && x !== 'axios')) {
      expect(builtinModules).toContain(p);
    }
  });
});

describe('import cycles', () => {
  test('no file in src/ imports itself through other files', () => {
    const edges = new Map<string, Set<string>>();
    for (const r of refs) {
      if (r.target === undefined || !r.target.startsWith('src/')) continue;
      if (!edges.has(r.from)) edges.set(r.from, new Set());
      edges.get(r.from)!.add(r.target);
    }
    const cycles = importCycles(edges).map((component) => {
      const cycle = shortestCycle(component[0], new Set(component), edges);
      const members = component.length > cycle.length - 1 ? ` (files in this cycle group: ${component.join(', ')})` : '';
      return `${cycle.join(' → ')}${members}`;
    });
    expect(cycles).toEqual([]);
  });
});
