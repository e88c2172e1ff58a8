import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as library from '../../src';
import * as jestKit from '../../src/testing/jest';

/**
 * The README's "Testing your flags" example, run as printed: its tests are registered here, with the
 * package's imports pointed at this repository's sources, so the README cannot drift from the kit.
 */
function exampleSource(): string {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split('\n## Testing your flags\n')[1]?.split('\n## ')[0] ?? '';
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no TypeScript example under "## Testing your flags"');
  return block[1];
}

const PACKAGES: Record<string, unknown> = {
  'cdktf-harness-fme': library,
  'cdktf-harness-fme/lib/testing/jest': jestKit,
};

const js = ts.transpileModule(exampleSource(), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
// eslint-disable-next-line @typescript-eslint/no-require-imports
new Function('require', 'exports', js)((name: string) => PACKAGES[name] ?? require(name), {});
