import { randomUUID } from 'crypto';
import { FlagRecord } from '../data-model';
import { badRequest, conflict } from '../errors';
import { applyJsonPatch } from '../json-patch';
import { Router } from '../router';
import { refuseWhileDependedOn, tombstone } from './definition-ops';
import { offsetPage } from './paging';
import { AdminHandler, AdminRequest } from './request';
import * as resolve from './resolve';
import { conflictUnlessLenient } from './strictness';
import { flagView } from './views';
import { isObject, optionalString, requireArray, requireObject, requireString } from '../validation/checks';

/** Flag names as FME accepts them. */
const FLAG_NAME = /^[a-zA-Z][-_a-zA-Z0-9]{0,99}$/;

/** Feature flag metadata (docs/fme-api.md#flags). */
export function addFlagRoutes(router: Router<AdminHandler>): void {
  router
    .add('POST', '/splits/ws/:ws/trafficTypes/:tt', createFlag)
    .add('GET', '/splits/ws/:ws', listFlags)
    .add('GET', '/splits/ws/:ws/:flag', req => {
      const ws = resolve.workspace(req.store, req.params.ws);
      return flagView(req.store, resolve.flag(req.store, ws, req.params.flag));
    })
    .add('POST', '/splits/ws/:ws/:flag/archive', archiveFlag)
    .add('POST', '/splits/ws/:ws/:flag/unarchive', unarchiveFlag)
    .add('PATCH', '/splits/ws/:ws/:flag', patchFlag)
    .add('PUT', '/splits/ws/:ws/:flag/updateDescription', updateDescription)
    .add('DELETE', '/splits/ws/:ws/:flag', deleteFlag);
}

function createFlag(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const tt = resolve.trafficType(store, ws, req.params.tt);
  const body = requireObject(req.json(), 'feature flag');
  const name = requireString(body.name, 'name');
  if (!FLAG_NAME.test(name)) {
    throw badRequest(`Feature flag name '${name}' is invalid: start with a letter; letters, digits, '-' and '_' only; at most 100 characters`);
  }
  if (store.findFlag(ws.id, name)) throw conflict(`Feature flag ${name} already exists in workspace ${ws.name}`);
  const description = optionalString(body.description, 'description') ?? '';
  const now = Date.now();
  const flag: FlagRecord = {
    id: randomUUID(),
    workspaceId: ws.id,
    name,
    description,
    trafficTypeId: tt.id,
    rolloutStatusId: store.data.rolloutStatuses.find(r => r.workspaceId === ws.id)!.id,
    rolloutStatusTimestamp: now,
    tags: null,
    owners: [],
    creationTime: now,
    lastUpdateTime: now,
  };
  store.data.flags.push(flag);
  store.changed();
  return flagView(store, flag);
}

function listFlags(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const name = req.query.get('name');
  const tags = req.query.getAll('tag');
  const status = req.query.get('rolloutStatus');
  const flags = store.data.flags
    .filter(f => f.workspaceId === ws.id)
    .filter(f => name === null || f.name === name)
    .filter(f => tags.length === 0 || tags.some(t => (f.tags ?? []).includes(t)))
    .filter(f => status === null || f.rolloutStatusId === status)
    .map(f => flagView(store, f));
  return offsetPage(flags, req.query);
}

/**
 * JSON Patch on `{description, tags, rolloutStatus}` (owners are refused). Tags may be `{name}`, URN
 * `{type: 'Tag', name}` or plain strings; the rollout status may be patched by id
 * (`/rolloutStatus/id`) or by name (URN `{type: 'RolloutStatus', name}`, as Harness steps do).
 */
function patchFlag(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const f = resolve.flag(store, ws, req.params.flag);
  const status = store.data.rolloutStatuses.find(r => r.id === f.rolloutStatusId);
  const view = {
    name: f.name,
    description: f.description,
    tags: (f.tags ?? []).map(name => ({ name })),
    rolloutStatus: status ? { id: status.id, name: status.name } : {},
  };
  // The v2 PATCH documents description, tags and rollout status only; owners are not patchable
  // there (docs/fme-api.md#owners). A patch is applied as a unit, so one such op refuses it all.
  const ops = req.json();
  const ownerOp = Array.isArray(ops) ? ops.find(op => isObject(op) && typeof op.path === 'string' && /^\/owners(\/|$)/.test(op.path)) : undefined;
  if (ownerOp) throw badRequest('Only description, tags and rolloutStatus can be patched; owners cannot be changed through this endpoint');
  const patched = applyJsonPatch<Record<string, unknown>>(view, ops);
  const allowed = ['name', 'description', 'tags', 'rolloutStatus'];
  const extra = Object.keys(patched).filter(k => !allowed.includes(k));
  if (extra.length > 0) throw badRequest(`Only description, tags and rolloutStatus can be patched; not ${extra.join(', ')}`);
  if (patched.name !== f.name) throw badRequest('A feature flag cannot be renamed');
  const description = patched.description === undefined || patched.description === null ? '' : patched.description;
  if (typeof description !== 'string') throw badRequest('description must be a string');
  const tags = normalizeTags(patched.tags === undefined || patched.tags === null ? [] : patched.tags);
  const newStatus = resolveRolloutStatus(req, ws.id, patched.rolloutStatus, status?.id);

  const now = Date.now();
  if (newStatus !== f.rolloutStatusId) {
    f.rolloutStatusId = newStatus;
    f.rolloutStatusTimestamp = now;
  }
  f.description = description;
  f.tags = tags;
  f.lastUpdateTime = now;
  store.changed();
  return flagView(store, f);
}

