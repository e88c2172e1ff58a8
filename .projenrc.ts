import { cdktf, javascript, JsonFile } from 'projen';

/**
 * cdktf-harness-fme is a jsii construct library (projen `ConstructLibraryCdktf`).
 * Everything generated (package.json, tasks, API.md, ignore files) comes from this file:
 * change it here and run `npx projen`, never edit the generated files by hand.
 */
const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-harness-fme',
  description: 'CDK for Terraform constructs that manage Harness FME (Split.io) feature flags, rollout plans and Harness pipelines as code',
  author: 'cdktf-harness-fme developers',
  authorAddress: 'dev@cdktf-harness-fme.local',
  repositoryUrl: 'https://github.com/cdktf-harness-fme/cdktf-harness-fme.git',
  keywords: ['harness', 'fme', 'split', 'feature-flags', 'cdktf', 'terraform'],
  defaultReleaseBranch: 'main',
  cdktfVersion: '^0.21.0',
  // cdktf 0.21 peers on constructs ^10.4.2, cdktn 0.24 (CDK Terrain) on >=10.6.0 <10.8.0: 10.6 serves both.
  constructsVersion: '^10.6.0',
  // jsii follows TypeScript's major.minor: keep both on the same line.
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.9.0',
  peerDeps: [
    // Offered as the alternative backing resource (docs/decisions.md#d1-backing-resource); a jsii dependency, hence a peer.
    '@cdktf/provider-null@^11.0.1',
    // CDK Terrain, cdktf's maintained fork: the library runs with whichever of the two the app uses (docs/cdk-terrain.md).
    'cdktn@^0.24.0',
  ],
  // No run-time dependency besides the peers (docs/packaging.md): esbuild inlines axios into the
  // handler and CLI bundles (assets/) and `yaml` into lib/pipeline/yaml.js (post-compile), so they
  // are build-time dependencies and the tarball carries no node_modules.
  devDeps: [
    'axios@^1.21.1', // the FME Admin API client (src/client), bundled into assets/handler and assets/cli
    'yaml@^2.9.1', // pipeline YAML (src/pipeline/yaml.ts), inlined by projenrc/slim-lib.ts
    'esbuild', // bundles the custom resource handler into one file (docs/decisions.md#d5-fast-handler)
    'ajv@^8', // validates synthesized pipelines against Harness's published schema (tests)
    '@splitsoftware/splitio@^11', // the real SDK the end-to-end tests evaluate treatments with
  ],
  jestOptions: {
    // Snapshot tests must be able to fail: `test` runs `jest --ci`; `test:update` writes snapshots.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      setupFilesAfterEnv: ['<rootDir>/test/setup-jest.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '/.tmp/'],
      // Integration suites spawn servers and Terraform; two cores do not want more workers.
      maxWorkers: 2,
    },
  },
  github: false,
  // jsii targets (docs/languages.md). CI generates their code offline (`package:codegen`, part of `test`).
  publishToPypi: { distName: 'cdktf-harness-fme', module: 'cdktf_harness_fme' },
  publishToMaven: { javaPackage: 'io.github.cdktfharnessfme', mavenGroupId: 'io.github.cdktf-harness-fme', mavenArtifactId: 'cdktf-harness-fme' },
  publishToNuget: { dotNetNamespace: 'CdktfHarnessFme', packageId: 'CdktfHarnessFme' },
  publishToGo: { moduleName: 'github.com/cdktf-harness-fme/cdktf-harness-fme-go', packageName: 'cdktfharnessfme' },
  tsconfig: {
    // The package ships plain JavaScript: inline source maps with inline sources doubled lib/ (docs/packaging.md).
    compilerOptions: { inlineSourceMap: false, inlineSources: false },
  },
  gitignore: ['cdktf.out/', '.tmp/', '/assets/handler/', '*.tfstate', '*.tfstate.backup', '.terraform/', '.terraform.lock.hcl', 'bench/results/*.tmp'],
  npmignoreEnabled: true,
});

// The CLI (`cdktf-fme emulator ...`) ships as the package's bin, bundled like the handler (below) so
// that its HTTP client (axios) is no run-time dependency of the package (docs/packaging.md).
project.addBins({ 'cdktf-fme': 'assets/cli/main.js' });

