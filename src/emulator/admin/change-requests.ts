import { randomUUID } from 'crypto';
import { ChangeRequestRecord, EnvironmentRecord, LargeSegmentChange, WorkspaceRecord } from '../data-model';
import { ApiError, badRequest, conflict, notFound } from '../errors';
import { Router } from '../router';
import { Store } from '../store';
import { EmulatorStrictness } from '../types';
import { awaitsDecision, isPending } from './change-request-status';
import {
  createDefinition, definitionContext, removeDefinition, replaceDefinition, setKilled,
} from './definition-ops';
import { refuseWhileArchived } from './flags';
import { requireApproversAllowed, requireTitleAndComment } from './guards';
import { applyLargeSegmentChange, checkLargeSegmentChange, transactionMetadata } from './large-segment-uploads';
import { AdminHandler, AdminRequest } from './request';
import * as resolve from './resolve';
import { applyDefinition, find as findRuleBased, ruleBasedContext } from './rule-based-segments';
import { applyKeyChange, visibleForKeys } from './segments';
import { changeRequestView } from './views';
import { isObject, optionalString, requireObject, requireString, requireStringList } from '../validation/checks';
import { validateDefinition } from '../validation/definition';
import { validateRuleBasedDefinition } from '../validation/rule-based-segment';

const FLAG_OPERATIONS = ['CREATE', 'UPDATE', 'KILL', 'RESTORE', 'ARCHIVE'];
/**
 * Segment operations documented by Harness (docs/fme-api.md#change-requests): CREATE adds the keys,
 * ARCHIVE removes them. UPDATE (replace the list) is not documented: only `lenient` accepts it.
 */
const SEGMENT_OPERATIONS = ['CREATE', 'ARCHIVE'];
const LENIENT_SEGMENT_OPERATIONS = [...SEGMENT_OPERATIONS, 'UPDATE'];
const MAX_CR_PAGE = 100;

/**
 * Change requests (docs/fme-api.md#change-requests): submitted by one admin key, approved by another,
 * which applies the change (status PUBLISHED); or rejected / withdrawn.
 */
export function addChangeRequestRoutes(router: Router<AdminHandler>): void {
  router
    .add('POST', '/changeRequests/ws/:ws/environments/:env', submit)
    .add('GET', '/changeRequests', list)
    .add('GET', '/changeRequests/:id', req => changeRequestView(req.store, find(req)))
    .add('PUT', '/changeRequests/:id', updateStatus);
}

function find(req: AdminRequest): ChangeRequestRecord {
  const cr = req.store.data.changeRequests.find(c => c.id === req.params.id);
  if (!cr) throw notFound(`Could not find change request ${req.params.id}`);
  return cr;
}

