import { EnvironmentRecord, LargeSegmentEnvironmentRecord, LargeSegmentRecord, WorkspaceRecord } from '../data-model';
import { conflict, notFound } from '../errors';
import { Router } from '../router';
import { Store } from '../store';
import { AdminHandler, AdminRequest } from './request';
import * as resolve from './resolve';
import { newSegmentFields } from './segment-record';
import { referencedLargeSegments } from '../validation/definition';


/**
 * Large segments (docs/fme-api.md#large-segments), as Split's Python client
 * (`large_segment_microclient.py`, `large_segment_definition_microclient.py`) and Go client call
 * them. Keys change only through change requests (`change-requests.ts`, `large-segment-uploads.ts`).
 */
export function addLargeSegmentRoutes(router: Router<AdminHandler>): void {
  router
    .add('POST', '/large-segments/ws/:ws/trafficTypes/:tt', create)
    .add('GET', '/large-segments/ws/:ws', (req) => {
      const ws = resolve.workspace(req.store, req.params.ws);
      return req.store.data.largeSegments.filter((s) => s.workspaceId === ws.id).map((s) => largeSegmentView(req.store, s));
    })
    // A bare array, as the Python client reads it.
    .add('GET', '/large-segments/ws/:ws/environments/:env', (req) => {
      const ws = resolve.workspace(req.store, req.params.ws);
      const env = resolve.environment(req.store, ws, req.params.env);
      return req.store.data.largeSegmentEnvironments.filter((le) => le.environmentId === env.id).map((le) => {
        const s = req.store.data.largeSegments.find((x) => x.id === le.largeSegmentId)!;
        const tt = req.store.trafficType(s.trafficTypeId);
        const environment = { id: env.id, name: env.name };
        return { id: s.id, name: s.name, environment, trafficType: { id: tt.id, name: tt.name }, creationTime: le.creationTime };
      });
    })
    .add('GET', '/large-segments/ws/:ws/:name', (req) => {
      const ws = resolve.workspace(req.store, req.params.ws);
      return largeSegmentView(req.store, largeSegment(req.store, ws, req.params.name));
    })
    .add('DELETE', '/large-segments/ws/:ws/:name', remove)
    .add('POST', '/large-segments/:env/:name', activate)
    .add('DELETE', '/large-segments/:env/:name', deactivate);
}

export function largeSegment(store: Store, ws: WorkspaceRecord, name: string): LargeSegmentRecord {
  const s = store.data.largeSegments.find((x) => x.workspaceId === ws.id && x.name === name);
  if (!s) throw notFound(`Could not find large segment ${name} in workspace ${ws.name}`);
  return s;
}

export function largeSegmentEnvironment(store: Store, s: LargeSegmentRecord, env: EnvironmentRecord): LargeSegmentEnvironmentRecord {
  const le = store.data.largeSegmentEnvironments.find((x) => x.largeSegmentId === s.id && x.environmentId === env.id);
  if (!le) throw notFound(`Large segment ${s.name} is not defined in environment ${env.name}; add it with POST /large-segments/${env.id}/${s.name}`);
  return le;
}

/** The Python client's `LargeSegment` schema: name, description, trafficType, workspaceId, creationTime, tags. */
function largeSegmentView(store: Store, s: LargeSegmentRecord): Record<string, unknown> {
  const tt = store.trafficType(s.trafficTypeId);
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    trafficType: { id: tt.id, name: tt.name },
    workspaceId: s.workspaceId,
    creationTime: s.creationTime,
    tags: s.tags === null ? null : s.tags.map((name) => ({ name })),
  };
}

function create(req: AdminRequest): unknown {
  const store = req.store;
  const taken = (ws: string, name: string) => store.data.largeSegments.some((s) => s.workspaceId === ws && s.name === name);
  const s: LargeSegmentRecord = { ...newSegmentFields(req, 'Large segment', taken), tags: null };
  store.data.largeSegments.push(s);
  store.changed();
  return largeSegmentView(store, s);
}

/** As for segments: refused while a definition's `IN_LARGE_SEGMENT` matcher names it. Takes it out of every environment. */
function remove(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const s = largeSegment(store, ws, req.params.name);
  const users = store.data.definitions
    .filter((d) => store.flagById(d.flagId).workspaceId === ws.id && referencedLargeSegments(d.body).includes(s.name))
    .map((d) => `${store.flagById(d.flagId).name} (${store.environment(d.environmentId).name})`);
  if (users.length > 0) throw conflict(`Large segment ${s.name} is used by feature flag definitions ${users.join(', ')}; remove it from them first`);
  for (const le of store.data.largeSegmentEnvironments.filter((x) => x.largeSegmentId === s.id)) touch(store, store.environment(le.environmentId));
  store.data.largeSegmentEnvironments = store.data.largeSegmentEnvironments.filter((x) => x.largeSegmentId !== s.id);
  store.data.largeSegments = store.data.largeSegments.filter((x) => x !== s);
  store.changed();
  return true;
}

function envTarget(req: AdminRequest): { store: Store; env: EnvironmentRecord; segment: LargeSegmentRecord } {
  const store = req.store;
  const env = resolve.environmentAnywhere(store, req.params.env);
  return { store, env, segment: largeSegment(store, resolve.workspace(store, env.workspaceId), req.params.name) };
}

/** Defining it in an environment (empty) needs no change request, as for segments (unconfirmed for large segments). */
function activate(req: AdminRequest): unknown {
  const { store, env, segment } = envTarget(req);
  if (store.data.largeSegmentEnvironments.some((x) => x.largeSegmentId === segment.id && x.environmentId === env.id)) {
    throw conflict(`Large segment ${segment.name} is already defined in environment ${env.name}`);
  }
  const now = Date.now();
  store.data.largeSegmentEnvironments.push({ largeSegmentId: segment.id, environmentId: env.id, keys: [], creationTime: now, lastUpdateTime: now });
  store.changed();
  return { name: segment.name, environment: { id: env.id, name: env.name } };
}

/**
 * Removing it from an environment drops its keys there. Whether FME requires it empty first (as
 * for standard segments) is unconfirmed; no public client empties it first (README.md, "Large segments").
 */
function deactivate(req: AdminRequest): unknown {
  const { store, env, segment } = envTarget(req);
  const le = largeSegmentEnvironment(store, segment, env);
  store.data.largeSegmentEnvironments = store.data.largeSegmentEnvironments.filter((x) => x !== le);
  touch(store, env);
  store.changed();
  return true;
}

/** A membership change: client-side SDKs see a new change number in `/memberships`. */
export function touch(store: Store, env: EnvironmentRecord): void {
  store.nextChangeNumber(env);
}
