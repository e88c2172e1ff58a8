import {
  createDefinition, patchDefinition, removeDefinition, replaceDefinition, setKilled,
} from './definition-ops';
import { requireDirectWrites, requireTitleAndComment } from './guards';
import { offsetPage } from './paging';
import * as resolve from './resolve';
import { Router } from '../router';
import { AdminRequest, AdminHandler } from './request';
import { definitionView } from './views';
import { isObject } from '../validation/checks';

/** Feature flag definitions per environment (fme-admin-api.md §4). */
export function addDefinitionRoutes(router: Router<AdminHandler>): void {
  const base = '/splits/ws/:ws/:flag/environments/:env';
  router
    .add('GET', '/splits/ws/:ws/environments/:env', listDefinitions)
    .add('GET', base, req => {
      const { store, env, f } = target(req);
      return definitionView(store, resolve.definition(store, f, env));
    })
    .add('POST', base, req => {
      const { store, ws, env, f } = target(req);
      const body = req.json();
      requireDirectWrites(store, env);
      requireTitleAndComment(ws, isObject(body) ? body.title : undefined, isObject(body) ? body.comment : undefined);
      return definitionView(store, createDefinition(store, ws, env, f, body));
    })
    .add('PUT', base, req => {
      const { store, ws, env, f } = target(req);
      const body = req.json();
      resolve.definition(store, f, env);
      requireDirectWrites(store, env);
      requireTitleAndComment(ws, isObject(body) ? body.title : undefined, isObject(body) ? body.comment : undefined);
      return definitionView(store, replaceDefinition(store, ws, env, f, body));
    })
    .add('PATCH', base, req => {
      const { store, ws, env, f } = target(req);
      const ops = req.json();
      resolve.definition(store, f, env);
      requireDirectWrites(store, env);
      requireTitleAndComment(ws, req.query.get('title'), req.query.get('comment'));
      return definitionView(store, patchDefinition(store, ws, env, f, ops));
    })
    .add('DELETE', base, req => {
      const { store, ws, env, f } = target(req);
      resolve.definition(store, f, env);
      requireDirectWrites(store, env);
      requireTitleAndComment(ws, req.query.get('title'), req.query.get('comment'));
      removeDefinition(store, env, f);
      return true;
    })
    .add('PUT', `${base}/kill`, req => killOrRestore(req, true))
    .add('PUT', `${base}/restore`, req => killOrRestore(req, false));
}

function target(req: AdminRequest) {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const f = resolve.flag(store, ws, req.params.flag);
  const env = resolve.environment(store, ws, req.params.env);
  return { store, ws, env, f };
}

function killOrRestore(req: AdminRequest, killed: boolean): boolean {
  const { store, ws, env, f } = target(req);
  const body = req.json();
  resolve.definition(store, f, env);
  requireDirectWrites(store, env);
  // Title/comment may come as query params or in the optional `{comment, title}` body.
  requireTitleAndComment(ws,
    req.query.get('title') ?? (isObject(body) ? body.title : undefined),
    req.query.get('comment') ?? (isObject(body) ? body.comment : undefined));
  setKilled(store, env, f, killed);
  return true;
}

function listDefinitions(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const env = resolve.environment(store, ws, req.params.env);
  const defs = store.data.definitions
    .filter(d => d.environmentId === env.id)
    .sort((a, b) => a.creationTime - b.creationTime)
    .map(d => definitionView(store, d));
  return offsetPage(defs, req.query);
}
