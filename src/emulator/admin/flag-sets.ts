import { randomUUID } from 'crypto';
import { DefinitionBody, FlagSetRecord } from '../data-model';
import { badRequest, conflict, notFound } from '../errors';
import { Router } from '../router';
import { Store } from '../store';
import { AdminHandler, AdminRequest } from './request';
import * as resolve from './resolve';
import { optionalString, requireObject, requireString } from '../validation/checks';

/**
 * FME's flag-set name rule as SDKs and Harness's Terraform provider check it
 * (docs/fme-api.md#flag-sets): a lower-case letter or digit, then lower-case letters, digits and
 * `_`, at most 50 characters.
 */
export const FLAG_SET_NAME = /^[a-z0-9][_a-z0-9]{0,49}$/;
/** Page size when `limit` is absent, and the largest one served (both public clients ask for 200). */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

/**
 * Flag sets, Admin API v3 (docs/fme-api.md#flag-sets), relative to `/internal/api/v3` and
 * `/api/v3` (public clients disagree on the prefix; the emulator serves both).
 */
export function addFlagSetRoutes(router: Router<AdminHandler>): void {
  router
    .add('GET', '/flag-sets', listFlagSets)
    .add('POST', '/flag-sets', createFlagSet)
    .add('GET', '/flag-sets/:id', req => flagSetView(byId(req)))
    .add('DELETE', '/flag-sets/:id', deleteFlagSet);
}

/** The v3 answer for one flag set. */
export function flagSetView(s: FlagSetRecord): Record<string, unknown> {
  return { id: s.id, name: s.name, description: s.description, workspace: { id: s.workspaceId, type: 'workspace' }, createdAt: s.creationTime };
}

function byId(req: AdminRequest): FlagSetRecord {
  const found = req.store.flagSets().find(s => s.id === req.params.id);
  if (!found) throw notFound(`Could not find flag set ${req.params.id}`);
  return found;
}

/**
 * Marker paging `{objects, nextMarker, previousMarker}` with `limit`, `after`, `before`; markers are
 * opaque to clients (here: the position, base64url-encoded).
 */
function listFlagSets(req: AdminRequest): unknown {
  const wsParam = req.query.get('workspace_id');
  if (wsParam === null || wsParam === '') throw badRequest('workspace_id is required');
  const ws = resolve.workspace(req.store, wsParam);
  const all = req.store.flagSets().filter(s => s.workspaceId === ws.id)
    .sort((a, b) => a.creationTime - b.creationTime || a.name.localeCompare(b.name));
  const rawLimit = Math.floor(Number(req.query.get('limit') ?? DEFAULT_LIMIT)) || DEFAULT_LIMIT;
  const limit = Math.min(Math.max(1, rawLimit), MAX_LIMIT);
  const after = req.query.get('after');
  const before = req.query.get('before');
  const start = after ? decodeMarker(after) : before ? Math.max(0, decodeMarker(before) - limit) : 0;
  const end = before && !after ? Math.min(decodeMarker(before), start + limit) : start + limit;
  return {
    objects: all.slice(start, end).map(flagSetView),
    nextMarker: end < all.length ? encodeMarker(end) : null,
    previousMarker: start > 0 ? encodeMarker(start) : null,
  };
}

function encodeMarker(position: number): string {
  return Buffer.from(String(position)).toString('base64url');
}

function decodeMarker(marker: string): number {
  const position = Number(Buffer.from(marker, 'base64url').toString());
  if (!Number.isInteger(position) || position < 0) throw badRequest(`Invalid marker ${marker}`);
  return position;
}

function createFlagSet(req: AdminRequest): unknown {
  const store = req.store;
  const body = requireObject(req.json(), 'flag set');
  const name = requireString(body.name, 'name');
  if (!FLAG_SET_NAME.test(name)) {
    throw badRequest(`Flag set name '${name}' is invalid: start with a lower-case letter or digit; lower-case letters, digits and '_' only; at most 50 characters`);
  }
  const workspace = requireObject(body.workspace, 'workspace');
  const ws = resolve.workspace(store, requireString(workspace.id, 'workspace.id'));
  if (store.findFlagSet(ws.id, name)) throw conflict(`Flag set ${name} already exists in workspace ${ws.name}`);
  const record: FlagSetRecord = {
    id: randomUUID(),
    workspaceId: ws.id,
    name,
    description: optionalString(body.description, 'description') ?? '',
    creationTime: Date.now(),
  };
  store.flagSets().push(record);
  store.changed();
  return flagSetView(record);
}

/**
 * Deleting a flag set that definitions still carry: what FME does is unconfirmed. `strict` refuses
 * (409, naming the definitions), so the handler must detach or wait; `lenient` detaches it from them
 * (each gets a new SDK change number). See README.md, "Flag sets fidelity".
 */
function deleteFlagSet(req: AdminRequest): unknown {
  const store = req.store;
  const set = byId(req);
  const users = store.data.definitions.filter(d => flagSetIdsOf(d.body).includes(set.id));
  if (users.length > 0 && req.strictness === 'strict') {
    const names = users.map(d => `${store.flagById(d.flagId).name} (${store.environment(d.environmentId).name})`);
    throw conflict(`Flag set ${set.name} is in use by feature flag definitions ${names.join(', ')}; remove it from them first`);
  }
  for (const d of users) {
    d.body = { ...d.body, flagSets: (d.body.flagSets ?? []).filter(ref => flagSetIdOf(ref) !== set.id) };
    d.changeNumber = store.nextChangeNumber(store.environment(d.environmentId));
  }
  store.data.flagSets = store.flagSets().filter(s => s !== set);
  store.changed();
  return true;
}

/** The id of one stored flag-set reference (`{id, type}`), undefined for a bare name. */
export function flagSetIdOf(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null && typeof (ref as { id?: unknown }).id === 'string' ? (ref as { id: string }).id : undefined;
}

export function flagSetIdsOf(body: DefinitionBody): string[] {
  return (body.flagSets ?? []).map(flagSetIdOf).filter((id): id is string => id !== undefined);
}

/** The names SDKs get for a definition's flag sets (bare names, as the testing kit passes them, stay). */
export function flagSetNamesOf(store: Store, body: DefinitionBody): string[] {
  const names = (body.flagSets ?? []).map(ref => {
    if (typeof ref === 'string') return ref;
    const id = flagSetIdOf(ref);
    return id === undefined ? undefined : store.flagSets().find(s => s.id === id)?.name;
  }).filter((n): n is string => n !== undefined && n.length > 0);
  return [...new Set(names)].sort();
}
