import { randomUUID } from 'crypto';
import { DefinitionRecord, EnvironmentRecord, FlagRecord, WorkspaceRecord } from '../data-model';
import { badRequest, conflict } from '../errors';
import { applyJsonPatch } from '../json-patch';
import { Store } from '../store';
import * as resolve from './resolve';
import { EmulatorStrictness } from '../types';
import { DefinitionContext } from '../validation/context';
import { WRITABLE_DEFINITION_FIELDS, dependsOn, patchableView, validateDefinition } from '../validation/definition';

/**
 * Definition writes, shared by the direct endpoints and change-request approval. Each one
 * validates, stores, stamps a new SDK change number and schedules persistence.
 */

export function definitionContext(store: Store, ws: WorkspaceRecord, env: EnvironmentRecord, f: FlagRecord,
  strictness: EmulatorStrictness = 'strict'): DefinitionContext {
  return {
    flagName: f.name,
    strict: strictness === 'strict',
    segmentExists: name => store.findSegment(ws.id, name) !== undefined,
    flagSetExists: id => store.flagSets().some(s => s.workspaceId === ws.id && s.id === id),
    ruleBasedSegmentExists: name => (store.data.ruleBasedSegments ?? []).some(r => r.workspaceId === ws.id && r.name === name),
    largeSegmentExists: name => store.data.largeSegments.some(s => s.workspaceId === ws.id && s.name === name),
    flagTreatmentsInEnvironment: name => {
      const other = store.findFlag(ws.id, name);
      if (!other) return undefined;
      const d = store.findDefinition(other.id, env.id);
      return d ? d.body.treatments.map(t => t.name) : null;
    },
  };
}

export function createDefinition(store: Store, ws: WorkspaceRecord, env: EnvironmentRecord, f: FlagRecord, input: unknown,
  strictness: EmulatorStrictness = 'strict'): DefinitionRecord {
  if (store.findDefinition(f.id, env.id)) {
    throw conflict(`Feature flag ${f.name} already has a definition in environment ${env.name}; use PUT or PATCH to change it`);
  }
  // `killed` in a create body is a response-only field: ignored (docs/fme-api.md#definitions).
  const body = validateDefinition(input, definitionContext(store, ws, env, f, strictness), { killed: false, allowKilled: false });
  refusePrerequisiteCycle(store, env, f, body);
  const now = Date.now();
  const record: DefinitionRecord = {
    id: randomUUID(),
    flagId: f.id,
    environmentId: env.id,
    body,
    creationTime: now,
    lastUpdateTime: now,
    changeNumber: store.nextChangeNumber(env),
  };
  store.data.definitions.push(record);
  store.data.tombstones = store.data.tombstones.filter(t => !(t.environmentId === env.id && t.flagName === f.name));
  store.changed();
  return record;
}

export function replaceDefinition(store: Store, ws: WorkspaceRecord, env: EnvironmentRecord, f: FlagRecord, input: unknown,
  strictness: EmulatorStrictness = 'strict'): DefinitionRecord {
  const record = resolve.definition(store, f, env);
  const body = validateDefinition(input, definitionContext(store, ws, env, f, strictness), { killed: record.body.killed, allowKilled: false });
  keepDependentsValid(store, env, f, body, strictness);
  return save(store, env, record, body);
}

