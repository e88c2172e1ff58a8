import * as fs from 'fs';
import * as path from 'path';
import { Aspects, dependable, IAspect, ISynthesisSession, TerraformResource, TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';
import { Construct, IConstruct } from 'constructs';
import { canonicalJson } from '../spec/encode';
import { FmeTargetSpec, SPEC_VERSION } from '../spec/resource-spec';
import { addBootstrapResource, addInventoryResource, addObjectResource } from './internal/backing';
import { BOOTSTRAP_FILE, bootstrapSpec } from './internal/bootstrap';
import { compose, Composition, PathProblem } from './internal/compose';
import { addHandlerAsset } from './internal/handler-asset';
import { INVENTORY_FILE, shardId, shardInventory } from './internal/inventory-shards';
import { partsOf } from './internal/parts';
import { referencesOf } from './internal/references';
import { BackingResource, ExistingObjectPolicy, RemovalPolicy } from './policies';

/** Default Admin API v2 base URL. */
export const DEFAULT_API_BASE_URL = 'https://api.split.io/internal/api/v2';

/**
 * Largest spec a resource may carry, in bytes. Specs reach the handler as one environment
 * variable, which Linux caps at 128 KiB (design fact 9); the rest is headroom.
 */
export const MAX_SPEC_BYTES = 100 * 1024;

/**
 * Properties of `FmeConfig`.
 */
export interface FmeConfigProps {
  /**
   * Name of the FME workspace (Harness project) the stack manages; resolved to an id by the handler.
   * Ignored when `workspaceId` is set.
   *
   * @default 'Default'
   */
  readonly workspaceName?: string;

  /**
   * Id of the FME workspace; saves the handler a lookup.
   *
   * @default - resolved from `workspaceName`
   */
  readonly workspaceId?: string;

  /**
   * Admin API v2 base URL (point it at the emulator in tests).
   *
   * @default - `$FME_API_BASE_URL` at synth time, else `https://api.split.io/internal/api/v2`
   */
  readonly apiBaseUrl?: string;

  /**
   * Name of the environment variable holding the Admin API key at apply time. Only the name is
   * synthesized; the key never appears in configuration, state or plans.
   *
   * @default 'FME_API_KEY'
   */
  readonly apiKeyEnvVar?: string;

  /**
   * Terraform resource type that carries each FME object.
   *
   * @default BackingResource.TERRAFORM_DATA
   */
  readonly backing?: BackingResource;

  /**
   * What happens to FME objects that leave the code or when the stack is destroyed, unless a
   * construct sets its own `removalPolicy`.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * What the handler does with objects that already exist in FME but were not created by this stack.
   *
   * @default ExistingObjectPolicy.ADOPT
   */
  readonly existingObjects?: ExistingObjectPolicy;

  /**
   * Environments that require approvals: writes there are submitted as change requests instead
   * of direct API calls (direct writes are rejected with HTTP 403).
   *
   * @default - no environment requires approvals
   */
  readonly approvalEnvironments?: string[];

  /**
   * Bound on the time one handler run may spend retrying rate-limited or failed calls, in seconds.
   *
   * @default 300
   */
  readonly maxRetryDurationSeconds?: number;
}

/**
 * Stack-level FME configuration, and the construct that synthesizes the stack's FME resources.
 *
 * Exactly one per stack. At synth time it collects every `FeatureFlag`, `RolloutPlan`,
 * `IndividualTargets`, `DefaultAllocation`, `KillSwitch` and `Segment` in the stack and adds, as
 * its own children (construct ids are API: renaming one replaces the resource):
 *
 * - `Handler`: the handler asset;
 * - `Bootstrap`: converges a new stack in one process, before the per-object resources;
 * - `Flag-<flagName>`: one resource per flag, holding all its environments;
 * - `Segment-<segmentName>`: one resource per segment;
 * - `Inventory` (and `Inventory-<n>` in large stacks): the list of everything the stack owns,
 *   which deletes what leaves the code; the full list is also written to `fme-inventory.json`
 *   next to `cdk.tf.json`.
 *
 * @example
 * new FmeConfig(stack, 'Fme', { workspaceName: 'Default' });
 */
export class FmeConfig extends Construct {
  /**
   * The `FmeConfig` of the stack that contains `scope`.
   *
   * @throws if the stack has none or several
   */
  public static of(scope: IConstruct): FmeConfig {
    const found = FmeConfig.findAll(scope);
    const stack = TerraformStack.of(scope);
    if (found.length === 0) {
      throw new Error(`no FmeConfig in stack ${stack.node.path}; add one, e.g. new FmeConfig(stack, 'Fme')`);
    }
    if (found.length > 1) {
      throw new Error(`stack ${stack.node.path} has ${found.length} FmeConfig constructs (${found.map((c) => c.node.path).join(', ')}); keep exactly one`);
    }
    return found[0];
  }

  /** @internal every FmeConfig in the stack of `scope`. */
  public static _findAll(scope: IConstruct): FmeConfig[] {
    return FmeConfig.findAll(scope);
  }

  private static findAll(scope: IConstruct): FmeConfig[] {
    return CONFIGS_BY_STACK.get(TerraformStack.of(scope)) ?? [];
  }

  /** The backing resource type. */
  public readonly backing: BackingResource;
  /** Default removal policy of the stack's FME objects. */
  public readonly removalPolicy: RemovalPolicy;
  /** Policy for objects that exist in FME but were not created by the stack. */
  public readonly existingObjects: ExistingObjectPolicy;
  /** Environments whose writes go through change requests. */
  public readonly approvalEnvironments: string[];
  /** The Admin API base URL the handler calls. */
  public readonly apiBaseUrl: string;

  private readonly target: FmeTargetSpec;
  private composition?: Composition;

  constructor(scope: Construct, id: string, props: FmeConfigProps = {}) {
    super(scope, id);
    this.backing = props.backing ?? BackingResource.TERRAFORM_DATA;
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    this.existingObjects = props.existingObjects ?? ExistingObjectPolicy.ADOPT;
    this.approvalEnvironments = [...(props.approvalEnvironments ?? [])].sort();
    this.apiBaseUrl = props.apiBaseUrl ?? process.env.FME_API_BASE_URL ?? DEFAULT_API_BASE_URL;
    const maxRetrySeconds = props.maxRetryDurationSeconds ?? 300;
    const problems = configProblems(props, maxRetrySeconds);
    if (problems.length > 0) {
      throw new Error(problems.map((p) => `[${this.node.path}] ${p}`).join('\n'));
    }
    this.target = {
      apiBaseUrl: this.apiBaseUrl,
      ...(props.workspaceId !== undefined ? { workspaceId: props.workspaceId } : { workspaceName: props.workspaceName ?? 'Default' }),
      apiKeyEnvVar: props.apiKeyEnvVar ?? 'FME_API_KEY',
      maxRetrySeconds,
    };

    const stack = TerraformStack.of(this);
    CONFIGS_BY_STACK.set(stack, [...(CONFIGS_BY_STACK.get(stack) ?? []), this]);
    if (this.backing === BackingResource.TERRAFORM_DATA) {
      // terraform_data is built into Terraform >= 1.4; checked once here rather than per resource.
      this.node.addValidation(new ValidateTerraformVersion('>=1.4', 'FME resources are terraform_data, built into Terraform >= 1.4; upgrade Terraform or set backing: BackingResource.NULL_RESOURCE.'));
    }
    // Resources are created at synth time, so constructs declared after this one are included.
    Aspects.of(stack).add(new MaterializeFmeResources(stack, this));
    this.node.addValidation({
      validate: () => {
        const others = FmeConfig.findAll(this).filter((c) => c !== this);
        const own = others.length > 0 && others[0].node.path < this.node.path
          ? [`stack ${stack.node.path} has several FmeConfig constructs (also ${others.map((c) => c.node.path).join(', ')}); keep exactly one`]
          : [];
        return [...own, ...this._composition().problems.filter((p) => p.path === '').map((p) => p.message)];
      },
    });
  }

  /**
   * @internal The composed specs of the stack (computed once, at synth time).
   */
  public _composition(): Composition {
    if (!this.composition) {
      const parts = TerraformStack.of(this).node.findAll().flatMap((c) => partsOf(c));
      const composed = compose(parts, {
        target: this.target,
        removalPolicy: this.removalPolicy,
        existing: this.existingObjects,
        approvalEnvironments: this.approvalEnvironments,
      });
      this.composition = { ...composed, problems: [...composed.problems, ...sizeProblems(composed)] };
    }
    return this.composition;
  }

  /** @internal problems attributed to the construct at `constructPath`. */
  public _problemsFor(constructPath: string): string[] {
    return this._composition().problems.filter((p: PathProblem) => p.path === constructPath).map((p) => p.message);
  }

  /** @internal adds the resources; runs once, from the stack aspect. */
  public _materialize(): void {
    if (this.node.tryFindChild('Handler')) return;
    const composition = this._composition();
    const asset = addHandlerAsset(this, 'Handler');
    const handlerCommand = `node ${asset.path}`;
    // Created with the stack, before every object resource: converges a new stack in one process.
    const bootstrap = addBootstrapResource(this, 'Bootstrap', this.backing, handlerCommand, BOOTSTRAP_FILE);
    const segments = new Map<string, TerraformResource>();
    for (const segment of composition.segments) {
      segments.set(segment.segmentName, addObjectResource(this, `Segment-${segment.segmentName}`, this.backing, handlerCommand, segment));
    }
    const flags = new Map<string, TerraformResource>();
    for (const flag of composition.flags) {
      flags.set(flag.flagName, addObjectResource(this, `Flag-${flag.flagName}`, this.backing, handlerCommand, flag));
    }
    // FME accepts references only to objects that exist: apply referenced segments and flags
    // first (Terraform destroys in reverse order). Dependency cycles are a validation error.
    for (const flag of composition.flags) {
      const refs = referencesOf(flag);
      const segmentNames = new Set([...refs.segments.values()].flatMap((names) => [...names]));
      const dependsOn = [
        ...[...segmentNames].sort().flatMap((n) => (segments.has(n) ? [segments.get(n)!] : [])),
        ...[...refs.flags].sort().flatMap((n) => (flags.has(n) ? [flags.get(n)!] : [])),
      ];
      flags.get(flag.flagName)!.dependsOn = [bootstrap, ...dependsOn].map((r) => dependable(r));
    }
    for (const resource of segments.values()) resource.dependsOn = [dependable(bootstrap)];
    shardInventory(composition.inventory).forEach((shard, index) => {
      addInventoryResource(this, shardId(index), this.backing, handlerCommand, shard, INVENTORY_FILE);
    });
    // The full inventory goes next to cdk.tf.json, where every shard's destroy step reads it, and
    // so does every object's spec, in dependency waves, for the bootstrap.
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const stackDir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        fs.mkdirSync(stackDir, { recursive: true });
        fs.writeFileSync(path.join(stackDir, INVENTORY_FILE), `${canonicalJson(composition.inventory)}\n`);
        fs.writeFileSync(path.join(stackDir, BOOTSTRAP_FILE), `${canonicalJson(bootstrapSpec(SPEC_VERSION, composition.flags, composition.segments))}\n`);
      },
    });
  }
}

