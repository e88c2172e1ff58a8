/**
 * Post-compile step (docs/packaging.md): makes `lib/` what the package ships.
 *
 * 1. Comments out of `lib/**\/*.js`: the `.d.ts` files keep every doc comment for editors, so the
 *    JavaScript does not need them (about a fifth of the packed size). The code stays formatted
 *    and keeps its names, so stack traces stay readable.
 * 2. The `yaml` package inlined into `lib/pipeline/yaml.js`, the one library file that loads it,
 *    so the package needs no bundled dependency (a bundled `yaml` shipped its whole 690 KB tree,
 *    browser build included, for the ~115 KB the library runs). Only code under node_modules is
 *    inlined: the file's relative imports stay `require` calls, so no library module is duplicated.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as esbuild from 'esbuild';

const LIB = 'lib';
const YAML_USER = 'lib/pipeline/yaml.js';

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return jsFiles(full);
    return e.isFile() && e.name.endsWith('.js') ? [full] : [];
  });
}

const common = { platform: 'node', target: 'node20', format: 'cjs', legalComments: 'none', logLevel: 'warning', allowOverwrite: true } as const;

async function main(): Promise<void> {
  await esbuild.build({ ...common, entryPoints: jsFiles(LIB), outdir: LIB, outbase: LIB, bundle: false });
  await esbuild.build({
    ...common,
    entryPoints: [YAML_USER],
    outfile: YAML_USER,
    bundle: true,
    minify: true,
    plugins: [{
      name: 'keep-library-modules-external',
      setup(build) {
        build.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' || args.importer.includes('/node_modules/') ? undefined : { path: args.path, external: true }));
      },
    }],
  });
}

main().catch(() => process.exit(1));
