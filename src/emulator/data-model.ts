/**
 * The emulator's stored data: plain JSON so it persists as-is to the data file.
 * Records reference each other by id; names are resolved at the API edge.
 */

export interface WorkspaceRecord {
  id: string;
  name: string;
  requiresTitleAndComments: boolean;
  /** Harness organization and project this workspace belongs to (Harness accounts); absent on plain Split accounts. */
  organizationIdentifier?: string;
  projectIdentifier?: string;
  creationTime: number;
}

export interface EnvironmentRecord {
  id: string;
  workspaceId: string;
  name: string;
  production: boolean;
  /** Direct writes are refused with 403; changes go through change requests. */
  approvalsRequired: boolean;
  /**
   * With approvals: `false` lets submitters choose their approvers (each change request must name
   * some); `true` (or absent, in data files written before this field) fixes them in the
   * environment (change requests name none).
   */
  approversRestricted?: boolean;
  creationTime: number;
  /** Last SDK change number handed out in this environment (ms, monotonic). */
  changeNumber: number;
}

export interface TrafficTypeRecord {
  id: string;
  workspaceId: string;
  name: string;
  /** Attribute schema (docs/fme-api.md#attributes); absent in data files written before it existed: none. */
  attributes?: AttributeRecord[];
}

/** One attribute of a traffic type's schema; `id` is the name SDKs pass and matchers use. */
export interface AttributeRecord {
  id: string;
  displayName: string;
  description: string;
  /** `STRING`, `NUMBER`, `DATETIME`, `SET`, or null (displayed as a raw string). */
  dataType: string | null;
}

export interface RolloutStatusRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
}

export interface FlagRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  trafficTypeId: string;
  rolloutStatusId: string;
  rolloutStatusTimestamp: number;
  /** `null` until tags are first set, as FME answers for a new flag. */
  tags: string[] | null;
  owners: unknown[];
  creationTime: number;
  lastUpdateTime: number;
  /**
   * Archived (`POST …/archive`): SDKs get its definitions as ARCHIVED (`control`), which stay stored
   * for `POST …/unarchive`. Absent in data files written before archiving existed: not archived.
   */
  archived?: boolean;
}

/** Admin API bucket. */
export interface BucketBody {
  treatment: string;
  size: number;
}

/** Admin API matcher (docs/fme-api.md#matchers); only the fields of its type are meaningful. */
export interface MatcherBody {
  type: string;
  negate?: boolean;
  attribute?: string | null;
  string?: string;
  strings?: string[];
  bool?: boolean;
  number?: number;
  date?: number;
  between?: { from: number; to: number };
  betweenString?: { from: string; to: string };
  depends?: { splitName: string; treatment?: string; treatments?: string[] };
}

export interface RuleBody {
  condition: { combiner: string; matchers: MatcherBody[] };
  buckets: BucketBody[];
}

export interface TreatmentBody {
  name: string;
  description?: string;
  /** JSON-encoded string, as the Admin API wants it. */
  configurations?: string;
  keys?: string[];
  segments?: string[];
  /** Round-tripped only (Harness pipeline steps write them). */
  largeSegments?: unknown[];
  ruleBasedSegments?: unknown[];
}

/** The mutable part of a definition: what POST/PUT/PATCH write. */
export interface DefinitionBody {
  treatments: TreatmentBody[];
  defaultTreatment: string;
  baselineTreatment?: string;
  trafficAllocation: number;
  rules: RuleBody[];
  defaultRule: BucketBody[];
  killed: boolean;
  impressionsDisabled: boolean;
  /**
   * Flag sets the definition belongs to, as FME's v3 API references them: `{id, type}` entries
   * naming flag sets of the workspace (docs/fme-api.md#flag-sets). The testing kit may also pass
   * bare names (strings).
   */
  flagSets?: unknown[];
  /** Flags that must serve given treatments first (docs/fme-api.md#prerequisites); empty: none. */
  prerequisites: PrerequisiteBody[];
}

/** One prerequisite as the Admin API carries it (field names UNCONFIRMED, README.md "Fidelity"). */
export interface PrerequisiteBody {
  flagName: string;
  treatments: string[];
}

export interface DefinitionRecord {
  id: string;
  flagId: string;
  environmentId: string;
  body: DefinitionBody;
  creationTime: number;
  lastUpdateTime: number;
  /** SDK change number of the last change. */
  changeNumber: number;
}

/**
 * A definition removed from an environment (or whose flag was deleted). It is served to SDKs
 * that synced before the removal as `status: ARCHIVED`, so they drop it and answer `control`.
 */
export interface TombstoneRecord {
  environmentId: string;
  flagName: string;
  trafficTypeName: string;
  changeNumber: number;
}

export interface SegmentRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  trafficTypeId: string;
  tags: string[] | null;
  creationTime: number;
}

/** A flag set (Admin API v3, docs/fme-api.md#flag-sets): a workspace-level group of definitions. */
export interface FlagSetRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  creationTime: number;
}

/** A segment activated in an environment, with its keys there. */
export interface SegmentEnvironmentRecord {
  segmentId: string;
  environmentId: string;
  keys: string[];
  /** Keys removed at some point and not present now: sent as `removed` to SDKs that may hold them. */
  removedKeys: string[];
  creationTime: number;
  lastUpdateTime: number;
  changeNumber: number;
}

