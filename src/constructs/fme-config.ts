import { Construct, IConstruct } from 'constructs';
import { addAspectEverywhere, Annotations, IAspect, TerraformStack, ValidateTerraformVersion } from '../cdk-runtime';
import { ChangeRequestSchedule } from './change-request-schedule';
import { AuthScheme, FmeEndpoint } from './fme-endpoint';
import { FmeValidationError } from '../model/errors';
import { formatProblem, problem } from '../model/problem';
import { ChangeDetailsSpec, FmeTargetSpec } from '../spec/resource-spec';
import { compose, Composition, Declaration } from './internal/compose';
import { configProblems, sizeProblems } from './internal/config-rules';
import { elsewhereOf, sharedObjectProblems, sharedStackIdProblems, workspaceKey } from './internal/cross-stack';
import { checkLookups, LookupOutcome, LookupSettings, lookupUses } from './internal/lookups';
import { materializeFmeResources } from './internal/materialize';
import { Part, partsOf } from './internal/parts';
import { PathProblem } from './internal/path-problem';
import { checkProps, FME_CONFIG_PROPS } from './internal/prop-checks';
import { synthesizedByLoadedRuntime } from './internal/runtime-check';
import { StackRegistry } from './internal/stack-registry';
import { BackingResource, ExistingObjectPolicy, RemovalPolicy } from './policies';

/** Default Admin API v2 base URL. */
export const DEFAULT_API_BASE_URL = 'https://api.split.io/internal/api/v2';


/**
 * Settings of one FME environment that override the stack-wide ones in `FmeConfigProps`.
 */
export interface FmeEnvironmentOptions {
  /**
   * Approvers to name in this environment's change requests.
   *
   * @default - `FmeConfigProps.approvers`
   */
  readonly approvers?: string[];

  /**
   * Title recorded with this environment's changes.
   *
   * @default - `FmeConfigProps.changeTitle`
   */
  readonly changeTitle?: string;

  /**
   * Comment recorded with this environment's changes.
   *
   * @default - `FmeConfigProps.changeComment`
   */
  readonly changeComment?: string;

  /**
   * When this environment's change requests run once approved. Only for an environment in
   * `approvalEnvironments`; every change request the stack submits there carries it.
   *
   * @default - an approved change request runs at once
   */
  readonly schedule?: ChangeRequestSchedule;
}

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
   * Admin API v2 base URL (point it at the emulator in tests). To choose the host and the way the
   * key is sent together, use `endpoint` instead.
   *
   * @default - `$FME_API_BASE_URL` at synth time, else `https://api.split.io/internal/api/v2`
   */
  readonly apiBaseUrl?: string;

  /**
   * Where the handler reaches FME and how it sends the key: `FmeEndpoint.splitApi()` (Harness API
   * keys and tokens), `FmeEndpoint.harness()` (Harness's gateway), `FmeEndpoint.splitLegacy()`
   * (legacy Split Admin API keys, sent as `Authorization: Bearer`), or `FmeEndpoint.custom(...)`.
   * Not together with `apiBaseUrl`.
   *
   * @default - `apiBaseUrl`, with the key in `x-api-key`
   */
  readonly endpoint?: FmeEndpoint;

  /**
   * Harness organization identifier of the project whose FME workspace the stack manages (with
   * `projectIdentifier`). Unlike a name, the pair names one workspace: Harness project names repeat
   * across organizations. Not together with `workspaceId` or `workspaceName`.
   *
   * @default - the workspace is found by `workspaceName`
   */
  readonly organizationIdentifier?: string;

  /**
   * Harness project identifier (with `organizationIdentifier`).
   *
   * @default - the workspace is found by `workspaceName`
   */
  readonly projectIdentifier?: string;

  /**
   * Approvers to name in change requests (e-mails of users, or names of groups), for every
   * environment in `approvalEnvironments` that lets submitters choose their approvers. Leave it
   * empty where the environment fixes its approvers: FME then refuses a list.
   *
   * @default - none
   */
  readonly approvers?: string[];

  /**
   * Title FME records with every change the stack makes (workspaces that require titles and
   * comments refuse changes without one).
   *
   * @default - generated, e.g. `cdktf-harness-fme: update new_checkout`
   */
  readonly changeTitle?: string;

  /**
   * Comment FME records with every change the stack makes.
   *
   * @default - generated, e.g. `Applied by cdktf-harness-fme`
   */
  readonly changeComment?: string;

  /**
   * Per-environment overrides of `approvers`, `changeTitle` and `changeComment`, by environment name.
   *
   * @default - the stack-wide settings everywhere
   */
  readonly environmentOptions?: { [environment: string]: FmeEnvironmentOptions };

  /**
   * In approval-gated environments, fail the deploy while a change request waits for approval.
   * The next deploy then runs again: it succeeds once the request is approved, and submits it again
   * when it was rejected, withdrawn or expired. Without it, the deploy succeeds once the request is
   * submitted, and a request that is later rejected leaves FME behind the code until the flag's
   * code changes again (docs/decisions.md#d17-change-requests-that-do-not-land).
   *
   * @default false
   */
  readonly failUntilApproved?: boolean;

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

  /**
   * The lookup context file `cdktf-fme lookup` writes (docs/lookups.md): the environments, traffic
   * types and attribute schemas FME had. When it covers the stack's workspace, synthesis fails on an
   * environment or traffic type FME does not have and warns about matcher attributes its schema
   * does not list. A relative path is resolved against the folder synthesis runs in (the app folder).
   *
   * @default 'fme.context.json'
   */
  readonly lookupContextFile?: string;

  /**
   * Check names against the lookup context file. `false` turns the checks and their note off.
   *
   * @default - true, unless the variable `FME_LOOKUP_CHECKS` is `off` at synth time (to synthesize
   * with an out-of-date context file before running `cdktf-fme lookup`)
   */
  readonly checkLookups?: boolean;
}

