import { EnvironmentRecord } from '../data-model';
import { ApiError } from '../errors';
import { Router } from '../router';
import { Store } from '../store';
import { archivedRuleBasedSegment, toSdkRuleBasedSegment } from './rbs-translation';
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
 *
 * `sets=a,b` (an SDK configured with `sync.splitFilters: [{type: 'bySet', ...}]`) narrows the
 * answer to flags in those sets. On a later fetch (`since` ≥ 0) a changed flag outside the sets is
 * still sent, so that an SDK holding a flag that just left a set drops it (the SDK keeps only
 * flags whose `sets` match its filter); what FME sends there is unconfirmed (README.md, "Flag sets
 * fidelity").
 */
function splitChanges(req: SdkRequest): unknown {
  const { store, env } = req;
  const since = numberParam(req.query, 'since');
  const wanted = setsFilter(req.query);
  const splits = store.data.definitions
    .filter(d => d.environmentId === env.id && d.changeNumber > since)
    .map(d => toSdkSplit(store, d))
    .filter(s => wanted === undefined || since >= 0 || s.sets.some(name => wanted.includes(name)));
  if (since >= 0) {
    for (const t of store.data.tombstones) {
      if (t.environmentId === env.id && t.changeNumber > since) splits.push(archivedSplit(t));
    }
  }
  const till = Math.max(since, env.changeNumber);
  const spec = req.query.get('s');
  if (spec === '1.3' || (spec !== null && Number(spec) >= 1.3)) {
    return { ff: { d: splits, s: since, t: till }, rbs: ruleBasedChanges(store, env, numberParam(req.query, 'rbSince')) };
  }
  return { splits, since, till };
}

/** The `sets` query parameter: comma-separated flag-set names; undefined when absent. */
function setsFilter(query: URLSearchParams): string[] | undefined {
  const raw = query.get('sets');
  if (raw === null) return undefined;
  return raw.split(',').map(s => s.trim()).filter(s => s.length > 0);
}

/**
 * `rbs` of spec 1.3: the rule-based segments changed after `rbSince` (all active ones at -1), and
 * removals as ARCHIVED; `t` is the newest change number among them (or `rbSince` when none).
 */
function ruleBasedChanges(store: Store, env: EnvironmentRecord, rbSince: number): { d: unknown[]; s: number; t: number } {
  const changed = (store.data.ruleBasedSegmentEnvironments ?? []).filter(e => e.environmentId === env.id && e.changeNumber > rbSince);
  const d: Array<{ changeNumber: number }> = changed.map(e => toSdkRuleBasedSegment(store, e));
  if (rbSince >= 0) {
    for (const t of store.data.ruleBasedTombstones ?? []) {
      if (t.environmentId === env.id && t.changeNumber > rbSince) d.push(archivedRuleBasedSegment(t));
    }
  }
  return { d, s: rbSince, t: Math.max(rbSince, ...d.map(x => x.changeNumber)) };
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
