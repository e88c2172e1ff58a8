import { badRequest } from '../errors';
import { Router } from '../router';
import { AdminHandler, AdminRequest } from './request';
import * as resolve from './resolve';

/** Rollout statuses (docs/fme-api.md#rollout-statuses), served at both documented paths as bare arrays. */
export function addRolloutStatusRoutes(router: Router<AdminHandler>): void {
  router
    .add('GET', '/rolloutStatuses', req => {
      const wsId = req.query.get('wsId');
      if (!wsId) throw badRequest('Query parameter wsId is required');
      return list(req, wsId);
    })
    .add('GET', '/rolloutStatuses/ws/:ws', req => list(req, req.params.ws));
}

function list(req: AdminRequest, wsRef: string): unknown {
  const ws = resolve.workspace(req.store, wsRef);
  return req.store.data.rolloutStatuses.filter(r => r.workspaceId === ws.id).map(r => ({ id: r.id, name: r.name, description: r.description }));
}
