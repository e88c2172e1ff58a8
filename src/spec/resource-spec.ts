/**
 * The resource spec: the JSON document a synthesized Terraform resource hands to the
 * custom resource handler. It is the one contract between synth time (constructs, model)
 * and apply time (handler, client).
 *
 * Rules that keep it safe and stable:
 * - it carries data only; the command line that runs the handler is constant
 *   (docs/decisions.md#d4-no-injection-no-secrets);
 * - it never carries a secret: `target.apiKeyEnvVar` is the *name* of an environment
 *   variable the handler reads at apply time;
 * - keys are emitted in a fixed order and lists sorted where order carries no meaning,
 *   so an unchanged app synthesizes byte-identical specs (no-op deploys stay no-op);
 * - `v` is bumped on an incompatible change, and the handler keeps reading every older
 *   version (a destroy provisioner replays the spec stored in old state).
 *
 * Everything here is internal: not exported from the package index.
 */

/**
 * Current spec version written by the constructs. Version 2 added the owning stack (`stack`) and
 * explicit transfers (`transferFrom`); version 1 specs (no stack) are still read: a destroy step
 * replays the identity Terraform kept in state.
 */
export const SPEC_VERSION = 2;

/**
 * Folder (in the stack folder, where Terraform runs provisioners) in which the `bootstrap` command
 * leaves one empty marker per object it converged, named `<apply id>-<spec SHA-256>`, the apply id
 * being the Terraform process id. The object's own create step, in the same apply, deletes its
 * marker instead of starting the handler; without one it converges. A marker from another apply
 * never matches, so it cannot stand in for a later change back to the same spec.
 */
export const CONVERGED_MARKER_DIR = '.fme-converged';

/** Where and how the handler reaches FME. */
export interface FmeTargetSpec {
  /** Admin API v2 base URL, e.g. `https://api.split.io/internal/api/v2`. */
  readonly apiBaseUrl: string;
  /** Workspace (Harness project) id; when absent the handler resolves `workspaceName` once. */
  readonly workspaceId?: string;
  /** Workspace name, resolved to an id by the handler when neither `workspaceId` nor a Harness project is given. */
  readonly workspaceName?: string;
  /**
   * Harness organization and project identifiers: the workspace is the one FME lists for this
   * pair (docs/fme-api.md#workspaces). Both or neither.
   */
  readonly harnessProject?: { readonly organizationIdentifier: string; readonly projectIdentifier: string };
  /** Name of the environment variable that holds the Admin API key (never the key itself). */
  readonly apiKeyEnvVar: string;
  /**
   * How the key is sent (docs/fme-api.md#authentication): `x-api-key` (Harness API keys and tokens)
   * or `bearer` (`Authorization: Bearer`, legacy Split Admin API keys). Absent: `x-api-key`.
   */
  readonly authScheme?: AuthSchemeSpec;
  /** Bound on the total time one handler invocation may spend retrying, in seconds. */
  readonly maxRetrySeconds: number;
}

export type AuthSchemeSpec = 'x-api-key' | 'bearer';
/**
 * `archive` (flags only): the flag is archived instead of deleted, its definitions stay with it, and
 * re-adding it to the code unarchives it (docs/fme-api.md#archive-and-unarchive).
 */
export type RemovalPolicySpec = 'destroy' | 'retain' | 'archive';
/** What the handler does when an object it is told to create already exists. */
export type ExistingPolicySpec = 'adopt' | 'fail';
/** How writes reach an environment: direct API writes, or change requests (approval-gated envs, docs/decisions.md#d8-approvals). */
export type WriteModeSpec = 'direct' | 'changeRequest';

/** Admin API bucket: `{treatment, size}`; sizes of a list sum to 100. */
export interface BucketSpec {
  readonly treatment: string;
  readonly size: number;
}

/** Admin API matcher (docs/fme-api.md#matchers); only the fields its type uses are set. */
export interface MatcherSpec {
  readonly type: string;
  readonly negate?: boolean;
  readonly attribute?: string;
  readonly string?: string;
  readonly strings?: string[];
  readonly bool?: boolean;
  readonly number?: number;
  readonly date?: number;
  readonly between?: { readonly from: number; readonly to: number };
  readonly betweenString?: { readonly from: string; readonly to: string };
  readonly depends?: { readonly splitName: string; readonly treatment?: string; readonly treatments?: string[] };
}

