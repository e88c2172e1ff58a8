/**
 * The one place the library loads CDK for Terraform at run time (docs/cdk-terrain.md).
 *
 * Two packages provide the same API: `cdktf` (HashiCorp's CDK for Terraform, archived upstream) and
 * `cdktn` (CDK Terrain, its maintained fork). Both are optional peers: a user's app installs one
 * (or both). Types come from `cdktf` at compile time (jsii compiles against one package; no cdktf
 * type is part of the public API); values come from whichever package is installed, `cdktf` first.
 *
 * Elements made with one package's classes synthesize in the other's stacks: both mark stacks,
 * elements, resources, providers, assets and custom synthesis with the same global
 * `Symbol.for('cdktf/…')` keys and share the token map (docs/cdk-terrain.md#what-both-packages-share).
 * The exception is `Aspects`: each copy keeps them under a private `Symbol('cdktf-aspects')`, so an
 * aspect added through one copy is never visited by another copy's `App.synth()`. `aspectsOf` adds
 * an aspect through every installed package, and `runtimeOfStack` names the package a stack comes
 * from when no installed copy owns it (the error then names both packages).
 */
import type * as cdk from 'cdktf';
import type * as cdkSynthesizer from 'cdktf/lib/synthesize/synthesizer';
import type * as cdkVersionCheck from 'cdktf/lib/validations/validate-terraform-version';
import type { IConstruct } from 'constructs';

/** The npm packages the library runs with, in the order it prefers them. */
export const SUPPORTED_PACKAGES: readonly string[] = ['cdktf', 'cdktn'];

/** One installed CDK for Terraform package. */
export interface CdkRuntime {
  /** `cdktf` or `cdktn`. */
  readonly packageName: string;
  readonly version: string;
  /** The folder it was loaded from (`…/node_modules/cdktn`). */
  readonly directory: string;
  readonly core: typeof cdk;
  readonly synthesizer: typeof cdkSynthesizer;
  readonly versionCheck: typeof cdkVersionCheck;
}

/** Thrown when neither `cdktf` nor `cdktn` can be loaded. */
export class CdkRuntimeMissingError extends Error {
  constructor() {
    super('cdktf-harness-fme needs CDK for Terraform: install cdktf (0.21) or cdktn (CDK Terrain, 0.24), the package your app\'s App and TerraformStack come from (npm install cdktf constructs, or npm install cdktn constructs)');
    this.name = 'CdkRuntimeMissingError';
  }
}

/** `require` that tells "package not installed" apart from a package that fails while loading. */
function tryRequire(specifier: string, packageName: string): unknown {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(specifier);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'MODULE_NOT_FOUND' && err.message.includes(`'${packageName}`)) return undefined;
    throw e;
  }
}

