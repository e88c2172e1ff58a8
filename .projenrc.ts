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
  // cdktf 0.21 peers on ^10.4.2; projen's default (^10.3.0) is below that.
  constructsVersion: '^10.4.2',
  // jsii follows TypeScript's major.minor: keep both on the same line.
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.9.0',
  // Offered as the alternative backing resource (docs/decisions.md#d1-backing-resource); a jsii dependency, hence a peer.
  peerDeps: ['@cdktf/provider-null@^11.0.1'],
  // Non-jsii runtime dependencies are bundled and never appear in the public API.
  bundledDeps: ['axios', 'yaml'],
  devDeps: [
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
  gitignore: ['cdktf.out/', '.tmp/', '/assets/handler/', '*.tfstate', '*.tfstate.backup', '.terraform/', '.terraform.lock.hcl', 'bench/results/*.tmp'],
  npmignoreEnabled: true,
});

// The CLI (`cdktf-fme emulator ...`) ships as the package's bin.
project.addBins({ 'cdktf-fme': 'lib/cli/main.js' });

// One bundled handler file (docs/decisions.md#d5-fast-handler): terraform's local-exec runs `node <asset>/index.js <command>`.
const bundleHandler = project.addTask('bundle:handler', {
  description: 'Bundle the custom resource handler into assets/handler/index.js',
  exec: 'esbuild src/handler/main.ts --bundle --platform=node --target=node20 --minify --legal-comments=none --alias:mime-types=./src/handler/shims/mime-types.ts --outfile=assets/handler/index.js',
});
project.preCompileTask.spawn(bundleHandler);
project.npmignore?.include('/assets/handler/index.js');

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


project.addTask('demo', {
  description: 'Start the local FME emulator, deploy the example platform app with terraform, and print treatments from the Split SDK',
  exec: 'ts-node --transpile-only scripts/demo.ts',
});
project.addTask('bench', {
  description: 'Run the benchmarks in bench/ and print their tables',
  exec: 'ts-node --transpile-only bench/run.ts',
});

project.synth();
