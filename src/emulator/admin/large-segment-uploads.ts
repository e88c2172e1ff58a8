import { randomBytes } from 'crypto';
import { ChangeRequestRecord, EnvironmentRecord, LargeSegmentChange, WorkspaceRecord } from '../data-model';
import { ApiError, badRequest, conflict } from '../errors';
import { Store } from '../store';
import { largeSegment, largeSegmentEnvironment, touch } from './large-segments';
import * as resolve from './resolve';
import { requireString } from '../validation/checks';

/** Path prefix of upload URLs (kept equal to `UPLOAD_PREFIX` in server.ts, which imports this module). */
const UPLOAD_PATH = '/large-segment-uploads';
/** Operation types for large segments: UPLOAD (replace the keys with an uploaded file), ARCHIVE (remove all). */
export const LARGE_SEGMENT_OPERATIONS = ['UPLOAD', 'ARCHIVE'];
/** The keys a large segment holds at most (docs/fme-api.md#large-segments: one million unless raised). */
export const MAX_LARGE_SEGMENT_KEYS = 1_000_000;

/** Validates a large segment change at submission: the segment must be defined in the environment. */
export function checkLargeSegmentChange(
  store: Store, ws: WorkspaceRecord, env: EnvironmentRecord, body: Record<string, unknown>, op: string,
): LargeSegmentChange {
  if (!LARGE_SEGMENT_OPERATIONS.includes(op)) throw badRequest(`operationType '${op}' is not valid for a large segment (${LARGE_SEGMENT_OPERATIONS.join(', ')})`);
  const name = requireString(body.name, 'largeSegment.name');
  largeSegmentEnvironment(store, largeSegment(store, ws, name), env);
  if (op === 'ARCHIVE') return { name, keys: [] };
  // 32 random bytes: the token is the only credential of the URL, as a pre-signed URL's signature is.
  return { name, uploadToken: randomBytes(32).toString('hex'), uploadExpiresAt: Date.now() + store.uploadUrlTtlMs, keys: null };
}

/** What the submission answers for an UPLOAD: where to PUT the file (the Go and Python clients read these fields). */
export function transactionMetadata(origin: string, change: LargeSegmentChange): Record<string, unknown> | undefined {
  if (!change.uploadToken) return undefined;
  const url = `${origin}${UPLOAD_PATH}/${change.uploadToken}`;
  return { method: 'PUT', url, headers: { Host: [new URL(url).host] } };
}

/**
 * A PUT to an upload URL: the file (one key per line, no header) is stored with its change
 * request. The URL works once, until it expires; then 403, as a pre-signed storage URL answers.
 * In an environment without approvals the change request is published as soon as the file
 * arrives (unconfirmed: README.md, "Large segments"); otherwise it waits for approval.
 */
export function receiveUpload(store: Store, token: string, body: string): void {
  const cr = store.data.changeRequests.find((c) => c.largeSegment?.uploadToken === token);
  const change = cr?.largeSegment;
  if (!cr || !change) throw new ApiError(403, 'Request has expired or the signature does not match');
  if (change.keys !== null) throw new ApiError(403, 'This upload URL was used already; submit a new UPLOAD change request');
  if ((change.uploadExpiresAt ?? 0) < Date.now()) throw new ApiError(403, 'Request has expired: upload URLs are valid for a few minutes; submit a new UPLOAD change request');
  if (cr.status !== 'REQUESTED') throw new ApiError(403, `Change request ${cr.id} is ${cr.status}; its upload URL no longer works`);
  const keys = parseKeys(body);
  change.keys = keys;
  cr.lastUpdateTime = Date.now();
  const env = store.environment(cr.environmentId);
  if (!env.approvalsRequired) {
    applyLargeSegmentChange(store, cr);
    cr.status = 'PUBLISHED';
  }
  store.changed();
}

function parseKeys(body: string): string[] {
  const lines = body.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.some((l) => l.length === 0)) throw badRequest('The file has an empty line; one key per line');
  const keys = [...new Set(lines)];
  if (keys.length > MAX_LARGE_SEGMENT_KEYS) throw badRequest(`The file has ${keys.length} keys; a large segment holds at most ${MAX_LARGE_SEGMENT_KEYS}`);
  return keys;
}

/** Applies an approved large segment change; before its file arrived an UPLOAD cannot apply (the CR stays open). */
export function applyLargeSegmentChange(store: Store, cr: ChangeRequestRecord): void {
  const change = cr.largeSegment!;
  const env = store.environment(cr.environmentId);
  const le = largeSegmentEnvironment(store, largeSegment(store, resolve.workspace(store, cr.workspaceId), change.name), env);
  if (change.keys === null) throw conflict(`Change request ${cr.id} has no uploaded file yet: PUT the keys to its upload URL first`);
  le.keys = cr.operationType === 'ARCHIVE' ? [] : change.keys;
  le.lastUpdateTime = Date.now();
  touch(store, env);
}
