import { FmeApiError } from '../../client/errors';
import type { ChangeRequestOperation, DefinitionRequest, WriteNote } from '../../client/types';
import type { ChangeDetailsSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';

/** What a change request for one flag in one environment carries besides the change itself. */
export interface ChangeRequestTarget {
  readonly flag: string;
  readonly environment: string;
  readonly details: ChangeDetailsSpec | undefined;
  /** The id of the change request the live definition says is open, if any. */
  readonly openRequestId?: string | null;
}

/**
 * Submits a change request instead of a direct write (approval-gated environments:
 * docs/decisions.md#d8-approvals; docs/fme-api.md#change-requests) and returns the progress text.
 *
 * - A request already open for the flag is reported, not duplicated, and the deploy goes on: a
 *   human has not decided yet.
 * - With no open request while live still differs from the code, a request is submitted — also
 *   when an earlier one was rejected, withdrawn or expired (docs/decisions.md#d17-change-requests-that-do-not-land).
 * - A submission FME refuses for any other reason (approvers missing where submitters must choose
 *   them, a title the workspace requires, an invalid definition) fails the deploy: nothing would
 *   ever apply the change, so succeeding would hide it.
 */
export async function submitFlagChangeRequest(
  ctx: HandlerContext, target: ChangeRequestTarget, operationType: ChangeRequestOperation,
  definition: DefinitionRequest | undefined, rolloutStatusId: () => Promise<string | undefined>,
): Promise<string> {
  // Every request but KILL carries the flag's rollout status: FME's docs require it for CREATE and
  // UPDATE, and its published examples send it with RESTORE and ARCHIVE (docs/fme-api.md#change-requests).
  const { flag, environment } = target;
  if (target.openRequestId) {
    return `waiting for change request ${target.openRequestId} (already open in FME; approve or reject it there)`;
  }
  const envId = await ctx.environmentId(environment);
  const needsStatus = operationType !== 'KILL';
  const statusId = needsStatus ? await rolloutStatusId() : undefined;
  const note = changeRequestNote(target.details, operationType, flag, environment);
  try {
    const cr = await ctx.client.submitChangeRequest(ctx.workspaceId, envId, {
      split: definition ? { name: flag, ...definition } : { name: flag },
      operationType,
      title: note.title,
      comment: note.comment,
      ...(statusId ? { rolloutStatus: { id: statusId } } : {}),
      approvers: [...target.details?.approvers ?? []],
      ...scheduleOf(target.details),
    }, environment);
    const when = target.details?.scheduledFor !== undefined ? `, scheduled for ${new Date(target.details.scheduledFor).toISOString()}` : '';
    return `change request ${cr.id} submitted (${operationType}${when}); approve it in FME`;
  } catch (e) {
    if (e instanceof FmeApiError && e.status === 409) {
      // Another run (or a person) opened one between our read and this submission.
      return `change request not submitted: one is already open in FME (${e.fmeMessage}); approve or reject it there`;
    }
    if (e instanceof FmeApiError && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 401) {
      throw new HandlerError(`${e.message}. FME refused the change request, so the change cannot reach ${environment}: ${refusalHint(target.details)}`);
    }
    throw e;
  }
}

/**
 * When the approved request runs (`FmeEnvironmentOptions.schedule`): sent with every request in the
 * environment (docs/fme-api.md#scheduled-change-requests); nothing when no schedule is set.
 */
export function scheduleOf(details: ChangeDetailsSpec | undefined): { scheduledFor?: number; scheduledForTimezone?: string } {
  if (details?.scheduledFor === undefined) return {};
  return {
    scheduledFor: details.scheduledFor,
    ...(details.scheduledForTimezone !== undefined ? { scheduledForTimezone: details.scheduledForTimezone } : {}),
  };
}

/** The title and comment of one write: the configured ones, or the generated ones. */
export function writeNote(details: ChangeDetailsSpec | undefined): WriteNote | undefined {
  if (!details?.title && !details?.comment) return undefined;
  return { title: details.title, comment: details.comment };
}

function changeRequestNote(details: ChangeDetailsSpec | undefined, operationType: ChangeRequestOperation, flag: string, environment: string) {
  return {
    title: details?.title ?? `cdktf-harness-fme: ${operationType.toLowerCase()} ${flag}`,
    comment: details?.comment ?? `Submitted by cdktf-harness-fme for environment ${environment}`,
  };
}

function refusalHint(details: ChangeDetailsSpec | undefined): string {
  return details?.approvers?.length
    ? 'check the approvers set in FmeConfig for this environment (an environment that fixes its approvers takes none).'
    : 'if the environment lets submitters choose their approvers, name them with FmeConfig approvers for this environment.';
}
