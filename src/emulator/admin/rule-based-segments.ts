import {
  EnvironmentRecord, RuleBasedSegmentDefinitionBody, RuleBasedSegmentEnvironmentRecord, RuleBasedSegmentRecord, WorkspaceRecord,
} from '../data-model';
import { badRequest, conflict, notFound } from '../errors';
import { Router } from '../router';
import { Store } from '../store';
import { requireDirectWrites, requireTitleAndComment } from './guards';
import { AdminHandler, AdminRequest } from './request';
import { EmulatorStrictness } from '../types';
import * as resolve from './resolve';
import { newSegmentFields } from './segment-record';
import { requireObject } from '../validation/checks';
import { DefinitionContext } from '../validation/context';
import { referencedRuleBased, validateRuleBasedDefinition } from '../validation/rule-based-segment';


/**
 * Rule-based segments (docs/fme-api.md#rule-based-segments), as Split's Python and Go clients call
 * them: workspace routes, environment activation, and the definition per environment. List
 * responses are bare arrays (both clients read them so); the environment list is `{objects}`
 * (the Go client reads both).
 */
export function addRuleBasedSegmentRoutes(router: Router<AdminHandler>): void {
  router
    .add('POST', '/rule-based-segments/ws/:ws/trafficTypes/:tt', create)
    .add('GET', '/rule-based-segments/ws/:ws', req => {
      const ws = resolve.workspace(req.store, req.params.ws);
      return page(all(req.store).filter(s => s.workspaceId === ws.id).map(s => view(req.store, s)), req.query);
    })
    .add('GET', '/rule-based-segments/ws/:ws/environments/:env', req => {
      const ws = resolve.workspace(req.store, req.params.ws);
      const env = resolve.environment(req.store, ws, req.params.env);
      const items = environments(req.store).filter(e => e.environmentId === env.id)
        .map(e => definitionView(req.store, all(req.store).find(s => s.id === e.segmentId)!, e));
      return { objects: page(items, req.query), offset: Number(req.query.get('offset') ?? 0), limit: Number(req.query.get('limit') ?? 50), totalCount: items.length };
    })
    .add('PUT', '/rule-based-segments/ws/:ws/:name/environments/:env', update)
    .add('DELETE', '/rule-based-segments/ws/:ws/:name', remove)
    .add('POST', '/rule-based-segments/:env/:name', activate)
    .add('DELETE', '/rule-based-segments/:env/:name', deactivate);
}

export function all(store: Store): RuleBasedSegmentRecord[] {
  return (store.data.ruleBasedSegments ??= []);
}

export function environments(store: Store): RuleBasedSegmentEnvironmentRecord[] {
  return (store.data.ruleBasedSegmentEnvironments ??= []);
}

function page<T>(items: T[], query: URLSearchParams): T[] {
  const offset = Number(query.get('offset') ?? 0) || 0;
  const limit = Number(query.get('limit') ?? 50) || 50;
  return items.slice(offset, offset + limit);
}

export function find(store: Store, ws: WorkspaceRecord, name: string): RuleBasedSegmentRecord {
  const s = all(store).find(r => r.workspaceId === ws.id && r.name === name);
  if (!s) throw notFound(`Could not find rule-based segment ${name} in workspace ${ws.name}`);
  return s;
}

function view(store: Store, s: RuleBasedSegmentRecord): Record<string, unknown> {
  const tt = store.trafficType(s.trafficTypeId);
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    status: 'ACTIVE',
    trafficTypeId: tt.id,
    trafficType: { id: tt.id, name: tt.name },
    workspaceIds: [s.workspaceId],
    creationTime: s.creationTime,
  };
}

function definitionView(store: Store, s: RuleBasedSegmentRecord, e: RuleBasedSegmentEnvironmentRecord): Record<string, unknown> {
  const tt = store.trafficType(s.trafficTypeId);
  const env = store.environment(e.environmentId);
  return {
    name: s.name,
    environment: { id: env.id, name: env.name },
    trafficType: { id: tt.id, name: tt.name },
    creationTime: e.creationTime,
    ...JSON.parse(JSON.stringify(e.body)) as RuleBasedSegmentDefinitionBody,
  };
}

function create(req: AdminRequest): unknown {
  const store = req.store;
  // Names are shared with standard segments: a flag's matcher could not tell them apart otherwise (UNCONFIRMED, README.md).
  const taken = (ws: string, name: string) =>
    all(store).some(s => s.workspaceId === ws && s.name === name) || store.findSegment(ws, name) !== undefined;
  const record: RuleBasedSegmentRecord = newSegmentFields(req, 'Rule-based segment', taken);
  all(store).push(record);
  store.changed();
  return view(store, record);
}

/** Flags and rule-based segments whose definitions name `name` (optionally in one environment). */
function users(store: Store, ws: WorkspaceRecord, name: string, env?: EnvironmentRecord): string[] {
  const flags = store.data.definitions
    .filter(d => (!env || d.environmentId === env.id) && store.flagById(d.flagId).workspaceId === ws.id
      && d.body.rules.some(r => r.condition.matchers.some(m => m.type === 'IN_RULE_BASED_SEGMENT' && m.string === name)))
    .map(d => `feature flag ${store.flagById(d.flagId).name} (${store.environment(d.environmentId).name})`);
  const segments = environments(store)
    .filter(e => (!env || e.environmentId === env.id) && referencedRuleBased(e.body).includes(name))
    .map(e => `rule-based segment ${all(store).find(s => s.id === e.segmentId)!.name} (${store.environment(e.environmentId).name})`);
  return [...flags, ...segments];
}

