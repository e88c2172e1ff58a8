import { EnvironmentRecord, WorkspaceRecord } from '../data-model';
import { ApiError } from '../errors';
import { Store } from '../store';

/**
 * Environments with approvals answer direct writes (definition changes, kill/restore,
 * segment keys) with 403 and FME's message; the change must go through a change request.
 */
export function requireDirectWrites(store: Store, env: EnvironmentRecord): void {
  if (env.approvalsRequired) {
    throw new ApiError(403, `Approvals are required. orgId=${store.data.orgId} envId=${env.id}`,
      { details: `Environment ${env.name} requires approvals: submit a change request (POST /changeRequests/ws/{wsId}/environments/{envId})` });
  }
}

/**
 * Who approves a change request (docs/fme-api.md#change-requests): where submitters choose, the
 * request must name approvers; where the environment fixes them, it must name none.
 */
export function requireApproversAllowed(env: EnvironmentRecord, approvers: readonly string[]): void {
  const submittersChoose = env.approversRestricted === false;
  if (submittersChoose && approvers.length === 0) {
    throw new ApiError(400, `Environment ${env.name} lets submitters choose their approvers: name at least one approver (e-mail) in approvers`);
  }
  if (!submittersChoose && approvers.length > 0) {
    throw new ApiError(400, `Environment ${env.name} restricts who can approve: leave approvers empty`);
  }
}

/**
 * Workspaces with `requiresTitleAndComments` refuse writes without both; FME answers with an
 * empty 400 (docs/fme-api.md#title-and-comment).
 */
export function requireTitleAndComment(ws: WorkspaceRecord, title: unknown, comment: unknown): void {
  if (!ws.requiresTitleAndComments) return;
  if (typeof title !== 'string' || title === '' || typeof comment !== 'string' || comment === '') {
    throw new ApiError(400, `Workspace ${ws.name} requires a title and a comment on this change`, { emptyBody: true });
  }
}
