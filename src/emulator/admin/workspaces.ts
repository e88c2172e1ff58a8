import { Router } from '../router';
import { offsetPage } from './paging';
import { AdminHandler, AdminRequest } from './request';
import { workspaceView } from './views';

/**
 * Workspaces (docs/fme-api.md#workspaces): list only, with the `name`/`nameOp` filter and the
 * Harness `organizationIdentifier`/`projectIdentifier` filter.
 */
export function addWorkspaceRoutes(router: Router<AdminHandler>): void {
  router.add('GET', '/workspaces', listWorkspaces);
}

function listWorkspaces(req: AdminRequest): unknown {
  const name = req.query.get('name');
  const op = (req.query.get('nameOp') ?? 'IS').toUpperCase();
  const matches = (wsName: string): boolean => {
    if (name === null) return true;
    if (op === 'STARTS_WITH') return wsName.startsWith(name);
    if (op === 'CONTAINS') return wsName.includes(name);
    return wsName === name;
  };
  const org = req.query.get('organizationIdentifier');
  const project = req.query.get('projectIdentifier');
  const inProject = (w: { organizationIdentifier?: string; projectIdentifier?: string }): boolean =>
    (org === null || w.organizationIdentifier === org) && (project === null || w.projectIdentifier === project);
  return offsetPage(req.store.data.workspaces.filter(w => matches(w.name) && inProject(w)).map(workspaceView), req.query, 200);
}
