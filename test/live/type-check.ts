import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/** Type-checks the generated file against the library's source. */
export function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    skipLibCheck: true,
    noUnusedLocals: true,
    // The file sits in a temporary folder: resolve its one outside import, and Node's types, from this repository.
    paths: { constructs: [path.join(ROOT, 'node_modules', 'constructs')] },
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    types: ['node'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
