/**
 * Segment key changes through change requests, for environments that require approvals
 * (docs/fme-api.md#change-requests): `CREATE` adds the listed keys, `ARCHIVE` removes them. Adding
 * an empty segment to an environment, removing an empty one, and deleting a segment need none.
 */
import { FmeApiError } from '../../client/errors';
import type { ChangeDetailsSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { scheduleOf } from '../flag/change-request';

/** Where a key change goes: one segment in one environment. */
export interface SegmentInEnvironment {
  readonly segment: string;
  /** The environment as the spec names it (for messages). */
  readonly environment: string;
  readonly envId: string;
}

/** The operation types Harness documents for segments. */
export type SegmentKeyOperation = 'CREATE' | 'ARCHIVE';

/** Whether an error is FME's 403 for a direct write to an environment that requires approvals. */
export function isApprovalRequired(e: unknown): e is FmeApiError {
  return e instanceof FmeApiError && e.status === 403 && /approval/i.test(e.fmeMessage);
}

/** Whether a refused submission says a change request is already open for the segment. */
function isAlreadyOpen(e: FmeApiError): boolean {
  return e.status === 409 || /already has an open change request|pending change/i.test(e.fmeMessage);
}

/**
 * Submits one change request and returns its id; `undefined` when FME says one is already open
 * (logged as a warning: the open one must be decided first). Any other refusal fails with a
 * message that says what to fix: the deploy must not report success while nothing changes.
 * `submit` wraps the call (e.g. to retry while a just-activated segment is not yet visible).
 */
export async function submitSegmentChangeRequest(
  ctx: HandlerContext, where: SegmentInEnvironment, operationType: SegmentKeyOperation, keys: string[],
  details: ChangeDetailsSpec | undefined, submit: <T>(call: () => Promise<T>) => Promise<T> = (call) => call(),
): Promise<string | undefined> {
  const { segment, environment } = where;
  const verb = operationType === 'CREATE' ? `add ${keys.length} key(s) to` : `remove ${keys.length} key(s) from`;
  try {
    const cr = await submit(() => ctx.client.submitChangeRequest(ctx.workspaceId, where.envId, {
      segment: { name: segment, keys },
      operationType,
      title: details?.title ?? `cdktf-harness-fme: ${verb} segment ${segment}`,
      comment: details?.comment ?? `Submitted by cdktf-harness-fme for environment ${environment}`,
      approvers: details?.approvers ?? [],
      ...scheduleOf(details),
    }, environment));
    return cr.id;
  } catch (e) {
    if (!(e instanceof FmeApiError) || e.status === undefined || e.status < 400 || e.status >= 500 || e.status === 401) throw e;
    if (isAlreadyOpen(e)) {
      ctx.log.warn(`${e.message}. Nothing was submitted for segment "${segment}" in environment "${environment}"; decide the open change request in FME and deploy again.`);
      return undefined;
    }
    throw new HandlerError(
      `${e.message}. FME refused the change request to ${verb} segment "${segment}" in environment "${environment}"; nothing was changed: ${refusalHint(details)}`);
  }
}

function refusalHint(details: ChangeDetailsSpec | undefined): string {
  return details?.approvers?.length
    ? 'check the approvers set in FmeConfig for this environment (an environment that fixes its approvers takes none).'
    : 'if the environment lets submitters choose their approvers, name them with FmeConfig approvers for this environment.';
}

/** The progress text of an open change request that blocks a new one. */
export function stillOpen(ctx: HandlerContext, where: SegmentInEnvironment, openId: string, waiting: string): string {
  ctx.log.warn(`segment "${where.segment}" in environment "${where.environment}": change request ${openId} is still open, so ${waiting} ` +
    'were not submitted; approve, reject or withdraw it in FME, then run the deploy (or destroy) again.');
  return `change request ${openId} still open; ${waiting} wait for it`;
}
