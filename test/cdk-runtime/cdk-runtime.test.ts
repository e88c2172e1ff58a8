/**
 * The library with cdktf 0.21 and with cdktn 0.24 (CDK Terrain), docs/cdk-terrain.md: the same app
 * synthesizes the same resources whichever package its App and TerraformStack come from; an App
 * the library cannot hook into fails synthesis naming both packages instead of synthesizing an
 * empty stack; and with only cdktn installed the library loads cdktn.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import * as ts from 'typescript';
import * as library from '../../src';

type CdkPackage = Pick<typeof cdktf, 'App' | 'TerraformStack'>;

let outdir: string;
beforeAll(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-runtime-')); });
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** A small app (a segment, a flag with a plan targeting it) built with `cdk`, and the stack's cdk.tf.json after `app.synth()`. */
function synthWith(cdk: CdkPackage, lib: typeof library, name: string): { config: any; stack: cdktf.TerraformStack } {
  const app = new cdk.App({ outdir: path.join(outdir, name) });
  const stack = new cdk.TerraformStack(app, 'flags');
  new lib.FmeConfig(stack, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });
  new lib.Segment(stack, 'Beta', { segmentName: 'beta_testers', environmentKeys: [{ environment: 'Production', keys: ['dan'] }] });
  const flag = new lib.FeatureFlag(stack, 'Checkout', { flagName: 'new_checkout', treatments: [{ name: 'on' }, { name: 'off' }] });
  new lib.RolloutPlan(flag, 'Production', {
    flag, environment: 'Production', defaultTreatment: 'off', individualTargets: [{ treatment: 'on', segments: ['beta_testers'] }],
  });
  app.synth();
  const file = path.join(app.outdir, 'stacks', 'flags', 'cdk.tf.json');
  return { config: JSON.parse(fs.readFileSync(file, 'utf8')), stack };
}

/** The Terraform configuration without the generator's version stamp. */
function withoutVersion(config: any): any {
  const { version, ...metadata } = config['//'].metadata;
  return { ...config, '//': { ...config['//'], metadata } };
}

describe('an App and TerraformStack from cdktn (CDK Terrain)', () => {
  test('synthesizes the same Terraform configuration as one from cdktf', () => {
    const fromCdktf = synthWith(cdktf, library, 'cdktf').config;
    const fromCdktn = synthWith(cdktn as unknown as CdkPackage, library, 'cdktn').config;
    expect(fromCdktn['//'].metadata.version).toBe(versionOf('cdktn'));
    expect(Object.keys(fromCdktn.resource.terraform_data)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Fme_Flag-new_checkout_/), expect.stringMatching(/^Fme_Segment-beta_testers_/), expect.stringMatching(/^Fme_Inventory_/),
    ]));
    expect(withoutVersion(fromCdktn)).toEqual(withoutVersion(fromCdktf));
  });

  test("gets resources and the handler asset made with cdktn's own classes", () => {
    const { stack } = synthWith(cdktn as unknown as CdkPackage, library, 'cdktn-classes');
    const elements = stack.node.findAll().filter((c) => cdktf.TerraformElement.isTerraformElement(c));
    const resources = elements.filter((c) => cdktf.TerraformResource.isTerraformResource(c));
    expect(resources.length).toBeGreaterThanOrEqual(4);
    for (const r of resources) expect(r).toBeInstanceOf(cdktn.TerraformResource);
    const assets = stack.node.findAll().filter((c) => c.node.id === 'Handler');
    expect(assets).toHaveLength(1);
    expect(assets[0]).toBeInstanceOf(cdktn.TerraformAsset);
  });
});

test('an App from a copy of cdktf that the library did not load fails synthesis, naming both packages', () => {
  // A second copy of cdktf (as a nested install gives): its App runs only aspects added through it.
  let copy: typeof cdktf | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry needs require
  jest.isolateModules(() => { copy = require('cdktf'); });
  expect(copy!.App).not.toBe(cdktf.App);
  expect(() => synthWith(copy!, library, 'copy')).toThrow(
    /CDK package: no FME resource was created for stack flags: its TerraformStack cdktf\.TerraformStack@0\.21\.\d+ comes from a copy of the package that cdktf-harness-fme did not load[\s\S]*'cdktf' \(CDK for Terraform 0\.21\) and 'cdktn' \(CDK Terrain 0\.24\)/,
  );
});

test('with only cdktn installed, the library loads cdktn and synthesizes', () => {
  jest.isolateModules(() => {
    jest.doMock('cdktf', () => {
      throw Object.assign(new Error("Cannot find module 'cdktf' from 'src/cdk-runtime/index.ts'"), { code: 'MODULE_NOT_FOUND' });
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry needs require
    const isolatedLibrary = require('../../src') as typeof library;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry needs require
    const isolatedCdktn = require('cdktn') as typeof cdktn;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry needs require
    const runtime = require('../../src/cdk-runtime') as typeof import('../../src/cdk-runtime');
    expect(runtime.installedRuntimes().map((r) => r.packageName)).toEqual(['cdktn']);
    const { config } = synthWith(isolatedCdktn as unknown as CdkPackage, isolatedLibrary, 'cdktn-only');
    expect(Object.keys(config.resource.terraform_data)).toEqual(expect.arrayContaining([expect.stringMatching(/^Fme_Flag-new_checkout_/)]));
  });
});

test('no file in src/ outside src/cdk-runtime loads cdktf or cdktn at run time (type imports are fine)', () => {
  const offenders: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) { if (entry.name !== 'cdk-runtime') visit(full); continue; }
      if (!entry.name.endsWith('.ts')) continue;
      const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022);
      const rel = path.relative(path.join(__dirname, '..', '..'), full);
      const check = (node: ts.Node) => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /^cdkt[fn](\/|$)/.test(node.moduleSpecifier.text)) {
          const clause = node.importClause;
          const typeOnly = clause !== undefined && (clause.isTypeOnly
            || (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings)
              && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
          if (!typeOnly) offenders.push(`${rel}: import from '${node.moduleSpecifier.text}'`);
        }
        if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
          && /^cdkt[fn](\/|$)/.test(node.arguments[0].text) && (node.expression.getText(source) === 'require' || node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
          offenders.push(`${rel}: require('${node.arguments[0].text}')`);
        }
        ts.forEachChild(node, check);
      };
      check(source);
    }
  };
  visit(path.join(__dirname, '..', '..', 'src'));
  // Import what you need from src/cdk-runtime instead (Aspects: addAspectEverywhere), see docs/cdk-terrain.md.
  expect(offenders).toEqual([]);
});

function versionOf(packageName: string): string {
  return JSON.parse(fs.readFileSync(require.resolve(`${packageName}/package.json`), 'utf8')).version;
}
