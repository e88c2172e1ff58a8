import { EnvironmentRecord } from '../data-model';
import { ApiError } from '../errors';
import { Router } from '../router';
import { Store } from '../store';
import { archivedSplit, toSdkSplit } from './split-translation';

/** What an SDK API handler gets: the environment its SDK key belongs to. */
export interface SdkRequest {
  readonly store: Store;
  readonly env: EnvironmentRecord;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
}

export type SdkHandler = (req: SdkRequest) => unknown;

/** The SDK data plane under `/api` (docs/fme-api.md#sdk-data-plane). */
export function sdkRouter(): Router<SdkHandler> {
  const router = new Router<SdkHandler>();
  router
    .add('GET', '/splitChanges', splitChanges)
    .add('GET', '/segmentChanges/:name', segmentChanges)
    .add('GET', '/memberships/:key', memberships);
  return router;
}

function numberParam(query: URLSearchParams, name: string): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return -1;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ApiError(400, `Query parameter ${name} must be a number`);
  return value;
}

/**
 * `/splitChanges?s=1.3&since=N`: every definition changed after `since` (all active ones when
 * `since` is -1), plus removals as ARCHIVED; `till` is the environment's change number. When
 * nothing changed, `d` is empty and `since == till`. Spec 1.3 answers `{ff, rbs}`; `s=1.2` or
 * no `s` answers the legacy `{splits, since, till}`.
 */
function splitChanges(req: SdkRequest): unknown {
  const { store, env } = req;
  const since = numberParam(req.query, 'since');
  const splits = store.data.definitions
    .filter(d => d.environmentId === env.id && d.changeNumber > since)
    .map(d => toSdkSplit(store, d));
  if (since >= 0) {
    for (const t of store.data.tombstones) {
      if (t.environmentId === env.id && t.changeNumber > since) splits.push(archivedSplit(t));
    }
  }
  const till = Math.max(since, env.changeNumber);
  const spec = req.query.get('s');
  if (spec === '1.3' || (spec !== null && Number(spec) >= 1.3)) {
    const rbSince = numberParam(req.query, 'rbSince');
    return { ff: { d: splits, s: since, t: till }, rbs: { d: [], s: rbSince, t: rbSince } };
  }
  return { splits, since, till };
}

/**
 * `/segmentChanges/{name}?since=N`: the full key list (and keys removed at some point) when the
 * segment changed after `since`; otherwise `since == till` with no changes, which ends the SDK's
 * fetch loop. Every segment is served, even unknown or inactive ones (empty), because the
 * server-side SDK is ready only when every referenced segment has loaded.
 */
function segmentChanges(req: SdkRequest): unknown {
  const { store, env } = req;
  const name = req.params.name;
  const since = numberParam(req.query, 'since');
  const segment = store.findSegment(env.workspaceId, name);
  const se = segment ? store.findSegmentEnvironment(segment.id, env.id) : undefined;
  const changeNumber = se ? se.changeNumber : env.creationTime;
  if (since >= changeNumber) return { name, added: [], removed: [], since, till: since };
  return { name, added: se ? se.keys : [], removed: se && since >= 0 ? se.removedKeys : [], since, till: changeNumber };
}

/**
 * `/memberships/{key}` (client-side SDKs): the segments (`ms`) and large segments (`ls`) of this
 * environment holding the key; splitio-commons `mySegmentsUpdater` resets its large segment
 * storage from `ls` when the SDK runs with `sync.largeSegmentsEnabled`.
 */
function memberships(req: SdkRequest): unknown {
  const { store, env } = req;
  const key = req.params.key;
  const names = store.data.segmentEnvironments
    .filter(se => se.environmentId === env.id && se.keys.includes(key))
    .map(se => store.data.segments.find(s => s.id === se.segmentId)!.name);
  const large = store.data.largeSegmentEnvironments
    .filter(le => le.environmentId === env.id && le.keys.includes(key))
    .map(le => store.data.largeSegments.find(s => s.id === le.largeSegmentId)!.name);
  return { ms: { cn: env.changeNumber, k: names.map(n => ({ n })) }, ls: { cn: env.changeNumber, k: large.map(n => ({ n })) } };
}
