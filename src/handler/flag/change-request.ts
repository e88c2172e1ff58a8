import { FmeApiError } from '../../client/errors';
import type { ChangeRequestOperation } from '../../client/types';
import type { DefinitionSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';

/**
 * Submits a change request instead of a direct write (approval-gated environments:
 * docs/decisions.md, D8; docs/fme-api.md, section on change requests) and returns the progress
 * text. A refused submission (typically: a change request is already open for this flag) is
 * reported, not thrown — the deploy must not fail because a human has not approved yet.
 */
export async function submitFlagChangeRequest(
  ctx: HandlerContext, flag: string, environment: string, operationType: ChangeRequestOperation,
  definition: DefinitionSpec | undefined, rolloutStatusId: () => Promise<string | undefined>,
): Promise<string> {
  const envId = await ctx.environmentId(environment);
  const needsStatus = operationType === 'CREATE' || operationType === 'UPDATE';
  const statusId = needsStatus ? await rolloutStatusId() : undefined;
  try {
    const cr = await ctx.client.submitChangeRequest(ctx.workspaceId, envId, {
      split: definition ? { name: flag, ...definition } : { name: flag },
      operationType,
      title: `cdktf-harness-fme: ${operationType.toLowerCase()} ${flag}`,
      comment: `Submitted by cdktf-harness-fme for environment ${environment}`,
      ...(statusId ? { rolloutStatus: { id: statusId } } : {}),
      approvers: [],
    }, environment);
    return `change request ${cr.id} submitted (${operationType}); approve it in FME`;
  } catch (e) {
    if (e instanceof FmeApiError && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 401) {
      ctx.log.warn(`${e.message}. Nothing was changed; resolve the open change request in FME and deploy again.`);
      return `change request not submitted (HTTP ${e.status})`;
    }
    throw e;
  }
}
