import { EnvironmentRecord, SegmentEnvironmentRecord, SegmentRecord } from '../data-model';
import { ApiError, badRequest, conflict, notFound } from '../errors';
import { Router } from '../router';
import { Store } from '../store';
import { isPending } from './change-request-status';
import { requireDirectWrites, requireTitleAndComment } from './guards';
import { offsetPage, pageParams } from './paging';
import { AdminHandler, AdminRequest } from './request';
import * as resolve from './resolve';
import { newSegmentFields } from './segment-record';
import { segmentInEnvironmentView, segmentView } from './views';
import { requireObject, requireStringList } from '../validation/checks';
import { referencedSegments } from '../validation/definition';
import { referencedStandard } from '../validation/rule-based-segment';

/** FME caps one key upload at 10,000 keys and a segment at 100,000 (docs/fme-api.md#segments). */
export const MAX_KEYS_PER_CALL = 10_000;
export const MAX_KEYS_PER_SEGMENT = 100_000;
/**
 * In `strict` mode, how many key calls (read, upload, remove, change request) on a segment just
 * activated in an environment answer 404 before it becomes visible. FME may be eventually
 * consistent here: Harness's Terraform provider polls the keys after activating (README.md,
 * "Segments fidelity"). A count, not a time, so tests are deterministic.
 */
export const ACTIVATION_LAG_KEY_CALLS = 2;
/** Key calls left to refuse, per activation; kept in memory only (a reloaded store sees every segment). */
const notYetVisible = new WeakMap<SegmentEnvironmentRecord, number>();

/** Standard segments (docs/fme-api.md#segments): workspace routes, then environment routes. */
export function addSegmentRoutes(router: Router<AdminHandler>): void {
  router
    .add('POST', '/segments/ws/:ws/trafficTypes/:tt', createSegment)
    .add('GET', '/segments/ws/:ws', req => {
      const ws = resolve.workspace(req.store, req.params.ws);
      return offsetPage(req.store.data.segments.filter(s => s.workspaceId === ws.id).map(s => segmentView(req.store, s)), req.query);
    })
    .add('GET', '/segments/ws/:ws/environments/:env', req => {
      const ws = resolve.workspace(req.store, req.params.ws);
      const env = resolve.environment(req.store, ws, req.params.env);
      const items = req.store.data.segmentEnvironments.filter(se => se.environmentId === env.id)
        .map(se => segmentInEnvironmentView(req.store, req.store.data.segments.find(s => s.id === se.segmentId)!, se));
      return offsetPage(items, req.query);
    })
    .add('GET', '/segments/ws/:ws/:name', getSegment)
    .add('DELETE', '/segments/ws/:ws/:name', deleteSegment)
    .add('POST', '/segments/:env/:name', activateSegment)
    .add('DELETE', '/segments/:env/:name', deactivateSegment)
    .add('GET', '/segments/:env/:name/keys', getKeys)
    .add('PUT', '/segments/:env/:name/uploadKeys', uploadKeys)
    .add('PUT', '/segments/:env/:name/removeKeys', removeKeys);
}

/**
 * Whether the single-segment GET returns `tags` is unconfirmed (the list does): `strict` leaves
 * the field out, so the handler cannot depend on it (README.md, "Segments fidelity").
 */
function getSegment(req: AdminRequest): unknown {
  const ws = resolve.workspace(req.store, req.params.ws);
  const view = segmentView(req.store, resolve.segment(req.store, ws, req.params.name));
  if (req.strictness === 'strict') delete view.tags;
  return view;
}

function createSegment(req: AdminRequest): unknown {
  const store = req.store;
  const segment: SegmentRecord = { ...newSegmentFields(req, 'Segment', (ws, name) => store.findSegment(ws, name) !== undefined), tags: null };
  store.data.segments.push(segment);
  store.changed();
  return segmentView(store, segment);
}

/** Deleting a segment a definition still references would break those definitions: refused. */
function deleteSegment(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const segment = resolve.segment(store, ws, req.params.name);
  const users = store.data.definitions
    .filter(d => store.flagById(d.flagId).workspaceId === ws.id && referencedSegments(d.body).includes(segment.name))
    .map(d => `${store.flagById(d.flagId).name} (${store.environment(d.environmentId).name})`);
  if (users.length > 0) throw conflict(`Segment ${segment.name} is used by feature flag definitions ${users.join(', ')}; remove it from them first`);
  const ruleBased = (store.data.ruleBasedSegmentEnvironments ?? []).filter(e => referencedStandard(e.body).includes(segment.name))
    .map(e => `${(store.data.ruleBasedSegments ?? []).find(r => r.id === e.segmentId)!.name} (${store.environment(e.environmentId).name})`);
  if (ruleBased.length > 0) throw conflict(`Segment ${segment.name} is used by rule-based segments ${ruleBased.join(', ')}; remove it from them first`);
  store.data.segmentEnvironments = store.data.segmentEnvironments.filter(se => se.segmentId !== segment.id);
  store.data.segments = store.data.segments.filter(s => s !== segment);
  store.changed();
  return true;
}

/** `/segments/{env}/{name}`: the environment is found first, then the segment in its workspace. */
function envTarget(req: AdminRequest): { store: Store; env: EnvironmentRecord; segment: SegmentRecord } {
  const store = req.store;
  const env = resolve.environmentAnywhere(store, req.params.env);
  const ws = resolve.workspace(store, env.workspaceId);
  return { store, env, segment: resolve.segment(store, ws, req.params.name) };
}

function activated(store: Store, segment: SegmentRecord, env: EnvironmentRecord): SegmentEnvironmentRecord {
  const se = store.findSegmentEnvironment(segment.id, env.id);
  if (!se) throw notFound(`Segment ${segment.name} is not defined in environment ${env.name}; activate it with POST /segments/${env.id}/${segment.name}`);
  return se;
}

