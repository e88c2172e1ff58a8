import { Router } from '../router';
import { AdminHandler } from './request';
import * as resolve from './resolve';
import { trafficTypeView } from './views';

/** Traffic types (docs/fme-api.md#traffic-types): list as a bare array. */
export function addTrafficTypeRoutes(router: Router<AdminHandler>): void {
  router.add('GET', '/trafficTypes/ws/:ws', req => {
    const ws = resolve.workspace(req.store, req.params.ws);
    return req.store.data.trafficTypes.filter(t => t.workspaceId === ws.id).map(trafficTypeView);
  });
}