export function patchDefinition(store: Store, ws: WorkspaceRecord, env: EnvironmentRecord, f: FlagRecord, operations: unknown,
  strictness: EmulatorStrictness = 'strict'): DefinitionRecord {
  const record = resolve.definition(store, f, env);
  const patched = applyJsonPatch(patchableView(record.body), operations);
  if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw badRequest('The patched definition must be a JSON object');
  const unknown = Object.keys(patched).filter(k => !(WRITABLE_DEFINITION_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw badRequest(`The patched definition has fields FME does not accept: ${unknown.join(', ')}`);
  const body = validateDefinition(patched, definitionContext(store, ws, env, f, strictness), { killed: record.body.killed, allowKilled: true });
  keepDependentsValid(store, env, f, body, strictness);
  return save(store, env, record, body);
}

export function setKilled(store: Store, env: EnvironmentRecord, f: FlagRecord, killed: boolean): DefinitionRecord {
  const record = resolve.definition(store, f, env);
  return save(store, env, record, { ...record.body, killed });
}

/** Removes a definition; refused while another definition in the environment depends on it. */
export function removeDefinition(store: Store, env: EnvironmentRecord, f: FlagRecord): void {
  const record = resolve.definition(store, f, env);
  refuseWhileDependedOn(store, f, [env.id]);
  store.data.definitions = store.data.definitions.filter(d => d !== record);
  tombstone(store, env, f);
  store.changed();
}

/** IN_SPLIT and prerequisite dependents would answer `control` or their default without the flag: refuse, naming them. */
export function refuseWhileDependedOn(store: Store, f: FlagRecord, environmentIds: string[]): void {
  const dependents = store.data.definitions.filter(d => environmentIds.includes(d.environmentId) && d.flagId !== f.id && dependsOn(d.body, f.name));
  if (dependents.length > 0) {
    const names = dependents.map(d => `${store.flagById(d.flagId).name} (${store.environment(d.environmentId).name})`);
    throw conflict(`Feature flag ${f.name} cannot be removed: ${names.join(', ')} depend(s) on it through IN_SPLIT or as a prerequisite; remove that dependency first`);
  }
}

/**
 * A definition may not drop a treatment that another flag's IN_SPLIT rule in the same
 * environment depends on: that rule would silently never match.
 */
function keepDependentsValid(store: Store, env: EnvironmentRecord, f: FlagRecord, body: DefinitionRecord['body'], strictness: EmulatorStrictness): void {
  const names = new Set(body.treatments.map(t => t.name));
  for (const d of store.data.definitions) {
    if (d.environmentId !== env.id || d.flagId === f.id) continue;
    for (const rule of d.body.rules) {
      for (const m of rule.condition.matchers) {
        if (m.type !== 'IN_SPLIT' || m.depends?.splitName !== f.name) continue;
        const wanted = [...(m.depends.treatment ? [m.depends.treatment] : []), ...(m.depends.treatments ?? [])];
        const missing = wanted.filter(t => !names.has(t));
        if (missing.length > 0) {
          throw badRequest(`Treatment(s) ${missing.join(', ')} of ${f.name} are used by an IN_SPLIT rule of ${store.flagById(d.flagId).name} in ${env.name}; change that rule first`);
        }
      }
    }
    // Prerequisites that name a treatment the flag drops (strict only, as their treatment check is).
    for (const p of strictness === 'strict' ? d.body.prerequisites ?? [] : []) {
      const missing = p.flagName === f.name ? p.treatments.filter(t => !names.has(t)) : [];
      if (missing.length > 0) {
        throw badRequest(`Treatment(s) ${missing.join(', ')} of ${f.name} are prerequisites of ${store.flagById(d.flagId).name} in ${env.name}; change that prerequisite first`);
      }
    }
  }
  refusePrerequisiteCycle(store, env, f, body);
}

/**
 * A flag may not reach itself through prerequisites and IN_SPLIT rules in one environment: SDKs
 * would evaluate it forever (the library refuses the same at synth, docs/rules.md#dependencies).
 * Only cycles with at least one prerequisite are refused, so IN_SPLIT-only graphs behave as before.
 */
function refusePrerequisiteCycle(store: Store, env: EnvironmentRecord, f: FlagRecord, body: DefinitionRecord['body']): void {
  type Edge = { readonly to: string; readonly prerequisite: boolean };
  const edgesOf = (b: DefinitionRecord['body']): Edge[] => [
    ...(b.prerequisites ?? []).map(p => ({ to: p.flagName, prerequisite: true })),
    ...b.rules.flatMap(r => r.condition.matchers.flatMap(m => (m.type === 'IN_SPLIT' && m.depends ? [{ to: m.depends.splitName, prerequisite: false }] : []))),
  ];
  const bodyOf = (name: string): DefinitionRecord['body'] | undefined => {
    const other = store.findFlag(f.workspaceId, name);
    return other ? store.findDefinition(other.id, env.id)?.body : undefined;
  };
  // States are (flag, whether a prerequisite edge was used on the way), so each is visited once.
  const seen = new Set<string>();
  const walk = (edge: Edge, path: string[], viaPrerequisite: boolean): void => {
    const used = viaPrerequisite || edge.prerequisite;
    if (edge.to === f.name) {
      if (used) throw badRequest(`Prerequisites of ${f.name} in ${env.name} make a cycle: ${[f.name, ...path].join(' -> ')}; remove one`);
      return;
    }
    const key = `${edge.to}\u0000${used}`;
    if (seen.has(key)) return;
    seen.add(key);
    const b = bodyOf(edge.to);
    for (const next of b ? edgesOf(b) : []) walk(next, [...path, next.to], used);
  };
  for (const edge of edgesOf(body)) walk(edge, [edge.to], false);
}

/** Records the removal so SDKs that synced the flag receive it once as ARCHIVED. */
export function tombstone(store: Store, env: EnvironmentRecord, f: FlagRecord): void {
  store.data.tombstones = store.data.tombstones.filter(t => !(t.environmentId === env.id && t.flagName === f.name));
  store.data.tombstones.push({
    environmentId: env.id, flagName: f.name, trafficTypeName: store.trafficType(f.trafficTypeId).name, changeNumber: store.nextChangeNumber(env),
  });
}

function save(store: Store, env: EnvironmentRecord, record: DefinitionRecord, body: DefinitionRecord['body']): DefinitionRecord {
  record.body = body;
  record.lastUpdateTime = Math.max(Date.now(), record.creationTime);
  record.changeNumber = store.nextChangeNumber(env);
  store.changed();
  return record;
}