export interface RuleSpec {
  readonly condition: { readonly combiner: 'AND'; readonly matchers: MatcherSpec[] };
  readonly buckets: BucketSpec[];
}

/** Admin API treatment; `configurations` is a JSON-encoded string, as the API wants it. */
export interface TreatmentSpec {
  readonly name: string;
  readonly description?: string;
  readonly configurations?: string;
  readonly keys?: string[];
  readonly segments?: string[];
}

/**
 * A prerequisite of a definition (docs/fme-api.md#prerequisites): flag `flagName` must serve one of
 * `treatments` (sorted) to a key before the definition's targeting runs for it. The Admin API field
 * is UNCONFIRMED; SDKs receive it as `{n, ts}`.
 */
export interface PrerequisiteSpec {
  readonly flagName: string;
  readonly treatments: string[];
}

/** The Admin API definition request body (POST/PUT `/splits/ws/{ws}/{flag}/environments/{env}`). */
export interface DefinitionSpec {
  readonly treatments: TreatmentSpec[];
  readonly defaultTreatment: string;
  readonly baselineTreatment?: string;
  readonly trafficAllocation: number;
  readonly rules: RuleSpec[];
  readonly defaultRule: BucketSpec[];
  /**
   * Only when the code sets `RolloutPlan.trackImpressions`: `true` stops SDKs from recording
   * impressions for this definition (docs/fme-api.md#impression-tracking). Absent: left as FME has
   * it, so a setting made in the FME UI that the code never mentions is not undone.
   */
  readonly impressionsDisabled?: boolean;
  /**
   * Flags that must serve given treatments first (`RolloutPlan.prerequisites`), sorted by flag name.
   * Absent means none: the rollout plan is the whole targeting, so prerequisites the code does not
   * declare are removed (docs/fme-api.md#prerequisites). Never written as an empty list, so a
   * definition without prerequisites sends nothing new to FME.
   */
  readonly prerequisites?: PrerequisiteSpec[];
  /**
   * Only when the code sets `RolloutPlan.flagSets`: the names of the flag sets the definition
   * belongs to (sorted, unique; `[]` takes it out of every set). The handler resolves them to ids,
   * which is how FME references them (docs/fme-api.md#flag-sets). Absent: left as FME has them.
   */
  readonly flagSets?: string[];
}

/**
 * What the handler writes with every change in one environment (docs/fme-api.md#change-requests,
 * #title-and-comment): the title and comment FME records (workspaces with `requiresTitleAndComments`
 * refuse writes without them) and, for change requests, the approvers to ask. Absent fields fall
 * back to the handler's generated title and comment, and to no approvers.
 */
export interface ChangeDetailsSpec {
  readonly title?: string;
  readonly comment?: string;
  /** E-mails of users (or names of groups) FME should ask to approve; sorted. */
  readonly approvers?: string[];
  /**
   * Approval-gated environments: the deploy fails while a change request waits, so that the next
   * deploy runs again and re-submits a request that was rejected, withdrawn or expired
   * (docs/decisions.md#d17-change-requests-that-do-not-land). Absent: the deploy succeeds once submitted.
   */
  readonly failUntilApproved?: boolean;
  /**
   * Approval-gated environments: when an approved change request runs, in ms since the epoch
   * (docs/fme-api.md#scheduled-change-requests). Absent: as soon as it is approved.
   */
  readonly scheduledFor?: number;
  /** IANA time zone FME shows `scheduledFor` in (display only); absent: FME shows UTC. */
  readonly scheduledForTimezone?: string;
}

export interface TargetListSpec {
  readonly keys?: string[];
  readonly segments?: string[];
}

/**
 * Everything this stack declares about one flag in one environment. The model composes
 * `RolloutPlan`, `IndividualTargets`, `DefaultAllocation` and `KillSwitch` constructs into it.
 */