function load(packageName: string): CdkRuntime | undefined {
  const core = tryRequire(packageName, packageName) as typeof cdk | undefined;
  if (core === undefined) return undefined;
  const manifestPath = require.resolve(`${packageName}/package.json`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manifest = require(manifestPath) as { version: string };
  return {
    packageName,
    version: manifest.version,
    directory: manifestPath.slice(0, -'/package.json'.length),
    core,
    // Not re-exported from the package roots; both packages keep them at these paths.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    synthesizer: require(`${packageName}/lib/synthesize/synthesizer`),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    versionCheck: require(`${packageName}/lib/validations/validate-terraform-version`),
  };
}

let installed: CdkRuntime[] | undefined;

/** Every supported package that is installed, `cdktf` first. Loaded once, on first use. */
export function installedRuntimes(): CdkRuntime[] {
  if (installed === undefined) {
    installed = SUPPORTED_PACKAGES.map(load).filter((r): r is CdkRuntime => r !== undefined);
  }
  return installed;
}

/** The package whose classes the library instantiates: the first installed one. */
export function primaryRuntime(): CdkRuntime {
  const [first] = installedRuntimes();
  if (first === undefined) throw new CdkRuntimeMissingError();
  return first;
}

/** What a stack's class says about the package it comes from (jsii's run-time type information). */
export interface StackOrigin {
  /** The installed package the stack belongs to; `undefined` when no installed copy owns it. */
  readonly runtime?: CdkRuntime;
  /** `cdktn.TerraformStack@0.24.0`, from jsii's type information, or the class name. */
  readonly description: string;
}

const JSII_RTTI = Symbol.for('jsii.rtti');

/** Which installed package (exactly which copy) `stack` was created with. */
export function runtimeOfStack(stack: IConstruct): StackOrigin {
  const runtime = installedRuntimes().find((r) => stack instanceof r.core.TerraformStack);
  let description = stack.constructor.name;
  for (let ctor = stack.constructor as any; ctor && ctor !== Function.prototype; ctor = Object.getPrototypeOf(ctor)) {
    const rtti = Object.prototype.hasOwnProperty.call(ctor, JSII_RTTI) ? ctor[JSII_RTTI] : undefined;
    if (rtti && typeof rtti.fqn === 'string' && rtti.fqn.endsWith('.TerraformStack')) {
      description = `${rtti.fqn}@${rtti.version}`;
      break;
    }
  }
  return { runtime, description };
}

const RUNTIME_OF_STACK = new WeakMap<IConstruct, CdkRuntime>();

/**
 * The package to create `scope`'s Terraform elements with: the one its stack comes from, else the
 * primary one (synthesis then fails with the check in src/constructs/internal/runtime-check.ts if
 * the App could not run the library's aspect).
 */
export function runtimeOf(scope: IConstruct): CdkRuntime {
  const stack = primaryRuntime().core.TerraformStack.of(scope);
  let runtime = RUNTIME_OF_STACK.get(stack);
  if (runtime === undefined) {
    runtime = runtimeOfStack(stack).runtime ?? primaryRuntime();
    RUNTIME_OF_STACK.set(stack, runtime);
  }
  return runtime;
}

/**
 * Adds `aspect` to `scope` through every installed package, so it runs whichever package's
 * `App.synth()` synthesizes the stack. The aspect must be idempotent: an app that somehow invokes
 * aspects of two packages visits it twice.
 */
export function addAspectEverywhere(scope: IConstruct, aspect: cdk.IAspect): void {
  for (const runtime of installedRuntimes()) runtime.core.Aspects.of(scope).add(aspect);
}

/** Short description of what is installed, for error messages: `cdktf 0.21.0 (/…/node_modules/cdktf)`. */
export function describeInstalled(): string {
  const list = installedRuntimes().map((r) => `${r.packageName} ${r.version} (${r.directory})`);
  return list.length > 0 ? list.join(' and ') : 'neither cdktf nor cdktn';
}

// ---- the values the library uses, from the primary package (types: see the header) ----

const core = (): typeof cdk => primaryRuntime().core;

export const TerraformStack: typeof cdk.TerraformStack = core().TerraformStack;
export type TerraformStack = cdk.TerraformStack;
export const TerraformResource: typeof cdk.TerraformResource = core().TerraformResource;
export type TerraformResource = cdk.TerraformResource;
export const Annotations: typeof cdk.Annotations = core().Annotations;
export type Annotations = cdk.Annotations;
export const Testing: typeof cdk.Testing = core().Testing;
export type Testing = cdk.Testing;
export const TerraformAsset: typeof cdk.TerraformAsset = core().TerraformAsset;
export type TerraformAsset = cdk.TerraformAsset;
export const dependable: typeof cdk.dependable = core().dependable;
export const addCustomSynthesis: typeof cdkSynthesizer.addCustomSynthesis = primaryRuntime().synthesizer.addCustomSynthesis;
export const ValidateTerraformVersion: typeof cdkVersionCheck.ValidateTerraformVersion = primaryRuntime().versionCheck.ValidateTerraformVersion;
export type ValidateTerraformVersion = cdkVersionCheck.ValidateTerraformVersion;
export type {
  IAspect, ISynthesisSession, ITerraformDependable, LocalExecProvisioner, TerraformResourceLifecycle,
} from 'cdktf';

/** `@cdktf/provider-null`, loaded on first use: only `BackingResource.NULL_RESOURCE` needs it. */
export function nullProviderPackage(): {
  NullProvider: typeof import('@cdktf/provider-null/lib/provider').NullProvider;
  NullResource: typeof import('@cdktf/provider-null/lib/resource').Resource;
} {
  const provider = tryRequire('@cdktf/provider-null/lib/provider', '@cdktf/provider-null') as typeof import('@cdktf/provider-null/lib/provider') | undefined;
  if (provider === undefined) {
    throw new Error('BackingResource.NULL_RESOURCE needs the package @cdktf/provider-null (npm install @cdktf/provider-null); it requires cdktf, so with cdktn keep the default BackingResource.TERRAFORM_DATA');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const resource = require('@cdktf/provider-null/lib/resource') as typeof import('@cdktf/provider-null/lib/resource');
  return { NullProvider: provider.NullProvider, NullResource: resource.Resource };
}