function submit(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const env = resolve.environment(store, ws, req.params.env);
  const body = requireObject(req.json(), 'change request');
  const operationType = requireString(body.operationType, 'operationType');
  const title = optionalString(body.title, 'title') ?? null;
  const comment = optionalString(body.comment, 'comment') ?? null;
  requireTitleAndComment(ws, title, comment);
  const schedule = checkSchedule(body);
  const approvers = body.approvers === undefined || body.approvers === null ? [] : requireStringList(body.approvers, 'approvers', { allowEmpty: true });
  requireApproversAllowed(env, approvers);
  if ([body.split, body.segment, body.ruleBasedSegment, body.largeSegment].filter(isObject).length !== 1) {
    throw badRequest('A change request carries exactly one of split, segment, ruleBasedSegment or largeSegment');
  }

  let split: Record<string, unknown> | null = null;
  let segment: { name: string; keys: string[] } | null = null;
  let ruleBasedSegment: ChangeRequestRecord['ruleBasedSegment'] = null;
  let largeSegment: LargeSegmentChange | null = null;
  let rolloutStatusId: string | null = null;
  if (isObject(body.split)) {
    split = checkFlagChange(req, ws, env, body.split, operationType);
    // Whether RESTORE needs a rollout status is unconfirmed (FME's examples send one): strict requires it.
    if (req.strictness === 'strict' && operationType === 'RESTORE' && !isObject(body.rolloutStatus)) {
      throw badRequest('rolloutStatus is required for a RESTORE change request');
    }
    if (isObject(body.rolloutStatus) && typeof body.rolloutStatus.id === 'string') {
      const status = store.data.rolloutStatuses.find(r => r.workspaceId === ws.id && r.id === (body.rolloutStatus as { id: string }).id);
      if (!status) throw badRequest(`Rollout status id '${String((body.rolloutStatus as { id: string }).id)}' does not exist`);
      rolloutStatusId = status.id;
    }
  } else if (isObject(body.segment)) {
    segment = checkSegmentChange(req, ws, env, body.segment, operationType);
  } else if (isObject(body.ruleBasedSegment)) {
    ruleBasedSegment = checkRuleBasedChange(req, ws, env, body.ruleBasedSegment, operationType);
  } else {
    largeSegment = checkLargeSegmentChange(store, ws, env, body.largeSegment as Record<string, unknown>, operationType);
  }
  const open = store.data.changeRequests.find(cr => isPending(cr) && cr.environmentId === env.id
    && ((split && cr.split?.name === split.name) || (segment && cr.segment?.name === segment.name)
      || (ruleBasedSegment && cr.ruleBasedSegment?.name === ruleBasedSegment.name)
      || (largeSegment && cr.largeSegment?.name === largeSegment.name)));
  if (open) {
    const what = split ? 'Feature flag' : segment ? 'Segment' : ruleBasedSegment ? 'Rule-based segment' : 'Large segment';
    throw conflict(`${what} ${String((split ?? segment ?? ruleBasedSegment ?? largeSegment)!.name)} already has an open change request ${open.id} in ${env.name}; approve, reject or withdraw it first`);
  }

  const now = Date.now();
  const cr: ChangeRequestRecord = {
    id: randomUUID(),
    workspaceId: ws.id,
    environmentId: env.id,
    status: schedule.scheduledFor ? 'SCHEDULE_REQUESTED' : 'REQUESTED',
    operationType,
    title,
    comment,
    submittedBy: req.callerKey,
    approvers,
    split,
    segment,
    ruleBasedSegment,
    largeSegment,
    rolloutStatusId,
    ...schedule,
    comments: comment ? [{ comment, user: req.callerKey, role: 'SUBMITTER', timestamp: now }] : [],
    creationTime: now,
    lastUpdateTime: now,
  };
  store.data.changeRequests.push(cr);
  // ARCHIVE of a large segment in an environment without approvals runs at once, as other direct changes would.
  if (largeSegment && operationType === 'ARCHIVE' && !env.approvalsRequired) {
    applyLargeSegmentChange(store, cr);
    cr.status = 'PUBLISHED';
  }
  store.changed();
  const metadata = largeSegment ? transactionMetadata(req.origin, largeSegment) : undefined;
  return { ...changeRequestView(store, cr), ...(metadata ? { transactionMetadata: metadata } : {}) };
}

/**
 * `scheduledFor` (ms since the epoch) and `scheduledForTimezone` (an IANA name, display only; FME
 * rejects unknown ones): docs/fme-api.md#scheduled-change-requests.
 */
