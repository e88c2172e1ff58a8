/**
 * What `cdktf-fme lookup` reads from FME for one workspace (docs/lookups.md): the workspace, its
 * environments (with production and approval settings), its traffic types and each traffic type's
 * attribute schema. One list per kind, and one schema list per traffic type.
 */
import { FmeApiError } from '../client/errors';
import type { FmeClient } from '../client/fme-client';
import type { Workspace } from '../client/types';
import { clientFor } from '../handler/context';
import type { LookedUpWorkspace } from '../model/lookups/context-file';
import { sortedWorkspace } from '../model/lookups/context-file';
import type { FmeTargetSpec } from '../spec/resource-spec';

/** A workspace the code names that FME does not have (or has several of). */
export class WorkspaceLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceLookupError';
  }
}

/** How the code names the workspace, for messages. */
export function describeTarget(target: FmeTargetSpec): string {
  if (target.workspaceId !== undefined) return `workspace id "${target.workspaceId}"`;
  if (target.harnessProject) return `Harness project "${target.harnessProject.projectIdentifier}" in organization "${target.harnessProject.organizationIdentifier}"`;
  return `workspace "${target.workspaceName ?? 'Default'}"`;
}

async function findWorkspace(client: FmeClient, target: FmeTargetSpec): Promise<Workspace> {
  const project = target.harnessProject;
  const found = target.workspaceId !== undefined
    ? [await client.findWorkspaceById(target.workspaceId)].filter((w): w is Workspace => w !== undefined)
    : project
      ? await client.findWorkspacesByProject(project.organizationIdentifier, project.projectIdentifier)
      : await client.findWorkspacesByName(target.workspaceName ?? 'Default');
  const what = describeTarget(target);
  if (found.length === 0) {
    throw new WorkspaceLookupError(`${what} was not found at ${target.apiBaseUrl} with the key in $${target.apiKeyEnvVar}. `
      + 'Check FmeConfig (workspaceName, workspaceId, or organizationIdentifier and projectIdentifier) and that the key can see the workspace.');
  }
  if (found.length > 1) {
    throw new WorkspaceLookupError(`${what} is ambiguous: ${found.length} workspaces match (${found.map((w) => w.id).join(', ')}). `
      + 'Set FmeConfig workspaceId, or organizationIdentifier and projectIdentifier, to choose one.');
  }
  return found[0];
}

/** Reads one workspace; `now` is the lookup time recorded in the file. */
export async function lookUpWorkspace(target: FmeTargetSpec, env: NodeJS.ProcessEnv, now: Date): Promise<LookedUpWorkspace> {
  const client = clientFor(target, env);
  const workspace = await findWorkspace(client, target);
  const [environments, trafficTypes] = await Promise.all([client.listEnvironments(workspace.id), client.listTrafficTypes(workspace.id)]);
  const withAttributes = [];
  for (const tt of trafficTypes) {
    let attributes: Array<{ id: string; dataType?: string }> | undefined;
    try {
      attributes = (await client.listAttributes(workspace.id, tt.id)).map((a) => (typeof a.dataType === 'string' ? { id: a.id, dataType: a.dataType } : { id: a.id }));
    } catch (e) {
      // Without the schema, attributes are simply not checked; other failures stop the lookup.
      if (!(e instanceof FmeApiError) || (e.status !== 403 && e.status !== 404)) throw e;
    }
    withAttributes.push(attributes ? { name: tt.name, id: tt.id, attributes } : { name: tt.name, id: tt.id });
  }
  return sortedWorkspace({
    lookedUpAt: now.toISOString(),
    workspace: { id: workspace.id, name: workspace.name },
    environments: environments.map((e) => ({
      name: e.name, id: e.id, production: e.production === true, approvalsRequired: e.changePermissions?.areApprovalsRequired === true,
    })),
    trafficTypes: withAttributes,
  });
}