export interface EnvironmentPartSpec {
  /** Environment name or id (the Admin API accepts either in paths). */
  readonly environment: string;
  readonly removalPolicy: RemovalPolicySpec;
  readonly writeMode: WriteModeSpec;
  /** Title, comment and approvers for this environment's writes; absent: generated title and comment, no approvers. */
  readonly changeDetails?: ChangeDetailsSpec;
  /**
   * Full desired definition (a `RolloutPlan`), already merged with the targets, allocation
   * and kill state below. Absent when the plan is managed elsewhere: the handler then applies
   * only the parts below to the live definition, which must exist.
   */
  readonly definition?: DefinitionSpec;
  /**
   * Only when the stack owns the flag but declares no `RolloutPlan` for this environment: the
   * definition FME itself starts a flag with (the flag's treatments, default treatment `off` when
   * declared or else the first, full exposure, no rules, default rule serving the default
   * treatment). The handler creates it when the live definition does not exist, then applies the
   * parts below; it never replaces a live definition with it.
   */
  readonly initialDefinition?: DefinitionSpec;
  /**
   * The stack owns this environment's definition (a `RolloutPlan`), so destroying the resource
   * deletes it. Implied by `definition`; set on its own in the destroy identity kept in state,
   * which carries no definition (see `state-record.ts`).
   */
  readonly ownsDefinition?: boolean;
  /** `IndividualTargets` in set mode: replace keys/segments of these treatments. */
  readonly setTargets?: Record<string, TargetListSpec>;
  /** `IndividualTargets` in incremental mode: ensure present. */
  readonly addTargets?: Record<string, TargetListSpec>;
  /** `IndividualTargets` in incremental mode: ensure absent. */
  readonly removeTargets?: Record<string, TargetListSpec>;
  /** `DefaultAllocation`: the default rule. */
  readonly defaultRule?: BucketSpec[];
  /** `KillSwitch`: true = killed, false = restored; absent = leave as is (or not killed when `definition` is set). */
  readonly killed?: boolean;
}

export interface FlagMetadataSpec {
  readonly trafficType: string;
  readonly description?: string;
  readonly owners?: string[];
  readonly tags?: string[];
  /** Rollout status by name, e.g. `Ramping`; resolved to an id by the handler. */
  readonly rolloutStatus?: string;
}

/** What every flag and segment spec says about ownership (docs/ownership.md). */
export interface OwnershipSpec {
  /** Id of the stack that declares the object (`FmeConfig.stackId`); absent only in version 1 specs. */
  readonly stack?: string;
  /** Stacks this stack may take the object over from (explicit transfer); sorted. */
  readonly transferFrom?: string[];
}

/** One Terraform resource per flag: the flag's metadata (when owned) and all its environment parts. */
export interface FlagResourceSpec extends OwnershipSpec {
  readonly v: number;
  readonly kind: 'flag';
  readonly target: FmeTargetSpec;
  readonly flagName: string;
  /** Present when this stack owns the flag itself (a `FeatureFlag` construct). */
  readonly metadata?: FlagMetadataSpec;
  readonly removalPolicy: RemovalPolicySpec;
  readonly existing: ExistingPolicySpec;
  /** Sorted by environment. */
  readonly environments: EnvironmentPartSpec[];
}

export interface SegmentEnvironmentSpec {
  readonly environment: string;
  readonly removalPolicy: RemovalPolicySpec;
  /** Direct key writes, or change requests in approval-gated environments; absent (older specs): direct. */
  readonly writeMode?: WriteModeSpec;
  /** Title, comment and approvers for this environment's writes (see `EnvironmentPartSpec.changeDetails`). */
  readonly changeDetails?: ChangeDetailsSpec;
  /** Replace the key list (set mode). */
  readonly keys?: string[];
  readonly addKeys?: string[];
  readonly removeKeys?: string[];
}

/** One Terraform resource per segment. */
export interface SegmentResourceSpec extends OwnershipSpec {
  readonly v: number;
  readonly kind: 'segment';
  readonly target: FmeTargetSpec;
  readonly segmentName: string;
  /** Present when this stack owns the segment itself. */
  readonly metadata?: { readonly trafficType: string; readonly description?: string };
  readonly removalPolicy: RemovalPolicySpec;
  readonly existing: ExistingPolicySpec;
  readonly environments: SegmentEnvironmentSpec[];
}

