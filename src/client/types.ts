/**
 * Shapes of Admin API v2 responses the library reads (docs/fme-api.md, Workspaces to Segments).
 * Only the fields the handler uses are typed; FME returns more.
 */
import type { DefinitionSpec, PrerequisiteSpec } from '../spec/resource-spec';

export interface NamedRef {
  readonly id: string;
  readonly name: string;
}

export interface Workspace extends NamedRef {
  readonly requiresTitleAndComments?: boolean;
  /** Harness organization of the project this workspace is (Harness accounts only). */
  readonly organizationIdentifier?: string;
  /** Harness project identifier (Harness accounts only). */
  readonly projectIdentifier?: string;
}

/** Title and comment FME records with a change; either may be left to the client's default. */
export interface WriteNote {
  readonly title?: string;
  readonly comment?: string;
}

export interface Environment extends NamedRef {
  readonly production?: boolean;
  /** Approval settings (docs/fme-api.md#environments); only `areApprovalsRequired` is read. */
  readonly changePermissions?: { readonly areApprovalsRequired?: boolean } | null;
}

/** A traffic type (docs/fme-api.md#traffic-types). */
export type TrafficType = NamedRef;

/** One attribute of a traffic type's schema (docs/fme-api.md#attributes); `id` is the name SDKs and matchers use. */
export interface Attribute {
  readonly id: string;
  readonly trafficTypeId?: string;
  readonly displayName?: string | null;
  readonly description?: string | null;
  readonly dataType?: string | null;
}

export interface RolloutStatus extends NamedRef {
  readonly description?: string;
}

/** Flag (split) metadata, workspace level (docs/fme-api.md#flags). */
export interface Flag {
  readonly id?: string;
  readonly name: string;
  readonly description?: string | null;
  readonly trafficType?: NamedRef;
  readonly creationTime?: number;
  readonly rolloutStatus?: NamedRef | null;
  readonly tags?: { readonly name: string }[] | null;
  readonly owners?: { readonly id: string; readonly type: string }[] | null;
  /**
   * `ARCHIVED` for an archived flag, as the emulator answers; the field's name and value on the
   * live API are unconfirmed (docs/fme-api.md#archive-and-unarchive).
   */
  readonly status?: string | null;
}

/** A flag set as a definition references it: `{id, type}` (the `type` value is unconfirmed: docs/fme-api.md#flag-sets). */
export interface FlagSetRef {
  readonly id: string;
  readonly type?: string;
}

/** A flag set, Admin API v3 (docs/fme-api.md#flag-sets). */
export interface FlagSet extends NamedRef {
  readonly description?: string | null;
  readonly workspace?: { readonly id: string; readonly type?: string } | null;
}

/** A definition write (POST/PUT body): the spec's fields, with flag sets as FME references them (by id). */
export type DefinitionRequest = Omit<DefinitionSpec, 'flagSets'> & { readonly flagSets?: FlagSetRef[] };

/** A definition as FME returns it (docs/fme-api.md#definitions): the request fields plus response-only ones. */
export interface Definition extends Omit<DefinitionSpec, 'impressionsDisabled' | 'prerequisites' | 'flagSets'> {
  readonly killed?: boolean;
  readonly name?: string;
  readonly environment?: NamedRef;
  readonly creationTime?: number;
  readonly lastUpdateTime?: number;
  readonly openChangeRequestId?: string | null;
  /**
   * Flag sets the definition belongs to, by id (docs/fme-api.md#flag-sets). The handler writes
   * them only where the code declares `RolloutPlan.flagSets`.
   */
  readonly flagSets?: FlagSetRef[] | null;
  /**
   * `true`: SDKs record no impressions for the definition (docs/fme-api.md#impression-tracking);
   * written only when the code sets `RolloutPlan.trackImpressions`.
   */
  readonly impressionsDisabled?: boolean | null;
  /** Prerequisite flags (docs/fme-api.md#prerequisites); absent, `null` or empty: none. */
  readonly prerequisites?: PrerequisiteSpec[] | null;
}

/** An RFC 6902 operation (docs/fme-api.md#json-patch-on-definitions), sent with `Content-Type: application/json`. */
export interface JsonPatchOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly value?: unknown;
}

/** Segment metadata, workspace level (docs/fme-api.md#segments). */
export interface Segment {
  readonly name: string;
  readonly description?: string | null;
  readonly trafficType?: NamedRef;
  readonly creationTime?: number;
  readonly tags?: { readonly name: string }[] | null;
}

/** A segment's keys in one environment (docs/fme-api.md#segments). */
export interface SegmentKeys {
  readonly keys: string[];
  /** The change request waiting for approval on this segment in this environment, if any. */
  readonly openChangeRequestId: string | null;
}

export type ChangeRequestOperation = 'CREATE' | 'UPDATE' | 'KILL' | 'RESTORE' | 'ARCHIVE' | 'UPLOAD';

/** Body of `POST /changeRequests/ws/{ws}/environments/{env}` (docs/fme-api.md#change-requests). */
export interface ChangeRequestSubmission {
  readonly split?: Record<string, unknown> & { readonly name: string };
  readonly segment?: { readonly name: string; readonly keys?: string[] };
  /** A large segment's keys: `UPLOAD` (the keys go to the pre-signed URL of the answer) or `ARCHIVE` (all keys out). */
  readonly largeSegment?: { readonly name: string };
  readonly operationType: ChangeRequestOperation;
  readonly title: string;
  readonly comment: string;
  readonly rolloutStatus?: { readonly id: string };
  readonly approvers: string[];
  /** When the approved request runs, ms since the epoch (docs/fme-api.md#scheduled-change-requests). */
  readonly scheduledFor?: number;
  /** IANA time zone FME shows `scheduledFor` in. */
  readonly scheduledForTimezone?: string;
}

export interface ChangeRequest {
  readonly id: string;
  readonly status: string;
  readonly operationType?: string;
  /** `UPLOAD` of a large segment: where to PUT the keys file (docs/fme-api.md#large-segments). */
  readonly transactionMetadata?: { readonly method?: string; readonly url: string; readonly headers?: Record<string, string[] | string> };
}

/** A large segment in a workspace (docs/fme-api.md#large-segments). */
export interface LargeSegment {
  readonly name: string;
  readonly description?: string | null;
  readonly trafficType?: NamedRef;
  readonly creationTime?: number;
  readonly tags?: { readonly name: string }[] | null;
}

/** The offset/limit envelope (docs/fme-api.md#pagination, first style). */
export interface OffsetPage<T> {
  readonly objects: T[];
  readonly offset?: number;
  readonly limit?: number;
  readonly totalCount?: number;
}