function remove(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const segment = find(store, ws, req.params.name);
  const using = users(store, ws, segment.name);
  if (using.length > 0) throw conflict(`Rule-based segment ${segment.name} is used by ${using.join(', ')}; remove it from them first`);
  for (const e of environments(store).filter(x => x.segmentId === segment.id)) tombstone(store, segment, e);
  store.data.ruleBasedSegmentEnvironments = environments(store).filter(e => e.segmentId !== segment.id);
  store.data.ruleBasedSegments = all(store).filter(s => s !== segment);
  store.changed();
  return true;
}

function tombstone(store: Store, segment: RuleBasedSegmentRecord, e: RuleBasedSegmentEnvironmentRecord): void {
  const env = store.environment(e.environmentId);
  (store.data.ruleBasedTombstones ??= []).push({
    environmentId: env.id,
    name: segment.name,
    trafficTypeName: store.trafficType(segment.trafficTypeId).name,
    changeNumber: store.nextChangeNumber(env),
  });
}

function envTarget(req: AdminRequest): { store: Store; env: EnvironmentRecord; ws: WorkspaceRecord; segment: RuleBasedSegmentRecord } {
  const store = req.store;
  const env = resolve.environmentAnywhere(store, req.params.env);
  const ws = resolve.workspace(store, env.workspaceId);
  return { store, env, ws, segment: find(store, ws, req.params.name) };
}

/** Activation creates an empty definition (no rules: no key is in it); it needs no change request. */
function activate(req: AdminRequest): unknown {
  const { store, env, segment } = envTarget(req);
  if (environments(store).some(e => e.segmentId === segment.id && e.environmentId === env.id)) {
    throw conflict(`Rule-based segment ${segment.name} is already defined in environment ${env.name}`);
  }
  const now = Date.now();
  const record: RuleBasedSegmentEnvironmentRecord = {
    segmentId: segment.id,
    environmentId: env.id,
    body: { rules: [], excludedKeys: [], excludedSegments: [] },
    creationTime: now,
    lastUpdateTime: now,
    changeNumber: store.nextChangeNumber(env),
  };
  environments(store).push(record);
  store.changed();
  return definitionView(store, segment, record);
}

function deactivate(req: AdminRequest): unknown {
  const { store, env, ws, segment } = envTarget(req);
  const record = environments(store).find(e => e.segmentId === segment.id && e.environmentId === env.id);
  if (!record) throw notFound(`Rule-based segment ${segment.name} is not defined in environment ${env.name}`);
  const using = users(store, ws, segment.name, env);
  if (using.length > 0) throw conflict(`Rule-based segment ${segment.name} is used by ${using.join(', ')}; remove it from them first`);
  tombstone(store, segment, record);
  store.data.ruleBasedSegmentEnvironments = environments(store).filter(e => e !== record);
  store.changed();
  return true;
}

export function ruleBasedContext(store: Store, ws: WorkspaceRecord, name: string, strictness: EmulatorStrictness): DefinitionContext {
  return {
    flagName: name,
    strict: strictness === 'strict',
    // A rule-based segment's definition has no flag sets.
    flagSetExists: () => false,
    segmentExists: n => store.findSegment(ws.id, n) !== undefined,
    ruleBasedSegmentExists: n => all(store).some(s => s.workspaceId === ws.id && s.name === n),
    // Large segments in rule-based segment rules are not supported (docs/fme-api.md#rule-based-segments).
    largeSegmentExists: () => false,
    // Flag dependencies inside a rule-based segment are unconfirmed: refused (README.md, fidelity table).
    flagTreatmentsInEnvironment: () => { throw badRequest('IN_SPLIT matchers are not accepted in rule-based segment rules'); },
  };
}

/** Replaces the definition; refused with 403 where the environment requires approvals. */
function update(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const env = resolve.environment(store, ws, req.params.env);
  const segment = find(store, ws, req.params.name);
  const input = requireObject(req.json(), 'rule-based segment definition');
  requireDirectWrites(store, env);
  requireTitleAndComment(ws, input.title, input.comment);
  const body = validateRuleBasedDefinition(input, segment.name, ruleBasedContext(store, ws, segment.name, req.strictness));
  return definitionView(store, segment, applyDefinition(store, ws, env, segment, body));
}

/** Stores a validated definition in an environment where the segment is active; refuses reference cycles. */
export function applyDefinition(
  store: Store, ws: WorkspaceRecord, env: EnvironmentRecord, segment: RuleBasedSegmentRecord, body: RuleBasedSegmentDefinitionBody,
): RuleBasedSegmentEnvironmentRecord {
  const record = environments(store).find(e => e.segmentId === segment.id && e.environmentId === env.id);
  if (!record) throw notFound(`Rule-based segment ${segment.name} is not defined in environment ${env.name}; activate it with POST /rule-based-segments/${env.id}/${segment.name}`);
  const cycle = reaches(store, ws, env, referencedRuleBased(body), segment.name, new Set());
  if (cycle) throw badRequest(`Rule-based segment ${segment.name} would contain itself through ${cycle}`);
  record.body = body;
  record.lastUpdateTime = Date.now();
  record.changeNumber = store.nextChangeNumber(env);
  store.changed();
  return record;
}

function reaches(store: Store, ws: WorkspaceRecord, env: EnvironmentRecord, names: string[], target: string, seen: Set<string>): string | undefined {
  for (const n of names) {
    if (n === target) return n;
    if (seen.has(n)) continue;
    seen.add(n);
    const other = all(store).find(s => s.workspaceId === ws.id && s.name === n);
    const e = other && environments(store).find(x => x.segmentId === other.id && x.environmentId === env.id);
    const deeper = e && reaches(store, ws, env, referencedRuleBased(e.body), target, seen);
    if (deeper) return `${n} -> ${deeper}`;
  }
  return undefined;
}