export function normalizeTags(value: unknown): string[] {
  const list = requireArray(value, 'tags');
  const names = list.map((t, i) => {
    if (typeof t === 'string') return requireString(t, `tags[${i}]`);
    if (isObject(t)) return requireString(t.name, `tags[${i}].name`);
    throw badRequest(`tags[${i}] must be a tag name or {name}`);
  });
  return [...new Set(names)];
}

function resolveRolloutStatus(req: AdminRequest, workspaceId: string, value: unknown, current: string | undefined): string {
  const statuses = req.store.data.rolloutStatuses.filter(r => r.workspaceId === workspaceId);
  if (!isObject(value)) throw badRequest('rolloutStatus must be an object {id} or {type: "RolloutStatus", name}');
  if (typeof value.id === 'string' && value.id !== current) {
    const byId = statuses.find(s => s.id === value.id);
    if (!byId) throw badRequest(`Rollout status id '${value.id}' does not exist; GET /rolloutStatuses?wsId= lists them`);
    return byId.id;
  }
  if (typeof value.name === 'string') {
    const byName = statuses.find(s => s.name === value.name);
    if (!byName) throw badRequest(`Rollout status '${value.name}' does not exist (${statuses.map(s => s.name).join(', ')})`);
    return byName.id;
  }
  if (typeof value.id === 'string') return value.id;
  throw badRequest('rolloutStatus needs an id or a name');
}

/** The body is the description: a JSON string (python client) or raw text (Go client). */
function updateDescription(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const f = resolve.flag(store, ws, req.params.flag);
  let description = req.rawBody;
  try {
    const parsed: unknown = JSON.parse(req.rawBody);
    if (typeof parsed === 'string') description = parsed;
  } catch {
    // raw text
  }
  f.description = description;
  f.lastUpdateTime = Date.now();
  store.changed();
  return flagView(store, f);
}

/** Deletes the flag and, cascading, its definitions in every environment (the documented reading). */
function deleteFlag(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const f = resolve.flag(store, ws, req.params.flag);
  const envIds = store.data.environments.filter(e => e.workspaceId === ws.id).map(e => e.id);
  refuseWhileDependedOn(store, f, envIds);
  for (const d of store.data.definitions.filter(x => x.flagId === f.id)) tombstone(store, store.environment(d.environmentId), f);
  store.data.definitions = store.data.definitions.filter(d => d.flagId !== f.id);
  store.data.flags = store.data.flags.filter(x => x !== f);
  store.changed();
  return true;
}

/**
 * Archives a flag (docs/fme-api.md#archive-and-unarchive): its definitions stay stored, and SDKs get
 * each again as ARCHIVED (a new change number), so they answer `control`. Refused while another
 * flag depends on it (as a delete is; FME answers 409 on its policies and dependents).
 */
function archiveFlag(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const f = resolve.flag(store, ws, req.params.flag);
  if (f.archived) {
    conflictUnlessLenient(req, `Feature flag ${f.name} is already archived`);
    return flagView(store, f);
  }
  refuseWhileDependedOn(store, f, store.data.environments.filter(e => e.workspaceId === ws.id).map(e => e.id));
  setArchived(req, f, true);
  return flagView(store, f);
}

/** Unarchives a flag: SDKs get its stored definitions again as ACTIVE. */
function unarchiveFlag(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const f = resolve.flag(store, ws, req.params.flag);
  if (!f.archived) {
    conflictUnlessLenient(req, `Feature flag ${f.name} is not archived`);
    return flagView(store, f);
  }
  setArchived(req, f, false);
  return flagView(store, f);
}

function setArchived(req: AdminRequest, f: FlagRecord, archived: boolean): void {
  const store = req.store;
  f.archived = archived;
  f.lastUpdateTime = Date.now();
  for (const d of store.data.definitions.filter(x => x.flagId === f.id)) d.changeNumber = store.nextChangeNumber(store.environment(d.environmentId));
  store.changed();
}

/**
 * Whether FME refuses definition changes (direct or through change requests) on an archived flag
 * is unconfirmed (README.md, "Fidelity"): `strict` refuses them with 409, `lenient` accepts them.
 */
export function refuseWhileArchived(req: AdminRequest, f: FlagRecord): void {
  if (f.archived && req.strictness === 'strict') {
    throw conflict(`Feature flag ${f.name} is archived; unarchive it (POST /splits/ws/{wsId}/${f.name}/unarchive) before changing its definitions`);
  }
}
