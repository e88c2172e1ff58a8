/**
 * FME's record of a large segment's last key upload per environment, kept as tags on the large
 * segment (docs/fme-api.md#large-segments): `cdktf-fme-keys:<environment id>:<first 16 hex of the
 * keys file's SHA-256>`, and, while the upload's change request waits for approval,
 * `…:<change request id>` after it. The handler uploads a file only when the record names
 * another digest (or a change request that was rejected or withdrawn). Pure: no I/O.
 */

const PREFIX = 'cdktf-fme-keys:';

/** What the tags say about one environment's last upload. */
export interface KeysRecord {
  readonly digest: string;
  /** The change request the upload waits in, when it was submitted to an approval-gated environment. */
  readonly changeRequestId?: string;
}

/** The 16 hex digits of the SHA-256 the record keeps (64 bits: enough to tell two files apart). */
export function recordDigest(sha256: string): string {
  return sha256.slice(0, 16);
}

export function isKeysRecordTag(tag: string): boolean {
  return tag.startsWith(PREFIX);
}

/** The record for `environmentId`, if the tags hold one. */
export function keysRecordOf(tags: readonly string[], environmentId: string): KeysRecord | undefined {
  const head = `${PREFIX}${environmentId}:`;
  const tag = tags.find((t) => t.startsWith(head));
  if (!tag) return undefined;
  const [digest, changeRequestId] = tag.slice(head.length).split(':');
  return changeRequestId ? { digest, changeRequestId } : { digest };
}

/** `tags` with the record of `environmentId` replaced by `record` (or removed when undefined), sorted. */
export function withKeysRecord(tags: readonly string[], environmentId: string, record: KeysRecord | undefined): string[] {
  const head = `${PREFIX}${environmentId}:`;
  const kept = tags.filter((t) => !t.startsWith(head));
  if (record) kept.push(`${head}${record.digest}${record.changeRequestId ? `:${record.changeRequestId}` : ''}`);
  return [...new Set(kept)].sort();
}