/**
 * Stack-level FME configuration, and the construct that synthesizes the stack's FME resources.
 *
 * Exactly one per stack. At synth time it collects every `FeatureFlag`, `RolloutPlan`,
 * `IndividualTargets`, `DefaultAllocation`, `KillSwitch`, `Segment` and `FlagSet` in the stack and adds, as
 * its own children (construct ids are API: renaming one replaces the resource):
 *
 * - `Handler`: the handler asset;
 * - `Bootstrap`: converges a new stack in one process, before the per-object resources;
 * - `Flag-<flagName>`: one resource per flag, holding all its environments;
 * - `Segment-<segmentName>`: one resource per segment;
 * - `FlagSet-<flagSetName>`: one resource per flag set (`FlagSet`), applied before the flags whose
 *   plans name it;
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
   * @throws FmeValidationError if the stack has none or several
   */
  public static of(scope: IConstruct): FmeConfig {
    const found = CONFIGS.ofStack(scope);
    const stack = TerraformStack.of(scope);
    if (found.length === 0) {
      throw new FmeValidationError(stack.node.path, [formatProblem(problem('fme config', `no FmeConfig in stack ${stack.node.path}; add one, e.g. new FmeConfig(stack, 'Fme')`))]);
    }
    if (found.length > 1) {
      throw new FmeValidationError(stack.node.path, [formatProblem(problem('fme config', `stack ${stack.node.path} has ${found.length} FmeConfig constructs (${found.map((c) => c.node.path).join(', ')}); keep exactly one`))]);
    }
    return found[0];
  }

  /** @internal every FmeConfig in the stack of `scope`. */
  public static _findAll(scope: IConstruct): FmeConfig[] {
    return CONFIGS.ofStack(scope);
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
  private readonly changeDetails: (environment: string) => ChangeDetailsSpec | undefined;
  private readonly lookupSettings: LookupSettings;
  private ownComposition?: Composition;
  private composition?: Composition;
  private lookups?: LookupOutcome;

  constructor(scope: Construct, id: string, props: FmeConfigProps = {}) {
    super(scope, id);
    checkProps(this, FME_CONFIG_PROPS, props);
    const stack = TerraformStack.of(this);
    this.backing = props.backing ?? BackingResource.TERRAFORM_DATA;
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    this.existingObjects = props.existingObjects ?? ExistingObjectPolicy.ADOPT;
    this.approvalEnvironments = [...(props.approvalEnvironments ?? [])].sort();
    this.apiBaseUrl = props.endpoint?.apiBaseUrl ?? props.apiBaseUrl ?? process.env.FME_API_BASE_URL ?? DEFAULT_API_BASE_URL;
    this.stackId = props.stackId ?? stack.node.id;
    this.transferFrom = [...new Set(props.transferFrom ?? [])].sort();
    const maxRetrySeconds = props.maxRetryDurationSeconds ?? 300;
    const problems = configProblems({
      ...props,
      endpointSet: props.endpoint !== undefined,
      environmentOptions: props.environmentOptions ?? {},
      maxRetrySeconds,
      stackId: this.stackId,
      stackIdDerived: props.stackId === undefined,
      transferFrom: this.transferFrom,
    });
    if (problems.length > 0) throw new FmeValidationError(this.node.path, problems.map(formatProblem));
    for (const [environment, options] of Object.entries(props.environmentOptions ?? {})) {
      if (options.schedule && options.schedule.scheduledFor < Date.now()) {
        Annotations.of(this).addWarning(
          `environmentOptions["${environment}"].schedule: ${new Date(options.schedule.scheduledFor).toISOString()} is already past, so FME runs `
          + 'change requests there as soon as they are approved; remove the schedule or move it (docs/fme-api.md#scheduled-change-requests in cdktf-harness-fme).');
      }
    }
    this.target = {
      apiBaseUrl: this.apiBaseUrl,
      ...workspaceOf(props),
      apiKeyEnvVar: props.apiKeyEnvVar ?? 'FME_API_KEY',
      ...(props.endpoint?.authScheme === AuthScheme.BEARER ? { authScheme: 'bearer' as const } : {}),
      maxRetrySeconds,
    };
    this.changeDetails = (environment) => changeDetailsOf(props, environment);
    this.lookupSettings = {
      file: props.lookupContextFile,
      enabled: props.checkLookups ?? process.env.FME_LOOKUP_CHECKS !== 'off',
      configEnvironments: [
        ...Object.keys(props.environmentOptions ?? {}).map((environment) => ({ environment, what: `FmeConfig environmentOptions["${environment}"]` })),
        ...this.approvalEnvironments.map((environment) => ({ environment, what: 'FmeConfig approvalEnvironments' })),
      ],
    };

    CONFIGS.register(this);
    // Checked once here rather than per resource: `removed` blocks with destroy steps need
    // Terraform >= 1.9 (docs/terraform-facts.md, fact 14); terraform_data needs >= 1.4.
    this.node.addValidation(new ValidateTerraformVersion('>=1.9', 'cdktf-harness-fme needs Terraform >= 1.9: the stack declares `removed` blocks with destroy-time provisioners (Terraform 1.9 and later), so that inventory shards a smaller stack no longer needs still delete what they held. Upgrade Terraform.'));
    // Resources are created at synth time, so constructs declared after this one are included; the
    // aspect is added through cdktf and cdktn alike, and a stack whose App ran neither fails
    // synthesis (docs/cdk-terrain.md).
    addAspectEverywhere(stack, new MaterializeFmeResources(stack, this));
    this.node.addValidation(synthesizedByLoadedRuntime(stack, () => this.node.tryFindChild('Handler') !== undefined));
    this.node.addValidation({
      validate: () => {
        const others = CONFIGS.ofStack(this).filter((c) => c !== this);
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
      const sameId = CONFIGS.ofOtherStacks(this).filter((c) => c.stackId === this.stackId).map((c) => TerraformStack.of(c).node.path);
      this.composition = {
        ...own,
        problems: [
          ...own.problems,
          ...this.lookupOutcome().errors,
          ...sharedStackIdProblems(this.stackId, sameId),
          ...sharedObjectProblems(own.declarations, this.sameWorkspaceDeclarations()),
        ],
      };
    }
    return this.composition;
  }

  /** Names checked against the lookup context file (read once, at synth time). */
  private lookupOutcome(): LookupOutcome {
    if (!this.lookups) {
      const uses = lookupUses(this.stackParts(), '', this.lookupSettings);
      this.lookups = checkLookups(this.target, uses, this.lookupSettings, this.approvalEnvironments);
    }
    return this.lookups;
  }

  private stackParts(): Part[] {
    return TerraformStack.of(this).node.findAll().flatMap((c) => partsOf(c));
  }

  /** @internal The composed specs of this stack alone. */
  public _ownComposition(): Composition {
    if (!this.ownComposition) {
      const parts = this.stackParts();
      const composed = compose(parts, {
        target: this.target,
        stack: this.stackId,
        transferFrom: this.transferFrom,
        removalPolicy: this.removalPolicy,
        existing: this.existingObjects,
        approvalEnvironments: this.approvalEnvironments,
        changeDetails: this.changeDetails,
      });
      this.ownComposition = { ...composed, problems: [...composed.problems, ...sizeProblems(composed)] };
    }
    return this.ownComposition;
  }

  /** @internal problems attributed to the construct at `constructPath`. */
  public _problemsFor(constructPath: string): string[] {
    return this._composition().problems.filter((p: PathProblem) => p.path === constructPath).map((p) => p.message);
  }

  /** @internal adds the resources; runs once, from the stack aspect. */
  public _materialize(): void {
    if (this.node.tryFindChild('Handler')) return;
    const lookups = this.lookupOutcome();
    const constructs = new Map(TerraformStack.of(this).node.findAll().map((c) => [c.node.path, c]));
    for (const w of lookups.warnings) Annotations.of(constructs.get(w.path) ?? this).addWarning(w.message);
    for (const note of lookups.notes) Annotations.of(this).addInfo(note);
    materializeFmeResources(this, this.backing, this._composition(), elsewhereOf(this.sameWorkspaceDeclarations()));
  }

  /** What the app's other stacks declare in the same workspace (same API and workspace). */
  private sameWorkspaceDeclarations(): Declaration[] {
    const key = workspaceKey(this.target);
    return CONFIGS.ofOtherStacks(this).filter((c) => workspaceKey(c.target) === key).flatMap((c) => c._ownComposition().declarations);
  }
}

/** Where the workspace comes from: its id, its Harness project, or its name. */
function workspaceOf(props: FmeConfigProps): Pick<FmeTargetSpec, 'workspaceId' | 'workspaceName' | 'harnessProject'> {
  if (props.workspaceId !== undefined) return { workspaceId: props.workspaceId };
  if (props.organizationIdentifier !== undefined && props.projectIdentifier !== undefined) {
    return { harnessProject: { organizationIdentifier: props.organizationIdentifier, projectIdentifier: props.projectIdentifier } };
  }
  return { workspaceName: props.workspaceName ?? 'Default' };
}

/** Title, comment and approvers of one environment's writes; undefined when nothing is set (generated ones apply). */
function changeDetailsOf(props: FmeConfigProps, environment: string): ChangeDetailsSpec | undefined {
  const own = props.environmentOptions?.[environment];
  const approvers = [...new Set(own?.approvers ?? props.approvers ?? [])].sort();
  const details: ChangeDetailsSpec = {
    ...(own?.changeTitle ?? props.changeTitle ? { title: own?.changeTitle ?? props.changeTitle } : {}),
    ...(own?.changeComment ?? props.changeComment ? { comment: own?.changeComment ?? props.changeComment } : {}),
    ...(approvers.length > 0 ? { approvers } : {}),
    ...(props.failUntilApproved ? { failUntilApproved: true } : {}),
    ...(own?.schedule ? { scheduledFor: own.schedule.scheduledFor } : {}),
    ...(own?.schedule?.timeZone !== undefined ? { scheduledForTimezone: own.schedule.timeZone } : {}),
  };
  return Object.keys(details).length > 0 ? details : undefined;
}

/** Every `FmeConfig`, by stack and by app. */
const CONFIGS = new StackRegistry<FmeConfig>();

/** Runs `FmeConfig._materialize` when synthesis visits the stack (before validation and output). */
class MaterializeFmeResources implements IAspect {
  constructor(private readonly stack: TerraformStack, private readonly config: FmeConfig) {}

  public visit(node: IConstruct): void {
    if (node === this.stack) this.config._materialize();
  }
}
