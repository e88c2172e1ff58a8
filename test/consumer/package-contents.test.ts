/**
 * What the npm package ships (docs/packaging.md): only what users run — the compiled library, the
 * jsii assembly, the handler and CLI bundles, README, LICENSE — and every module that
 * `lib/index.js` or the CLI loads is in it or is a declared peer (or a Node built-in).
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { kb, npmPack, PackReport, ROOT } from './packed-package';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
let report: PackReport;
let shipped: Set<string>;

beforeAll(() => {
  report = npmPack(['--dry-run']);
  shipped = new Set(report.files.map((f) => f.path));
  console.log(`npm pack: ${kb(report.size)} packed, ${kb(report.unpackedSize)} unpacked, ${report.entryCount} files`);
});

test('ships no repository-only folder, no bundled node_modules, no source map', () => {
  const repositoryOnly = /^(src|test|bench|examples|scripts|docs|schema|projenrc|\.ci|\.projen|node_modules|coverage|test-reports|\.tmp)\/|^(API\.md|tsconfig.*\.json|\.projenrc\.ts)$|\.map$/;
  expect(report.files.map((f) => f.path).filter((p) => repositoryOnly.test(p))).toEqual([]);
  expect(report.bundled).toEqual([]);
  expect(manifest.bundledDependencies ?? []).toEqual([]);
});

test('ships the entry point, the jsii assembly, the handler and the CLI', () => {
  for (const file of ['package.json', 'README.md', 'LICENSE', 'lib/index.js', 'lib/index.d.ts', '.jsii', 'assets/handler/index.js', manifest.bin['cdktf-fme']]) {
    expect(shipped).toContain(file);
  }
});

test('every module lib/index.js, the CLI and the handler load is shipped, a peer dependency or built into Node', () => {
  const allowedPackages = new Set([...Object.keys(manifest.peerDependencies ?? {}), ...Object.keys(manifest.dependencies ?? {})]);
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const problems: string[] = [];
  const seen = new Set<string>();
  // The handler bundle runs on its own (Terraform's local-exec starts it): it may load built-ins only.
  const queue = ['lib/index.js', manifest.bin['cdktf-fme'] as string, 'assets/handler/index.js'];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, specifier] of text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
      if (specifier.includes('${')) continue; // computed: src/cdk-runtime loads cdktf or cdktn, both peers
      if (specifier.startsWith('.')) {
        const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const target = [base, `${base}.js`, `${base}/index.js`].find((c) => shipped.has(c));
        if (target === undefined) problems.push(`${file}: require('${specifier}') → ${base} is not in the package`);
        else if (target.endsWith('.js')) queue.push(target);
      } else if (!builtins.has(specifier)) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!allowedPackages.has(name)) problems.push(`${file}: require('${specifier}'): ${name} is neither a dependency nor a peer`);
      }
    }
  }
  expect(seen.size).toBeGreaterThan(20);
  // lib/ must come from `npx projen compile` followed by `npx projen post-compile` (which inlines
  // `yaml`, projenrc/slim-lib.ts); a bare `npx jsii` leaves lib/pipeline/yaml.js loading `yaml`.
  expect(problems).toEqual([]);
});