/**
 * One Terraform resource per flag set the stack owns (a `FlagSet`). A flag set is a workspace-level
 * object with a name and a description (docs/fme-api.md#flag-sets); definitions join it through
 * `DefinitionSpec.flagSets`.
 */
export interface FlagSetResourceSpec extends OwnershipSpec {
  readonly v: number;
  readonly kind: 'flagSet';
  readonly target: FmeTargetSpec;
  readonly flagSetName: string;
  readonly description?: string;
  readonly removalPolicy: RemovalPolicySpec;
  readonly existing: ExistingPolicySpec;
}

/**
 * How a rule-based segment's definition names an excluded segment. The Admin API spelling of a
 * standard segment is `standard_segment` (Split's Python client README); `rule_based_segment` is
 * unconfirmed (docs/fme-api.md#rule-based-segments).
 */
export type ExcludedSegmentTypeSpec = 'standard_segment' | 'rule_based_segment';

/**
 * A rule-based segment's definition in one environment: the body of
 * `PUT /rule-based-segments/ws/{ws}/{name}/environments/{env}` without title and comment
 * (docs/fme-api.md#rule-based-segments). Lists are sorted where order carries no meaning.
 */
export interface RuleBasedSegmentDefinitionSpec {
  /** OR-ed rules, each an AND of matchers (no buckets: a rule puts a key in the segment). */
  readonly rules: Array<{ readonly condition: { readonly combiner: 'AND'; readonly matchers: MatcherSpec[] } }>;
  /** Keys never in the segment; sorted. */
  readonly excludedKeys: string[];
  /** Segments whose keys are never in it; sorted by type, then name. */
  readonly excludedSegments: Array<{ readonly name: string; readonly type: ExcludedSegmentTypeSpec }>;
}

export interface RuleBasedSegmentEnvironmentSpec {
  readonly environment: string;
  readonly removalPolicy: RemovalPolicySpec;
  /** Direct writes, or change requests (key `ruleBasedSegment`) in approval-gated environments; absent: direct. */
  readonly writeMode?: WriteModeSpec;
  /** Title, comment and approvers for this environment's writes (see `EnvironmentPartSpec.changeDetails`). */
  readonly changeDetails?: ChangeDetailsSpec;
  /** The whole desired definition (set mode: it replaces the live one); absent only in the destroy identity kept in state. */
  readonly definition?: RuleBasedSegmentDefinitionSpec;
}

/** One Terraform resource per rule-based segment; the stack always owns it (a `RuleBasedSegment` construct). */
export interface RuleBasedSegmentResourceSpec extends OwnershipSpec {
  readonly v: number;
  readonly kind: 'ruleBasedSegment';
  readonly target: FmeTargetSpec;
  readonly segmentName: string;
  readonly metadata: { readonly trafficType: string; readonly description?: string };
  readonly removalPolicy: RemovalPolicySpec;
  readonly existing: ExistingPolicySpec;
  /** Sorted by environment. */
  readonly environments: RuleBasedSegmentEnvironmentSpec[];
}

/**
 * A large segment's keys in one environment (docs/fme-api.md#large-segments). The keys themselves
 * never enter the spec (or `cdk.tf.json`, or state): synthesis writes them, one per line, to
 * `keysFile`, a file in the stack folder named after its content's SHA-256, and the handler reads
 * that file at apply time, checks the digest, and uploads it only when FME's record of the last
 * upload (a tag on the large segment, docs/fme-api.md#large-segments) names another digest.
 */
export interface LargeSegmentEnvironmentSpec {
  readonly environment: string;
  readonly removalPolicy: RemovalPolicySpec;
  /** Approval-gated environments wait for the change request to be approved; absent: direct. */
  readonly writeMode?: WriteModeSpec;
  readonly changeDetails?: ChangeDetailsSpec;
  /** Path of the keys file, relative to the stack folder (where Terraform runs the handler). */
  readonly keysFile: string;
  /** SHA-256 (hex) of the keys file's bytes. */
  readonly sha256: string;
  /** Number of keys in the file (for progress lines and plan summaries). */
  readonly keyCount: number;
}

