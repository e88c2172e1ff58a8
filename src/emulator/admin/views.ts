import {
  ChangeRequestRecord, DefinitionRecord, EnvironmentRecord, FlagRecord, SegmentEnvironmentRecord, SegmentRecord,
  TrafficTypeRecord, WorkspaceRecord,
} from '../data-model';
import { sdkKeyForEnvironment } from '../sdk-keys';
import { Store } from '../store';

/** JSON shapes the Admin API answers with (docs/fme-api.md, Workspaces to Segments). */

export function workspaceView(ws: WorkspaceRecord): Record<string, unknown> {
  return { name: ws.name, type: 'workspace', id: ws.id, requiresTitleAndComments: ws.requiresTitleAndComments };
}

export function environmentView(env: EnvironmentRecord, orgId: string): Record<string, unknown> {
  return {
    name: env.name,
    id: env.id,
    production: env.production,
    creationTime: env.creationTime,
    orgId,
    workspaceIds: [env.workspaceId],
    changePermissions: { allowKills: true, areApprovalsRequired: env.approvalsRequired, areApproversRestricted: false, approvers: [] },
    apiTokens: [{ id: sdkKeyForEnvironment(env), name: `${env.name} server-side SDK key`, type: 'server_side' }],
  };
}

export function trafficTypeView(tt: TrafficTypeRecord): Record<string, unknown> {
  return { id: tt.id, name: tt.name, type: 'trafficType', displayAttributeId: null, workspace: { id: tt.workspaceId, type: 'workspace' } };
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
  };
}

export function definitionView(store: Store, d: DefinitionRecord): Record<string, unknown> {
  const f = store.flagById(d.flagId);
  const env = store.environment(d.environmentId);
  const tt = store.trafficType(f.trafficTypeId);
  const open = store.data.changeRequests.find(cr => cr.status === 'REQUESTED' && cr.environmentId === env.id && cr.split?.name === f.name);
  return {
    id: d.id,
    name: f.name,
    environment: { id: env.id, name: env.name },
    trafficType: { id: tt.id, name: tt.name },
    ...JSON.parse(JSON.stringify(d.body)),
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
    workspace: { id: cr.workspaceId, type: 'workspace' },
    environment: { id: cr.environmentId, name: store.environment(cr.environmentId)?.name },
    approvers: cr.approvers,
    comments: cr.comments,
    rolloutStatus: status ? { id: status.id, name: status.name } : null,
    rolloutStatusTimestamp: status ? cr.lastUpdateTime : null,
    creationTime: cr.creationTime,
    lastUpdateTime: cr.lastUpdateTime,
  };
}
