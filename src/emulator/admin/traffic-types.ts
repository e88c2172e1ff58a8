import { notFound } from '../errors';
import { Router } from '../router';
import { AdminHandler } from './request';
import * as resolve from './resolve';
import { attributeView, trafficTypeView } from './views';

/**
 * Traffic types (docs/fme-api.md#traffic-types): list as a bare array; and each one's attribute
 * schema (docs/fme-api.md#attributes), also a bare array when no paging is asked for.
 */
export function addTrafficTypeRoutes(router: Router<AdminHandler>): void {
  router
    .add('GET', '/trafficTypes/ws/:ws', req => {
      const ws = resolve.workspace(req.store, req.params.ws);
      return req.store.data.trafficTypes.filter(t => t.workspaceId === ws.id).map(trafficTypeView);
    })
    .add('GET', '/schema/ws/:ws/trafficTypes/:tt', req => {
      const ws = resolve.workspace(req.store, req.params.ws);
      // Public clients address the schema by traffic type id; whether a name works too is unconfirmed:
      // strict answers 404 for a name, lenient resolves it as flag paths do (README.md, "Fidelity").
      const tt = req.strictness === 'strict'
        ? req.store.data.trafficTypes.find(t => t.workspaceId === ws.id && t.id === req.params.tt)
        : resolve.trafficType(req.store, ws, req.params.tt);
      if (!tt) throw notFound(`Could not find traffic type ${req.params.tt} in workspace ${ws.name}`);
      return (tt.attributes ?? []).map(a => attributeView(req.store.data.orgId, tt, a));
    });
}