/**
 * The segment in the environment for a key call: 404 when it is not activated there, and also
 * (`strict` only) for the first `ACTIVATION_LAG_KEY_CALLS` key calls after its activation.
 */
export function visibleForKeys(store: Store, segment: SegmentRecord, env: EnvironmentRecord): SegmentEnvironmentRecord {
  const se = activated(store, segment, env);
  const left = notYetVisible.get(se) ?? 0;
  if (left > 0) {
    if (left === 1) notYetVisible.delete(se);
    else notYetVisible.set(se, left - 1);
    throw notFound(`Segment ${segment.name} is not defined in environment ${env.name}`);
  }
  return se;
}

function activateSegment(req: AdminRequest): unknown {
  const { store, env, segment } = envTarget(req);
  if (store.findSegmentEnvironment(segment.id, env.id)) throw conflict(`Segment ${segment.name} is already defined in environment ${env.name}`);
  const now = Date.now();
  const se: SegmentEnvironmentRecord = {
    segmentId: segment.id,
    environmentId: env.id,
    keys: [],
    removedKeys: [],
    creationTime: now,
    lastUpdateTime: now,
    changeNumber: store.nextChangeNumber(env),
  };
  store.data.segmentEnvironments.push(se);
  if (req.strictness === 'strict') notYetVisible.set(se, ACTIVATION_LAG_KEY_CALLS);
  store.changed();
  return { name: segment.name, environment: { id: env.id, name: env.name }, trafficType: segmentView(store, segment).trafficType, creationTime: now };
}

/** FME requires an empty segment to deactivate it (docs/fme-api.md#segments). */
function deactivateSegment(req: AdminRequest): unknown {
  const { store, env, segment } = envTarget(req);
  const se = activated(store, segment, env);
  if (se.keys.length > 0) throw badRequest(`Segment ${segment.name} still has ${se.keys.length} keys in environment ${env.name}; remove them first`);
  store.data.segmentEnvironments = store.data.segmentEnvironments.filter(x => x !== se);
  store.changed();
  return true;
}

function getKeys(req: AdminRequest): unknown {
  const { store, env, segment } = envTarget(req);
  const se = visibleForKeys(store, segment, env);
  const { offset, limit } = pageParams(req.query, 100);
  const open = store.data.changeRequests.find(cr => isPending(cr) && cr.environmentId === env.id && cr.segment?.name === segment.name);
  return {
    keys: se.keys.slice(offset, offset + limit).map(key => ({ key })),
    openChangeRequestId: open ? open.id : null,
    count: se.keys.length,
    offset,
    limit,
  };
}

function keysBody(req: AdminRequest): { keys: string[]; title?: unknown; comment?: unknown } {
  const body = req.json();
  // The documented body is {keys, comment}; a bare array is accepted too (older `upload` form).
  if (Array.isArray(body)) return { keys: requireStringList(body, 'keys', { allowEmpty: true }) };
  const obj = requireObject(body, 'body');
  const keys = requireStringList(obj.keys, 'keys', { allowEmpty: true });
  if (keys.length > MAX_KEYS_PER_CALL) throw badRequest(`At most ${MAX_KEYS_PER_CALL} keys per call, got ${keys.length}`);
  return { keys, title: obj.title, comment: obj.comment };
}

function uploadKeys(req: AdminRequest): unknown {
  const { store, env, segment } = envTarget(req);
  const se = visibleForKeys(store, segment, env);
  const body = keysBody(req);
  requireDirectWrites(store, env);
  requireTitleAndComment(resolve.workspace(store, env.workspaceId), body.title ?? req.query.get('title'), body.comment ?? req.query.get('comment'));
  const replace = req.query.get('replace') === 'true';
  applyKeyChange(store, env, se, body.keys, replace ? 'replace' : 'add');
  return segmentInEnvironmentView(store, segment, se);
}

function removeKeys(req: AdminRequest): unknown {
  const { store, env, segment } = envTarget(req);
  const se = visibleForKeys(store, segment, env);
  const body = keysBody(req);
  requireDirectWrites(store, env);
  requireTitleAndComment(resolve.workspace(store, env.workspaceId), body.title ?? req.query.get('title'), body.comment ?? req.query.get('comment'));
  const removed = applyKeyChange(store, env, se, body.keys, 'remove');
  return { code: 200, message: `Deleted ${removed} keys`, details: null, transactionId: null };
}

/**
 * Applies a key change in an environment and returns how many keys it removed. Removed keys
 * are remembered so SDKs that hold them get them in `removed`.
 */
export function applyKeyChange(store: Store, env: EnvironmentRecord, se: SegmentEnvironmentRecord, keys: string[], mode: 'add' | 'replace' | 'remove'): number {
  const current = new Set(se.keys);
  let next: Set<string>;
  if (mode === 'add') {next = new Set([...current, ...keys]);} else if (mode === 'replace') {next = new Set(keys);} else {
    const removing = new Set(keys);
    next = new Set([...current].filter(k => !removing.has(k)));
  }
  if (next.size > MAX_KEYS_PER_SEGMENT) throw new ApiError(400, `A segment holds at most ${MAX_KEYS_PER_SEGMENT} keys; this change would make ${next.size}`);
  const removed = [...current].filter(k => !next.has(k));
  const removedSet = new Set([...se.removedKeys, ...removed]);
  for (const k of next) removedSet.delete(k);
  se.keys = [...next];
  se.removedKeys = [...removedSet];
  se.lastUpdateTime = Date.now();
  se.changeNumber = store.nextChangeNumber(env);
  store.changed();
  return removed.length;
}

