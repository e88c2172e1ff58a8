import {
  createDefinition, patchDefinition, removeDefinition, replaceDefinition, setKilled,
} from './definition-ops';
import { refuseWhileArchived } from './flags';
import { requireDirectWrites, requireTitleAndComment } from './guards';
import { offsetPage } from './paging';
import * as resolve from './resolve';
import { Router } from '../router';
import { AdminRequest, AdminHandler } from './request';
import { definitionView } from './views';
import { isObject } from '../validation/checks';

/** Feature flag definitions per environment (docs/fme-api.md#definitions). */
export function addDefinitionRoutes(router: Router<AdminHandler>): void {
  const base = '/splits/ws/:ws/:flag/environments/:env';
  router
    .add('GET', '/splits/ws/:ws/environments/:env', listDefinitions)
    .add('GET', base, req => {
      const { store, env, f } = target(req);
      return definitionView(store, resolve.definition(store, f, env), req.strictness);
    })
    .add('POST', base, req => {
      const body = req.json();
      const { store, ws, env, f } = writeTarget(req, { mustExist: false, titleFrom: 'body', body });
      return definitionView(store, createDefinition(store, ws, env, f, body, req.strictness), req.strictness);
    })
    .add('PUT', base, req => {
      const body = req.json();
      const { store, ws, env, f } = writeTarget(req, { mustExist: true, titleFrom: 'body', body });
      return definitionView(store, replaceDefinition(store, ws, env, f, body, req.strictness), req.strictness);
    })
    .add('PATCH', base, req => {
      const ops = req.json();
      const { store, ws, env, f } = writeTarget(req, { mustExist: true, titleFrom: 'query' });
      return definitionView(store, patchDefinition(store, ws, env, f, ops, req.strictness), req.strictness);
    })
    .add('DELETE', base, req => {
      const { store, env, f } = writeTarget(req, { mustExist: true, titleFrom: 'query' });
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

/** Where a write's title and comment come from: the JSON body (POST/PUT), the query (PATCH/DELETE), or either (kill/restore). */
type TitleSource = 'body' | 'query' | 'either';

/**
 * The target of a write, after FME's guards in FME's order: the definition must exist (unless
 * this creates it), the environment must not require approvals, and the workspace's title and
 * comment rule must hold.
 */
function writeTarget(req: AdminRequest, opts: { mustExist: boolean; titleFrom: TitleSource; body?: unknown }) {
  const t = target(req);
  refuseWhileArchived(req, t.f);
  if (opts.mustExist) resolve.definition(t.store, t.f, t.env);
  requireDirectWrites(t.store, t.env);
  const fromBody = (key: string) => (isObject(opts.body) ? opts.body[key] : undefined);
  const pick = (key: string): unknown => {
    if (opts.titleFrom === 'body') return fromBody(key);
    if (opts.titleFrom === 'query') return req.query.get(key);
    return req.query.get(key) ?? fromBody(key);
  };
  requireTitleAndComment(t.ws, pick('title'), pick('comment'));
  return t;
}

function killOrRestore(req: AdminRequest, killed: boolean): boolean {
  // Title/comment may come as query params or in the optional `{comment, title}` body.
  const { store, env, f } = writeTarget(req, { mustExist: true, titleFrom: 'either', body: req.json() });
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
    .map(d => definitionView(store, d, req.strictness));
  return offsetPage(defs, req.query);
}
