import * as fs from 'fs';
import * as path from 'path';
import { Aspects, dependable, IAspect, ISynthesisSession, TerraformResource, TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';
import { Construct, IConstruct } from 'constructs';
import { stackIdProblems } from '../model/ownership';
import { formatProblem, problem, Problem } from '../model/problem';
import { workspaceNameProblems } from '../model/rules/names';
import { canonicalJson } from '../spec/encode';
import { DeclaredElsewhere, FmeTargetSpec, InventorySpec, SPEC_VERSION } from '../spec/resource-spec';
import { addBootstrapResource, addInventoryResource, addObjectResource, addObjectsProvider, removedShardBlocks } from './internal/backing';
import { BOOTSTRAP_FILE, bootstrapSpec } from './internal/bootstrap';
import { compose, Composition, Declaration, PathProblem } from './internal/compose';
import { addHandlerAsset } from './internal/handler-asset';
import { INVENTORY_FILE, REMOVED_SHARDS_FILE, shardId, shardInventory } from './internal/inventory-shards';
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

  /**
   * Stable id of this stack as the owner of FME objects. Every flag and segment the stack creates
   * or adopts records it (as the tag `cdktf-fme-owner:<stackId>`); only the owner deletes an
   * object, and a deploy that meets an object owned by another stack fails. Set it explicitly to
   * keep ownership when you rename the stack: 1-64 letters, digits, `-` or `_`.
   *
   * @default - the stack's name (its construct id in the app)
   */
  readonly stackId?: string;

  /**
   * Ids of stacks whose objects this stack may take over when its code declares them: to move
   * flags and segments here from another stack, or to merge stacks. Objects the code does not
   * declare are never touched. (To move one object, its construct's own `transferFrom` is enough.)
   *
   * @default - none: meeting an object owned by another stack fails the deploy
   */
  readonly transferFrom?: string[];
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
 * - `ObjectsProvider`: the provider configuration (alias `fme_config`) the flag and segment
 *   resources use, so that removing `FmeConfig` while they exist fails the plan instead of
 *   silently orphaning their FME objects (docs/ownership.md);
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

  /** The stack's id as the owner of FME objects (`cdktf-fme-owner:<stackId>`). */
  public readonly stackId: string;

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
  private readonly transferFrom: string[];
  private ownComposition?: Composition;
  private composition?: Composition;

  constructor(scope: Construct, id: string, props: FmeConfigProps = {}) {
    super(scope, id);
    this.backing = props.backing ?? BackingResource.TERRAFORM_DATA;
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    this.existingObjects = props.existingObjects ?? ExistingObjectPolicy.ADOPT;
    this.approvalEnvironments = [...(props.approvalEnvironments ?? [])].sort();
    this.apiBaseUrl = props.apiBaseUrl ?? process.env.FME_API_BASE_URL ?? DEFAULT_API_BASE_URL;
    const maxRetrySeconds = props.maxRetryDurationSeconds ?? 300;
    const stack = TerraformStack.of(this);
    this.stackId = props.stackId ?? stack.node.id;
    this.transferFrom = [...new Set(props.transferFrom ?? [])].sort();
    const problems = [
      ...configProblems(props, maxRetrySeconds),
      ...ownershipProblems(this.stackId, props.stackId === undefined, this.transferFrom).map(formatProblem),
    ];
    if (problems.length > 0) {
      throw new Error(problems.map((p) => `[${this.node.path}] ${p}`).join('\n'));
    }
    this.target = {
      apiBaseUrl: this.apiBaseUrl,
      ...(props.workspaceId !== undefined ? { workspaceId: props.workspaceId } : { workspaceName: props.workspaceName ?? 'Default' }),
      apiKeyEnvVar: props.apiKeyEnvVar ?? 'FME_API_KEY',
      maxRetrySeconds,
    };

    CONFIGS_BY_STACK.set(stack, [...(CONFIGS_BY_STACK.get(stack) ?? []), this]);
    CONFIGS_BY_APP.set(this.node.root, [...(CONFIGS_BY_APP.get(this.node.root) ?? []), this]);
    // Checked once here rather than per resource: `removed` blocks with destroy steps need
    // Terraform >= 1.9 (docs/terraform-facts.md, fact 14); terraform_data needs >= 1.4.
    this.node.addValidation(new ValidateTerraformVersion('>=1.9', 'cdktf-harness-fme needs Terraform >= 1.9: the stack declares `removed` blocks with destroy-time provisioners (Terraform 1.9 and later), so that inventory shards a smaller stack no longer needs still delete what they held. Upgrade Terraform.'));
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
   * @internal The composed specs of the stack, with the problems found in it and across the app's
   * stacks (computed once, at synth time).
   */
  public _composition(): Composition {
    if (!this.composition) {
      const own = this._ownComposition();
      this.composition = {
        ...own,
        problems: [...own.problems, ...this.sharedStackIdProblems(), ...sharedObjectProblems(own.declarations, this.sameWorkspaceDeclarations())],
      };
    }
    return this.composition;
  }

  /** @internal The composed specs of this stack alone. */
  public _ownComposition(): Composition {
    if (!this.ownComposition) {
      const parts = TerraformStack.of(this).node.findAll().flatMap((c) => partsOf(c));
      const composed = compose(parts, {
        target: this.target,
        stack: this.stackId,
        transferFrom: this.transferFrom,
        removalPolicy: this.removalPolicy,
        existing: this.existingObjects,
        approvalEnvironments: this.approvalEnvironments,
      });
      this.ownComposition = { ...composed, problems: [...composed.problems, ...sizeProblems(composed)] };
    }
    return this.ownComposition;
  }

  /** Two stacks of one app with one id would each take the other's objects for their own. */
  private sharedStackIdProblems(): PathProblem[] {
    const others = (CONFIGS_BY_APP.get(this.node.root) ?? [])
      .filter((c) => TerraformStack.of(c) !== TerraformStack.of(this) && c.stackId === this.stackId);
    return others.length === 0 ? [] : [{
      path: '',
      message: `stack id: stack ${TerraformStack.of(others[0]).node.path} has the same stack id "${this.stackId}"; each stack needs its own, since the id records which stack owns an FME object (set stackId on one of them)`,
    }];
  }

  /** What the app's other stacks declare in the same workspace (same API and workspace). */
  private sameWorkspaceDeclarations(): Declaration[] {
    const key = workspaceKey(this.target);
    return (CONFIGS_BY_APP.get(this.node.root) ?? [])
      .filter((c) => c !== this && TerraformStack.of(c) !== TerraformStack.of(this) && workspaceKey(c.target) === key)
      .flatMap((c) => c._ownComposition().declarations);
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
    const objects = addObjectsProvider(this, 'ObjectsProvider', this.backing);
    const segments = new Map<string, TerraformResource>();
    for (const segment of composition.segments) {
      segments.set(segment.segmentName, addObjectResource(this, `Segment-${segment.segmentName}`, objects, handlerCommand, segment));
    }
    const flags = new Map<string, TerraformResource>();
    for (const flag of composition.flags) {
      flags.set(flag.flagName, addObjectResource(this, `Flag-${flag.flagName}`, objects, handlerCommand, flag));
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
    const shards = shardInventory(composition.inventory);
    shards.forEach((shard, index) => {
      addInventoryResource(this, shardId(index), this.backing, handlerCommand, shard, INVENTORY_FILE);
    });
    // Shards that a smaller inventory no longer needs still reconcile what they held.
    const removedShards = removedShardBlocks(this, shards.length, this.backing, handlerCommand, INVENTORY_FILE);
    // The full inventory goes next to cdk.tf.json, where every shard's destroy step reads it (with
    // what the app's other stacks declare, so that an object moving to one of them is handed over,
    // not deleted), and so does every object's spec, in dependency waves, for the bootstrap.
    const inventoryFile: InventorySpec = { ...composition.inventory, elsewhere: elsewhereOf(this.sameWorkspaceDeclarations()) };
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const stackDir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        fs.mkdirSync(stackDir, { recursive: true });
        fs.writeFileSync(path.join(stackDir, INVENTORY_FILE), `${canonicalJson(inventoryFile)}\n`);
        fs.writeFileSync(path.join(stackDir, BOOTSTRAP_FILE), `${canonicalJson(bootstrapSpec(SPEC_VERSION, composition.flags, composition.segments))}\n`);
        fs.writeFileSync(path.join(stackDir, REMOVED_SHARDS_FILE), `${JSON.stringify(removedShards, undefined, 2)}\n`);
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

/** The `FmeConfig`s of each app (keyed by the construct tree's root), for checks across stacks. */
const CONFIGS_BY_APP = new WeakMap<IConstruct, FmeConfig[]>();

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
  if (props.workspaceName !== undefined) {
    problems.push(...workspaceNameProblems(props.workspaceName).map(formatProblem));
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

/** Stack id and transfers: each becomes part of an FME tag (docs/ownership.md). */
function ownershipProblems(stackId: string, derived: boolean, transferFrom: string[]): Problem[] {
  return [
    ...stackIdProblems(stackId, derived),
    ...transferFrom.flatMap((t) => stackIdProblems(t, false)),
    ...(transferFrom.includes(stackId) ? [problem('stack id', `transferFrom names this stack itself ("${stackId}"); list only the stacks objects move from`)] : []),
  ];
}

/** Stacks manage the same workspace when they reach the same API and name the same workspace. */
function workspaceKey(target: FmeTargetSpec): string {
  return JSON.stringify([target.apiBaseUrl, target.workspaceId ?? null, target.workspaceId === undefined ? target.workspaceName : null]);
}

/**
 * One stack owns each object: two stacks of one app declaring the same flag, definition or segment
 * in the same workspace would take turns overwriting it, and the one that drops it would delete
 * it from under the other. Reported on this stack's construct.
 */
function sharedObjectProblems(own: Declaration[], others: Declaration[]): PathProblem[] {
  const identity = (d: DeclaredElsewhere) => JSON.stringify([d.t, 'flag' in d ? d.flag : d.segment, 'env' in d ? d.env : null]);
  const byIdentity = new Map(others.map((d) => [identity(d), d] as const));
  return own.flatMap((d) => {
    const other = byIdentity.get(identity(d));
    if (!other) return [];
    const what = d.t === 'flag' ? `flag "${d.flag}"` : d.t === 'segment' ? `segment "${d.segment}"` : `the definition of flag "${d.flag}" in environment "${d.env}"`;
    const advice = d.t === 'definition'
      ? 'keep the RolloutPlan in one of them'
      : `keep the ${d.t === 'flag' ? 'FeatureFlag' : 'Segment'} in one of them${d.t === 'flag' ? ' and refer to it by flagName from the other' : ''}`;
    return [{
      path: d.path,
      message: `one owner: ${what} is also declared by stack "${other.stack}" (${other.path}) in the same FME workspace; one stack owns each object, so ${advice}`,
    }];
  });
}

/** Declarations without construct paths, sorted: what the inventory file tells the handler. */
function elsewhereOf(declarations: Declaration[]): DeclaredElsewhere[] {
  const entries = declarations.map(({ path: _path, ...rest }) => rest as DeclaredElsewhere);
  return entries.sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
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