/** A rule-based segment, workspace level (docs/fme-api.md#rule-based-segments). */
export interface RuleBasedSegmentRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  trafficTypeId: string;
  creationTime: number;
}

/** An excluded segment as the Admin API names it: `standard_segment` or `rule_based_segment`. */
export interface ExcludedSegmentBody {
  name: string;
  type: 'standard_segment' | 'rule_based_segment';
}

/** The writable definition of a rule-based segment in one environment. */
export interface RuleBasedSegmentDefinitionBody {
  rules: { condition: { combiner: string; matchers: MatcherBody[] } }[];
  excludedKeys: string[];
  excludedSegments: ExcludedSegmentBody[];
}

/** A rule-based segment activated in an environment, with its definition there. */
export interface RuleBasedSegmentEnvironmentRecord {
  segmentId: string;
  environmentId: string;
  body: RuleBasedSegmentDefinitionBody;
  creationTime: number;
  lastUpdateTime: number;
  changeNumber: number;
}

/** A rule-based segment removed from an environment: served once to SDKs as ARCHIVED. */
export interface RuleBasedTombstoneRecord {
  environmentId: string;
  name: string;
  trafficTypeName: string;
  changeNumber: number;
}

/** A large segment (docs/fme-api.md#large-segments): keys only through change requests. */
export interface LargeSegmentRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  trafficTypeId: string;
  tags: string[] | null;
  creationTime: number;
}

/** A large segment defined in an environment, with its keys there. */
export interface LargeSegmentEnvironmentRecord {
  largeSegmentId: string;
  environmentId: string;
  keys: string[];
  creationTime: number;
  lastUpdateTime: number;
}

/** The key change of a large segment's change request: `UPLOAD` keys arrive through the pre-signed URL. */
export interface LargeSegmentChange {
  name: string;
  /** `UPLOAD`: the URL's secret path token, when it stops working (ms), and whether it was used. */
  uploadToken?: string;
  uploadExpiresAt?: number;
  /** The uploaded keys (`UPLOAD`, once the file arrived); `null` until then. */
  keys: string[] | null;
}

/**
 * A scheduled request (`scheduledFor`) is `SCHEDULE_REQUESTED` until approved, then `SCHEDULED` until
 * its time, then `PUBLISHED` (docs/fme-api.md#scheduled-change-requests).
 */
export type ChangeRequestStatus = 'REQUESTED' | 'APPROVED' | 'PUBLISHED' | 'REJECTED' | 'WITHDRAWN' | 'SCHEDULE_REQUESTED' | 'SCHEDULED';

export interface ChangeRequestComment {
  comment: string;
  user: string;
  role: 'SUBMITTER' | 'APPROVER';
  timestamp: number;
}

export interface ChangeRequestRecord {
  id: string;
  workspaceId: string;
  environmentId: string;
  status: ChangeRequestStatus;
  operationType: string;
  title: string | null;
  comment: string | null;
  /** The admin key that submitted it; it cannot approve it. */
  submittedBy: string;
  approvers: string[];
  /** Flag change: `{name, ...definition request}`. */
  split: Record<string, unknown> | null;
  /** Segment change: `{name, keys}`. */
  segment: { name: string; keys: string[] } | null;
  /** Rule-based segment change: `{name, rules, excludedKeys, excludedSegments}`; absent in older data files. */
  ruleBasedSegment?: ({ name: string } & RuleBasedSegmentDefinitionBody) | null;
  /** Large segment change; absent in data files written before large segments. */
  largeSegment?: LargeSegmentChange | null;
  rolloutStatusId: string | null;
  /** When the approved change runs (ms since the epoch); absent or null: when approved. */
  scheduledFor?: number | null;
  /** IANA time zone the schedule is shown in; display only. */
  scheduledForTimezone?: string | null;
  comments: ChangeRequestComment[];
  creationTime: number;
  lastUpdateTime: number;
}

/** Everything the emulator stores; the data file holds exactly this. */
export interface EmulatorData {
  format: 'cdktf-fme-emulator/1';
  /** Random per data file: seeds and ids derived from it stay stable across restarts. */
  secret: string;
  orgId: string;
  workspaces: WorkspaceRecord[];
  environments: EnvironmentRecord[];
  trafficTypes: TrafficTypeRecord[];
  rolloutStatuses: RolloutStatusRecord[];
  flags: FlagRecord[];
  definitions: DefinitionRecord[];
  tombstones: TombstoneRecord[];
  segments: SegmentRecord[];
  segmentEnvironments: SegmentEnvironmentRecord[];
  /** Absent in data files written before rule-based segments: none. */
  ruleBasedSegments?: RuleBasedSegmentRecord[];
  ruleBasedSegmentEnvironments?: RuleBasedSegmentEnvironmentRecord[];
  ruleBasedTombstones?: RuleBasedTombstoneRecord[];
  changeRequests: ChangeRequestRecord[];
  /** Absent in data files written before the emulator served flag sets: none. */
  flagSets?: FlagSetRecord[];
  /** Absent in data files written before large segments (the store adds them). */
  largeSegments: LargeSegmentRecord[];
  largeSegmentEnvironments: LargeSegmentEnvironmentRecord[];
}