function checkSchedule(body: Record<string, unknown>): { scheduledFor?: number; scheduledForTimezone?: string } {
  if (body.scheduledFor === undefined || body.scheduledFor === null) {
    if (body.scheduledForTimezone !== undefined && body.scheduledForTimezone !== null) throw badRequest('scheduledForTimezone needs scheduledFor');
    return {};
  }
  if (typeof body.scheduledFor !== 'number' || !Number.isInteger(body.scheduledFor) || body.scheduledFor <= 0) {
    throw badRequest('scheduledFor must be a Unix timestamp in milliseconds');
  }
  const timezone = optionalString(body.scheduledForTimezone, 'scheduledForTimezone');
  if (timezone !== undefined && !isTimeZone(timezone)) throw badRequest(`scheduledForTimezone '${timezone}' is not a valid IANA time zone`);
  return { scheduledFor: body.scheduledFor, ...(timezone !== undefined ? { scheduledForTimezone: timezone } : {}) };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Validates a flag change at submission, so a CR that cannot apply is refused up front. */
function checkFlagChange(req: AdminRequest, ws: WorkspaceRecord, env: EnvironmentRecord,
  split: Record<string, unknown>, op: string): Record<string, unknown> {
  const store = req.store;
  if (!FLAG_OPERATIONS.includes(op)) throw badRequest(`operationType '${op}' is not valid for a feature flag (${FLAG_OPERATIONS.join(', ')})`);
  const name = requireString(split.name, 'split.name');
  const f = resolve.flag(store, ws, name);
  refuseWhileArchived(req, f);
  const existing = store.findDefinition(f.id, env.id);
  if (op === 'CREATE' && existing) throw conflict(`Feature flag ${name} already has a definition in environment ${env.name}; use operationType UPDATE`);
  if (op !== 'CREATE' && !existing) resolve.definition(store, f, env);
  if (op === 'CREATE' || op === 'UPDATE') {
    validateDefinition(split, definitionContext(store, ws, env, f, req.strictness), { killed: false, allowKilled: false });
    return JSON.parse(JSON.stringify(split)) as Record<string, unknown>;
  }
  return { name };
}

/**
 * Validates a rule-based segment change (key `ruleBasedSegment`, operation UPDATE: Split's Python
 * client) at submission; the segment must be active in the environment.
 */
function checkRuleBasedChange(req: AdminRequest, ws: WorkspaceRecord, env: EnvironmentRecord,
  change: Record<string, unknown>, op: string): NonNullable<ChangeRequestRecord['ruleBasedSegment']> {
  if (op !== 'UPDATE') throw badRequest(`operationType '${op}' is not valid for a rule-based segment (UPDATE)`);
  const name = requireString(change.name, 'ruleBasedSegment.name');
  const segment = findRuleBased(req.store, ws, name);
  if (!(req.store.data.ruleBasedSegmentEnvironments ?? []).some(e => e.segmentId === segment.id && e.environmentId === env.id)) {
    throw notFound(`Rule-based segment ${name} is not defined in environment ${env.name}`);
  }
  return { name, ...validateRuleBasedDefinition(change, name, ruleBasedContext(req.store, ws, name, req.strictness)) };
}

/**
 * Validates a segment change at submission. The segment must be visible for key calls in the
 * environment (in `strict`, not right after its activation: README.md, "Segments fidelity").
 */
function checkSegmentChange(req: AdminRequest, ws: WorkspaceRecord, env: EnvironmentRecord,
  seg: Record<string, unknown>, op: string): { name: string; keys: string[] } {
  const valid = req.strictness === 'strict' ? SEGMENT_OPERATIONS : LENIENT_SEGMENT_OPERATIONS;
  if (!valid.includes(op)) throw badRequest(`operationType '${op}' is not valid for a segment (${valid.join(', ')})`);
  const name = requireString(seg.name, 'segment.name');
  visibleForKeys(req.store, resolve.segment(req.store, ws, name), env);
  const keys = seg.keys === undefined || seg.keys === null ? [] : requireStringList(seg.keys, 'segment.keys', { allowEmpty: true });
  return { name, keys };
}

function list(req: AdminRequest): unknown {
  const status = req.query.get('status') ?? 'REQUESTED';
  const envRef = req.query.get('environmentId');
  const limit = Math.min(Math.max(1, Number(req.query.get('limit') ?? 20) || 20), MAX_CR_PAGE);
  const all = req.store.data.changeRequests
    .filter(cr => cr.status === status)
    .filter(cr => envRef === null || cr.environmentId === envRef || req.store.environment(cr.environmentId).name === envRef);
  const after = req.query.get('after');
  const start = after ? all.findIndex(cr => cr.id === after) + 1 : 0;
  const page = all.slice(start, start + limit);
  const hasMore = start + limit < all.length;
  return {
    data: page.map(cr => changeRequestView(req.store, cr)),
    nextMarker: hasMore ? page[page.length - 1].id : null,
    previousMarker: start > 0 ? all[start - 1].id : null,
    limit,
    count: page.length,
  };
}

function updateStatus(req: AdminRequest): unknown {
  const store = req.store;
  const cr = find(req);
  const body = requireObject(req.json(), 'body');
  const status = requireString(body.status, 'status');
  const comment = optionalString(body.comment, 'comment');
  if (!awaitsDecision(cr)) throw conflict(`Change request ${cr.id} is ${cr.status}; only REQUESTED (or SCHEDULE_REQUESTED) change requests can change status`);
  const bySubmitter = req.callerKey === cr.submittedBy;
  switch (status) {
    case 'APPROVED':
      if (bySubmitter) throw new ApiError(403, 'The submitter of a change request cannot approve it; approve with a different admin API key');
      if (cr.scheduledFor && cr.scheduledFor > Date.now()) {
        cr.status = 'SCHEDULED'; // runs when its time comes (publishDueChangeRequests)
      } else {
        apply(store, cr, req.strictness);
        cr.status = 'PUBLISHED';
      }
      break;
    case 'REJECTED':
      if (bySubmitter) throw new ApiError(403, 'The submitter of a change request cannot reject it; withdraw it instead');
      cr.status = 'REJECTED';
      break;
    case 'WITHDRAWN':
      if (!bySubmitter) throw new ApiError(403, 'Only the submitter can withdraw a change request');
      cr.status = 'WITHDRAWN';
      break;
    default:
      throw badRequest(`status '${status}' is not valid (APPROVED, REJECTED, WITHDRAWN)`);
  }
  const now = Date.now();
  if (comment) cr.comments.push({ comment, user: req.callerKey, role: bySubmitter ? 'SUBMITTER' : 'APPROVER', timestamp: now });
  cr.lastUpdateTime = now;
  store.changed();
  return changeRequestView(store, cr);
}

/**
 * Runs every approved scheduled change request whose time has come (`now`: the emulator's clock),
 * as FME does (docs/fme-api.md#scheduled-change-requests). Called before each request is served.
 * A request that can no longer apply (its flag or segment changed since) stays SCHEDULED and is
 * tried again on the next call; FME's behaviour in that case is unconfirmed.
 */
export function publishDueChangeRequests(store: Store, now = Date.now(), strictness: EmulatorStrictness = 'strict'): void {
  for (const cr of store.data.changeRequests) {
    if (cr.status !== 'SCHEDULED' || !cr.scheduledFor || cr.scheduledFor > now) continue;
    try {
      apply(store, cr, strictness);
    } catch (e) {
      if (e instanceof ApiError) continue;
      throw e;
    }
    cr.status = 'PUBLISHED';
    cr.lastUpdateTime = now;
    store.changed();
  }
}

/** Applies an approved change; a failure (e.g. a segment deleted since) leaves the CR open. */
function apply(store: Store, cr: ChangeRequestRecord, strictness: EmulatorStrictness): void {
  const ws = resolve.workspace(store, cr.workspaceId);
  const env = store.environment(cr.environmentId);
  if (cr.split) {
    const f = resolve.flag(store, ws, String(cr.split.name));
    switch (cr.operationType) {
      case 'CREATE': createDefinition(store, ws, env, f, cr.split, strictness); break;
      case 'UPDATE': replaceDefinition(store, ws, env, f, cr.split, strictness); break;
      case 'KILL': setKilled(store, env, f, true); break;
      case 'RESTORE': setKilled(store, env, f, false); break;
      case 'ARCHIVE': removeDefinition(store, env, f); break;
    }
    if (cr.rolloutStatusId) {
      f.rolloutStatusId = cr.rolloutStatusId;
      f.rolloutStatusTimestamp = Date.now();
    }
  } else if (cr.segment) {
    const segment = resolve.segment(store, ws, cr.segment.name);
    const se = store.findSegmentEnvironment(segment.id, env.id);
    if (!se) throw notFound(`Segment ${segment.name} is no longer defined in environment ${env.name}`);
    const mode = cr.operationType === 'CREATE' ? 'add' : cr.operationType === 'UPDATE' ? 'replace' : 'remove';
    applyKeyChange(store, env, se, mode === 'remove' && cr.segment.keys.length === 0 ? se.keys : cr.segment.keys, mode);
  } else if (cr.ruleBasedSegment) {
    const { name, ...body } = cr.ruleBasedSegment;
    applyDefinition(store, ws, env, findRuleBased(store, ws, name), body);
  } else if (cr.largeSegment) {
    applyLargeSegmentChange(store, cr);
  }
}

