import type { FmeTargetSpec, InventorySpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import type { Log } from '../log';

/** Whether two targets name the same API and workspace the same way (no lookup needed then). */
function sameWorkspaceSpelling(a: FmeTargetSpec, b: FmeTargetSpec): boolean {
  const project = (t: FmeTargetSpec) => (t.harnessProject ? `${t.harnessProject.organizationIdentifier}/${t.harnessProject.projectIdentifier}` : undefined);
  return a.apiBaseUrl === b.apiBaseUrl && a.workspaceId === b.workspaceId && a.workspaceName === b.workspaceName && project(a) === project(b);
}

/**
 * Whether the stack moved to another workspace since `previous`. Targets spelled differently may
 * still be one workspace (a name replaced by its id, another base URL of the same account), so
 * both are resolved to ids and compared.
 */
export async function movedWorkspace(previous: InventorySpec, next: InventorySpec, log: Log, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (sameWorkspaceSpelling(previous.target, next.target)) return false;
  const [before, after] = await Promise.all([previous.target, next.target].map(async (t) => (await HandlerContext.create(t, log, env)).workspaceId));
  return before !== after;
}
