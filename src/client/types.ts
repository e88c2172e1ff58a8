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
}

/** A definition as FME returns it (docs/fme-api.md#definitions): the request fields plus response-only ones. */
export interface Definition extends DefinitionSpec {
  readonly killed?: boolean;
  readonly name?: string;
  readonly environment?: NamedRef;
  readonly creationTime?: number;
  readonly lastUpdateTime?: number;
  readonly openChangeRequestId?: string | null;
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

export type ChangeRequestOperation = 'CREATE' | 'UPDATE' | 'KILL' | 'RESTORE' | 'ARCHIVE';

/** Body of `POST /changeRequests/ws/{ws}/environments/{env}` (docs/fme-api.md#change-requests). */
export interface ChangeRequestSubmission {
  readonly split?: Record<string, unknown> & { readonly name: string };
  readonly segment?: { readonly name: string; readonly keys?: string[] };
  readonly operationType: ChangeRequestOperation;
  readonly title: string;
  readonly comment: string;
  readonly rolloutStatus?: { readonly id: string };
  readonly approvers: string[];
}

export interface ChangeRequest {
  readonly id: string;
  readonly status: string;
  readonly operationType?: string;
}

/** The offset/limit envelope (docs/fme-api.md#pagination, first style). */
export interface OffsetPage<T> {
  readonly objects: T[];
  readonly offset?: number;
  readonly limit?: number;
  readonly totalCount?: number;
}
