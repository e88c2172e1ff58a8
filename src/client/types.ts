/**
 * Shapes of Admin API v2 responses the library reads (docs/fme-api.md, Workspaces to Segments).
 * Only the fields the handler uses are typed; FME returns more.
 */
import type { DefinitionSpec } from '../spec/resource-spec';

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

/** A definition as FME returns it (docs/fme-api.md#definitions): the request fields plus response-only ones. */
export interface Definition extends Omit<DefinitionSpec, 'impressionsDisabled'> {
  readonly killed?: boolean;
  readonly name?: string;
  readonly environment?: NamedRef;
  readonly creationTime?: number;
  readonly lastUpdateTime?: number;
  readonly openChangeRequestId?: string | null;
  /** Flag sets the definition belongs to (docs/fme-api.md#definitions); the library does not manage them. */
  readonly flagSets?: unknown[] | null;
  /**
   * `true`: SDKs record no impressions for the definition (docs/fme-api.md#impression-tracking);
   * written only when the code sets `RolloutPlan.trackImpressions`.
   */
  readonly impressionsDisabled?: boolean | null;
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