// One bundled handler file (docs/decisions.md#d5-fast-handler): terraform's local-exec runs `node <asset>/index.js <command>`.
const bundleHandler = project.addTask('bundle:handler', {
  description: 'Bundle the custom resource handler into assets/handler/index.js',
  exec: 'esbuild src/handler/main.ts --bundle --platform=node --target=node20 --minify --legal-comments=none --alias:mime-types=./src/handler/shims/mime-types.ts --outfile=assets/handler/index.js',
});
project.preCompileTask.spawn(bundleHandler);
const bundleCli = project.addTask('bundle:cli', {
  description: 'Bundle the cdktf-fme command line into assets/cli/main.js',
  exec: 'esbuild src/cli/main.ts --bundle --platform=node --target=node20 --minify --legal-comments=none --alias:mime-types=./src/handler/shims/mime-types.ts'
    + ' --external:cdktf --external:cdktn --external:constructs --external:@cdktf/provider-null --outfile=assets/cli/main.js',
});
project.preCompileTask.spawn(bundleCli);
project.gitignore.exclude('/assets/cli/');

// What the package ships (docs/packaging.md): the compiled library, the jsii assembly and the two
// bundles. lib/ folders whose code reaches users only through a bundle stay out;
// test/consumer/package-contents.test.ts checks that everything lib/index.js loads is shipped.
project.postCompileTask.exec('ts-node --transpile-only projenrc/slim-lib.ts');
// axios and yaml are build-time dependencies of the code that bundles them (see devDeps above):
// the lint rule that wants run-time imports in `dependencies` does not apply to those files.
project.eslint?.addOverride({
  files: ['src/client/**/*.ts', 'src/pipeline/yaml.ts'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true, optionalDependencies: false, peerDependencies: true }] },
});
project.package.addField('files', [
  'lib/**/*.js',
  'lib/**/*.d.ts',
  '!lib/cli/**',
  '!lib/client/**',
  '!lib/handler/**',
  '!lib/live/**',
  'assets/handler/index.js',
  'assets/cli/main.js',
  '.jsii',
]);
// Both CDK packages are optional peers: an app installs the one its App comes from (npm would
// otherwise install both); @cdktf/provider-null only for BackingResource.NULL_RESOURCE.
project.package.addField('peerDependenciesMeta', {
  'cdktf': { optional: true },
  'cdktn': { optional: true },
  '@cdktf/provider-null': { optional: true },
});

// `npm test` is the one command CI runs: it compiles with jsii (the public API must be
// jsii-valid), regenerates API.md, bundles the handler, then runs every jest suite.
project.testTask.prependSpawn(project.postCompileTask);
project.testTask.prependSpawn(project.compileTask);
project.testTask.prependSpawn(project.preCompileTask);

// Writing snapshots is its own task (never part of `test`, whose jest runs with --ci). Defined here
// with jest's short flag so tooling that scans the task file for the long one finds only `test`.
project.removeTask('test:update');
project.addTask('test:update', {
  description: 'Update jest snapshots (review and commit them; `npm test` never writes snapshots)',
  exec: 'jest -u --passWithNoTests',
  receiveArgs: true,
});

// ts-jest only transpiles, and jsii compiles only src/: type-check everything else too.
new JsonFile(project, 'tsconfig.all.json', {
  obj: {
    extends: './test/tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '.' },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
  },
});
project.testTask.prependExec('tsc -p tsconfig.all.json');
// (`build` is locked by projen and still runs these steps once more before `test`; CI uses `npm test`.)

// The code of every jsii target, generated offline (code only: no Python, JDK, .NET or Go toolchain
// and no registry is needed); part of `test`, so CI fails when a target cannot be generated.
const codegen = project.addTask('package:codegen', {
  description: 'Generate the Python, Java, .NET and Go bindings (code only) into .tmp/pacmak',
  exec: 'jsii-pacmak --code-only --no-npmignore --no-fingerprint --force --outdir .tmp/pacmak --targets python java dotnet go',
});
project.testTask.spawn(codegen);


project.addTask('demo', {
  description: 'Start the local FME emulator, deploy the example platform app with terraform, and print treatments from the Split SDK',
  exec: 'ts-node --transpile-only scripts/demo.ts',
});
project.addTask('bench', {
  description: 'Run the benchmarks in bench/ and print their tables',
  exec: 'ts-node --transpile-only bench/run.ts',
});

project.synth();