/** One Terraform resource per large segment (always owned by the stack that declares it). */
export interface LargeSegmentResourceSpec extends OwnershipSpec {
  readonly v: number;
  readonly kind: 'largeSegment';
  readonly target: FmeTargetSpec;
  readonly segmentName: string;
  readonly metadata: { readonly trafficType: string; readonly description?: string };
  readonly removalPolicy: RemovalPolicySpec;
  readonly existing: ExistingPolicySpec;
  /** Sorted by environment. */
  readonly environments: LargeSegmentEnvironmentSpec[];
}

/**
 * One owned FME object. The inventory is the list of everything the stack owns, so the
 * handler can delete what disappeared from the code (Terraform drops removed resource
 * blocks without running their destroy provisioners: docs/terraform-facts.md fact 4).
 */
export type InventoryEntry =
  | { readonly t: 'flag'; readonly flag: string; readonly policy: RemovalPolicySpec }
  | { readonly t: 'definition'; readonly flag: string; readonly env: string; readonly policy: RemovalPolicySpec }
  | { readonly t: 'segment'; readonly segment: string; readonly policy: RemovalPolicySpec }
  | { readonly t: 'segmentDefinition'; readonly segment: string; readonly env: string; readonly policy: RemovalPolicySpec }
  | { readonly t: 'flagSet'; readonly flagSet: string; readonly policy: RemovalPolicySpec }
  | { readonly t: 'ruleBasedSegment'; readonly segment: string; readonly policy: RemovalPolicySpec }
  | { readonly t: 'ruleBasedSegmentDefinition'; readonly segment: string; readonly env: string; readonly policy: RemovalPolicySpec }
  | { readonly t: 'largeSegment'; readonly segment: string; readonly policy: RemovalPolicySpec }
  | { readonly t: 'largeSegmentDefinition'; readonly segment: string; readonly env: string; readonly policy: RemovalPolicySpec };

/**
 * An object that another stack of the same app declares in the same workspace. A stack whose code
 * dropped the object hands it over to that stack instead of deleting it (docs/ownership.md).
 */
export type DeclaredElsewhere =
  | { readonly stack: string; readonly t: 'flag'; readonly flag: string }
  | { readonly stack: string; readonly t: 'definition'; readonly flag: string; readonly env: string }
  | { readonly stack: string; readonly t: 'segment'; readonly segment: string }
  | { readonly stack: string; readonly t: 'flagSet'; readonly flagSet: string }
  | { readonly stack: string; readonly t: 'ruleBasedSegment'; readonly segment: string }
  | { readonly stack: string; readonly t: 'largeSegment'; readonly segment: string };

/** The name of the object an inventory entry or declaration is about (its flag, segment or flag set). */
export function objectNameOf(e: InventoryEntry | DeclaredElsewhere): string {
  if ('flag' in e) return e.flag;
  return 'segment' in e ? e.segment : e.flagSet;
}

export interface InventorySpec {
  readonly v: number;
  readonly kind: 'inventory';
  readonly target: FmeTargetSpec;
  /** Id of the stack whose inventory this is; absent only in version 1 specs. */
  readonly stack?: string;
  /** Sorted, unique by identity (t + names). */
  readonly objects: InventoryEntry[];
  /**
   * Only in the full inventory file written at synth (never in a shard): what the app's other
   * stacks declare in the same workspace. Sorted.
   */
  readonly elsewhere?: DeclaredElsewhere[];
}

/** Every object spec the handler converges and deletes. */
export type ObjectResourceSpec =
  | FlagResourceSpec | SegmentResourceSpec | FlagSetResourceSpec | RuleBasedSegmentResourceSpec | LargeSegmentResourceSpec;

/**
 * Every flag set, segment and flag of the stack, in waves that respect references (flag sets and
 * standard segments, then rule-based segments after the ones they refer to, then flags after the
 * flags they depend on). Written next to `cdk.tf.json` at synth and read by the
 * `bootstrap` command, which converges a new stack in one process (see `docs/ARCHITECTURE.md`).
 */
export interface BootstrapSpec {
  readonly v: number;
  readonly kind: 'bootstrap';
  readonly waves: ObjectResourceSpec[][];
}

export type ResourceSpec = ObjectResourceSpec | InventorySpec;