/**
 * The `FmeConfig`s of each stack, registered as they are constructed. Every FME construct looks
 * its configuration up at synth; walking the construct tree for it each time made synthesis
 * quadratic in the number of constructs.
 */
const CONFIGS_BY_STACK = new WeakMap<TerraformStack, FmeConfig[]>();

/** Runs `FmeConfig._materialize` when synthesis visits the stack (before validation and output). */
class MaterializeFmeResources implements IAspect {
  constructor(private readonly stack: TerraformStack, private readonly config: FmeConfig) {}

  public visit(node: IConstruct): void {
    if (node === this.stack) this.config._materialize();
  }
}

function configProblems(props: FmeConfigProps, maxRetrySeconds: number): string[] {
  const problems: string[] = [];
  if (props.workspaceId !== undefined && props.workspaceName !== undefined) {
    problems.push('workspace: set workspaceId or workspaceName, not both');
  }
  if (props.apiKeyEnvVar !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(props.apiKeyEnvVar)) {
    problems.push(`api key: ${JSON.stringify(props.apiKeyEnvVar)} is not an environment variable name; give the variable's name (e.g. FME_API_KEY), never the key itself`);
  }
  if (!Number.isFinite(maxRetrySeconds) || maxRetrySeconds <= 0) {
    problems.push(`retries: maxRetryDurationSeconds must be a positive number of seconds, got ${maxRetrySeconds}`);
  }
  if (props.apiBaseUrl !== undefined && !/^https?:\/\/\S+$/.test(props.apiBaseUrl)) {
    problems.push(`api base url: ${JSON.stringify(props.apiBaseUrl)} is not an http(s) URL`);
  }
  return problems;
}

/** Each spec reaches the handler as one environment variable (fact 9): keep it well under 128 KiB. */
function sizeProblems(c: Composition): PathProblem[] {
  const problems: PathProblem[] = [];
  const check = (what: string, spec: unknown, advice: string) => {
    const bytes = Buffer.byteLength(canonicalJson(spec), 'utf8');
    if (bytes > MAX_SPEC_BYTES) {
      problems.push({ path: '', message: `spec size: ${what} is ${Math.ceil(bytes / 1024)} KiB, over the ${MAX_SPEC_BYTES / 1024} KiB limit (the handler receives it in one environment variable, capped at 128 KiB); ${advice}` });
    }
  };
  for (const f of c.flags) check(`flag "${f.flagName}"`, f, 'move long individual-target key lists into segments, or manage some environments of the flag in another stack');
  for (const s of c.segments) check(`segment "${s.segmentName}"`, s, 'split the keys across segments, or manage some environments in another stack');
  return problems;
}
