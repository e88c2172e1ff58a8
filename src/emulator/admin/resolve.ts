import {
  DefinitionRecord, EnvironmentRecord, FlagRecord, SegmentRecord, TrafficTypeRecord, WorkspaceRecord,
} from '../data-model';
import { notFound } from '../errors';
import { Store } from '../store';

/**
 * Path parameters accept a name or an id (docs/fme-api.md#requests-and-paths). Missing objects are 404s
 * whose message names what was looked for.
 */

export function workspace(store: Store, idOrName: string): WorkspaceRecord {
  const ws = store.data.workspaces.find(w => w.id === idOrName) ?? store.data.workspaces.find(w => w.name === idOrName);
  if (!ws) throw notFound(`Could not find workspace ${idOrName}`);
  return ws;
}

export function environment(store: Store, ws: WorkspaceRecord, idOrName: string): EnvironmentRecord {
  const envs = store.data.environments.filter(e => e.workspaceId === ws.id);
  const env = envs.find(e => e.id === idOrName) ?? envs.find(e => e.name === idOrName);
  if (!env) throw notFound(`Could not find environment ${idOrName} in workspace ${ws.name}`);
  return env;
}

/** Environment-level segment routes (`/segments/{envId}/…`) carry no workspace. */
export function environmentAnywhere(store: Store, idOrName: string): EnvironmentRecord {
  const env = store.data.environments.find(e => e.id === idOrName) ?? store.data.environments.find(e => e.name === idOrName);
  if (!env) throw notFound(`Could not find environment ${idOrName}`);
  return env;
}

export function trafficType(store: Store, ws: WorkspaceRecord, idOrName: string): TrafficTypeRecord {
  const types = store.data.trafficTypes.filter(t => t.workspaceId === ws.id);
  const tt = types.find(t => t.id === idOrName) ?? types.find(t => t.name === idOrName);
  if (!tt) throw notFound(`Could not find traffic type ${idOrName} in workspace ${ws.name}`);
  return tt;
}

export function flag(store: Store, ws: WorkspaceRecord, nameOrId: string): FlagRecord {
  const f = store.findFlag(ws.id, nameOrId) ?? store.data.flags.find(x => x.workspaceId === ws.id && x.id === nameOrId);
  if (!f) throw notFound(`Could not find split ${nameOrId} in workspace ${ws.name}`);
  return f;
}

export function definition(store: Store, f: FlagRecord, env: EnvironmentRecord): DefinitionRecord {
  const d = store.findDefinition(f.id, env.id);
  if (!d) throw notFound(`Could not find splitmetadata for split ${f.name} in environment ${env.name}`);
  return d;
}

export function segment(store: Store, ws: WorkspaceRecord, name: string): SegmentRecord {
  const s = store.findSegment(ws.id, name);
  if (!s) throw notFound(`Could not find segment ${name} in workspace ${ws.name}`);
  return s;
}
