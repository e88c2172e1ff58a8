import type { SegmentEnvironmentSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { isApprovalRequired, SegmentInEnvironment, stillOpen, submitSegmentChangeRequest } from './change-request';
import { whileNotYetVisible } from './visibility';

/** The keys to add and to remove to go from `live` to what the part declares. */
export interface KeyChange {
  readonly toAdd: string[];
  readonly toRemove: string[];
}

/**
 * `keys` replaces the list; `addKeys` and `removeKeys` change only the keys they name (a key in
 * both `addKeys` and `removeKeys` is removed).
 */
export function keyChange(live: readonly string[], part: SegmentEnvironmentSpec): KeyChange {
  const current = new Set(live);
  const toAdd = new Set<string>();
  const toRemove = new Set<string>();
  if (part.keys) {
    const wanted = new Set(part.keys);
    for (const k of wanted) if (!current.has(k)) toAdd.add(k);
    for (const k of current) if (!wanted.has(k)) toRemove.add(k);
  }
  for (const k of part.addKeys ?? []) if (!current.has(k)) toAdd.add(k);
  for (const k of part.removeKeys ?? []) if (current.has(k)) { toRemove.add(k); toAdd.delete(k); }
  return { toAdd: [...toAdd], toRemove: [...toRemove] };
}

/** What converging one environment did. */
export interface KeysOutcome {
  /** The progress text. */
  readonly text: string;
  /** Key changes wait for approval there (submitted now, or blocked by an open request). */
  readonly waitingForApproval: boolean;
  /**
   * Removals that could not be submitted beside the additions just submitted (one open request
   * per segment and environment): the step must fail, so that Terraform runs it again.
   */
  readonly removalsNotSubmitted?: string;
}

/**
 * Activates the segment in the environment if needed and converges its keys, directly or (write
 * mode `changeRequest`) through a change request. Activation is always direct: adding an empty
 * segment to an environment needs no approval (docs/fme-api.md#change-requests). Key calls right
 * after this run's activation are retried while FME does not show the segment yet.
 */
export async function convergeSegmentKeys(
  ctx: HandlerContext, segment: string, part: SegmentEnvironmentSpec, segmentJustCreated: boolean,
): Promise<KeysOutcome> {
  const where: SegmentInEnvironment = { segment, environment: part.environment, envId: await ctx.environmentId(part.environment) };
  const live = segmentJustCreated ? undefined : await ctx.client.readSegmentKeys(where.envId, segment, part.environment);
  const actions: string[] = [];
  const justActivated = live === undefined;
  if (justActivated) {
    await ctx.client.activateSegment(where.envId, segment, part.environment);
    actions.push('activated');
  }
  const change = keyChange(live?.keys ?? [], part);
  const visible = <T>(call: () => Promise<T>) => whileNotYetVisible(`segment "${segment}" in environment "${part.environment}"`, justActivated, call);
  let waitingForApproval = false;
  let removalsNotSubmitted: string | undefined;
  if (part.writeMode === 'changeRequest') {
    const submitted = await throughChangeRequest(ctx, where, part, change, live?.openChangeRequestId ?? null, visible);
    if (submitted) actions.push(submitted.text);
    waitingForApproval = submitted !== undefined;
    removalsNotSubmitted = submitted?.removalsNotSubmitted;
  } else {
    actions.push(...await directly(ctx, where, part, change, visible));
  }
  return { text: actions.length > 0 ? actions.join(', ') : 'unchanged', waitingForApproval, removalsNotSubmitted };
}

type Visible = <T>(call: () => Promise<T>) => Promise<T>;

async function directly(
  ctx: HandlerContext, where: SegmentInEnvironment, part: SegmentEnvironmentSpec, change: KeyChange, visible: Visible,
): Promise<string[]> {
  const { client } = ctx;
  const note = part.changeDetails;
  const actions: string[] = [];
  try {
    if (change.toAdd.length > 0) {
      await visible(() => client.uploadSegmentKeys(where.envId, where.segment, change.toAdd, false, where.environment, note));
      actions.push(`${change.toAdd.length} key(s) added`);
    }
    if (change.toRemove.length > 0) {
      await visible(() => client.removeSegmentKeys(where.envId, where.segment, change.toRemove, where.environment, note));
      actions.push(`${change.toRemove.length} key(s) removed`);
    }
  } catch (e) {
    if (!isApprovalRequired(e)) throw e;
    throw new HandlerError(
      `${e.message}. Environment "${where.environment}" requires approvals for segment key changes: add it to approvalEnvironments on the FmeConfig, ` +
      'so the keys go through a change request, and deploy again.');
  }
  return actions;
}

/**
 * At most one change request per segment and environment: FME shows one open request there
 * (`openChangeRequestId`), and Harness documents only `CREATE` (add keys) and `ARCHIVE` (remove
 * keys) for segments, so a change that adds and removes takes two requests, one after the other.
 * Additions go first; the removals are reported as not submitted (the caller fails the step, so
 * Terraform runs it again and submits them once the first request is decided). Returns undefined
 * when nothing changes.
 */
async function throughChangeRequest(
  ctx: HandlerContext, where: SegmentInEnvironment, part: SegmentEnvironmentSpec, change: KeyChange, openId: string | null, visible: Visible,
): Promise<{ text: string; removalsNotSubmitted?: string } | undefined> {
  const { toAdd, toRemove } = change;
  if (toAdd.length === 0 && toRemove.length === 0) return undefined;
  const pending = [toAdd.length > 0 ? `${toAdd.length} key(s) to add` : '', toRemove.length > 0 ? `${toRemove.length} key(s) to remove` : ''].filter(Boolean).join(' and ');
  if (openId) return { text: stillOpen(ctx, where, openId, pending) };
  const [operation, keys] = toAdd.length > 0 ? ['CREATE', toAdd] as const : ['ARCHIVE', toRemove] as const;
  const id = await submitSegmentChangeRequest(ctx, where, operation, keys, part.changeDetails, visible);
  if (id === undefined) return { text: `change request not submitted (${pending}): one is already open` };
  const text = `change request ${id} submitted (${operation}: ${keys.length} key(s)); approve it in FME`;
  if (operation === 'CREATE' && toRemove.length > 0) {
    return { text: `${text}; ${toRemove.length} key(s) to remove not submitted yet`, removalsNotSubmitted: `${toRemove.length} key(s) to remove in ${where.environment} (after change request ${id})` };
  }
  return { text };
}
