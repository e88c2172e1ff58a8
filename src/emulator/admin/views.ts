import {
  AttributeRecord, ChangeRequestRecord, DefinitionRecord, EnvironmentRecord, FlagRecord, SegmentEnvironmentRecord, SegmentRecord,
  TrafficTypeRecord, WorkspaceRecord,
} from '../data-model';
import { sdkKeyForEnvironment } from '../sdk-keys';
import { Store } from '../store';
import type { EmulatorStrictness } from '../types';
import { isPending } from './change-request-status';
import { isObject } from '../validation/checks';

/** JSON shapes the Admin API answers with (docs/fme-api.md, Workspaces to Segments). */

export function workspaceView(ws: WorkspaceRecord): Record<string, unknown> {
  return {
    name: ws.name,
    type: 'workspace',
    id: ws.id,
    requiresTitleAndComments: ws.requiresTitleAndComments,
    ...(ws.organizationIdentifier !== undefined
      ? { organizationIdentifier: ws.organizationIdentifier, projectIdentifier: ws.projectIdentifier } : {}),
  };
}

export function environmentView(env: EnvironmentRecord, orgId: string): Record<string, unknown> {
  return {
    name: env.name,
    id: env.id,
    production: env.production,
    creationTime: env.creationTime,
    orgId,
    workspaceIds: [env.workspaceId],
    changePermissions: {
      allowKills: true, areApprovalsRequired: env.approvalsRequired, areApproversRestricted: env.approversRestricted !== false, approvers: [],
    },
    apiTokens: [{ id: sdkKeyForEnvironment(env), name: `${env.name} server-side SDK key`, type: 'server_side' }],
  };
}

export function trafficTypeView(tt: TrafficTypeRecord): Record<string, unknown> {
  return { id: tt.id, name: tt.name, type: 'trafficType', displayAttributeId: null, workspace: { id: tt.workspaceId, type: 'workspace' } };
}

export function attributeView(orgId: string, tt: TrafficTypeRecord, a: AttributeRecord): Record<string, unknown> {
  return {
    id: a.id,
    organizationId: orgId,
    trafficTypeId: tt.id,
    displayName: a.displayName,
    description: a.description,
    dataType: a.dataType,
    isSearchable: false,
    suggestedValues: [],
  };
}

export function flagView(store: Store, f: FlagRecord): Record<string, unknown> {
  const tt = store.trafficType(f.trafficTypeId);
  const status = store.data.rolloutStatuses.find(r => r.id === f.rolloutStatusId);
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    trafficType: { id: tt.id, name: tt.name },
    creationTime: f.creationTime,
    lastUpdateTime: f.lastUpdateTime,
    rolloutStatus: status ? { id: status.id, name: status.name } : null,
    rolloutStatusTimestamp: f.rolloutStatusTimestamp,
    tags: f.tags === null ? null : f.tags.map(name => ({ name })),
    owners: f.owners,
    // How FME's GET shows an archived flag is unconfirmed (docs/fme-api.md#archive-and-unarchive).
    status: f.archived ? 'ARCHIVED' : 'ACTIVE',
  };
}

/**
 * Matcher and treatment fields a definition may leave out. Whether FME answers them as absent or
 * as `null` is unconfirmed (README.md, "Fidelity"): `strict` answers `null`, the harder case for a
 * client that compares live with desired.
 */
const MATCHER_FIELDS = ['attribute', 'string', 'strings', 'bool', 'number', 'date', 'between', 'depends'];
const TREATMENT_FIELDS = ['description', 'configurations', 'keys', 'segments'];

function withNulls(body: Record<string, unknown>): Record<string, unknown> {
  const fill = (o: unknown, fields: string[]) => {
    if (!isObject(o)) return;
    for (const field of fields) if (o[field] === undefined) o[field] = null;
  };
  for (const t of Array.isArray(body.treatments) ? body.treatments : []) fill(t, TREATMENT_FIELDS);
  for (const rule of Array.isArray(body.rules) ? body.rules : []) {
    const condition = isObject(rule) ? rule.condition : undefined;
    for (const m of isObject(condition) && Array.isArray(condition.matchers) ? condition.matchers : []) fill(m, MATCHER_FIELDS);
  }
  return body;
}

export function definitionView(store: Store, d: DefinitionRecord, strictness: EmulatorStrictness = 'lenient'): Record<string, unknown> {
  const f = store.flagById(d.flagId);
  const env = store.environment(d.environmentId);
  const tt = store.trafficType(f.trafficTypeId);
  const open = store.data.changeRequests.find(cr => isPending(cr) && cr.environmentId === env.id && cr.split?.name === f.name);
  return {
    id: d.id,
    name: f.name,
    environment: { id: env.id, name: env.name },
    trafficType: { id: tt.id, name: tt.name },
    ...(strictness === 'strict' ? withNulls(JSON.parse(JSON.stringify(d.body))) : JSON.parse(JSON.stringify(d.body))),
    creationTime: d.creationTime,
    lastUpdateTime: d.lastUpdateTime,
    lastTrafficReceivedAt: 0,
    ...(open ? { openChangeRequestId: open.id } : {}),
  };
}

export function segmentView(store: Store, s: SegmentRecord): Record<string, unknown> {
  const tt = store.trafficType(s.trafficTypeId);
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    trafficType: { id: tt.id, name: tt.name },
    creationTime: s.creationTime,
    tags: s.tags === null ? null : s.tags.map(name => ({ name })),
  };
}

export function segmentInEnvironmentView(store: Store, s: SegmentRecord, se: SegmentEnvironmentRecord): Record<string, unknown> {
  const tt = store.trafficType(s.trafficTypeId);
  const env = store.environment(se.environmentId);
  return {
    id: s.id,
    orgId: store.data.orgId,
    name: s.name,
    environment: { id: env.id, name: env.name },
    trafficType: { id: tt.id, name: tt.name },
    trafficTypeId: tt.id,
    trafficTypeURN: { type: 'TrafficType', id: tt.id, name: tt.name },
    description: s.description,
    status: 'ACTIVE',
    creationTime: se.creationTime,
    lastUpdateTime: se.lastUpdateTime,
  };
}

export function changeRequestView(store: Store, cr: ChangeRequestRecord): Record<string, unknown> {
  const status = cr.rolloutStatusId ? store.data.rolloutStatuses.find(r => r.id === cr.rolloutStatusId) : undefined;
  return {
    id: cr.id,
    status: cr.status,
    operationType: cr.operationType,
    title: cr.title,
    comment: cr.comment,
    split: cr.split ? { ...cr.split, openChangeRequestId: cr.id } : null,
    segment: cr.segment,
    ...(cr.ruleBasedSegment ? { ruleBasedSegment: cr.ruleBasedSegment } : {}),
    // The upload token is the URL's credential: only the submission's answer carries it.
    ...(cr.largeSegment ? { largeSegment: { name: cr.largeSegment.name } } : {}),
    workspace: { id: cr.workspaceId, type: 'workspace' },
    environment: { id: cr.environmentId, name: store.environment(cr.environmentId)?.name },
    approvers: cr.approvers,
    comments: cr.comments,
    rolloutStatus: status ? { id: status.id, name: status.name } : null,
    rolloutStatusTimestamp: status ? cr.lastUpdateTime : null,
    ...(cr.scheduledFor ? { scheduledFor: cr.scheduledFor, scheduledForTimezone: cr.scheduledForTimezone ?? 'UTC' } : {}),
    creationTime: cr.creationTime,
    lastUpdateTime: cr.lastUpdateTime,
  };
}
