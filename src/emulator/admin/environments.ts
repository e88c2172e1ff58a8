import { badRequest, conflict } from '../errors';
import { applyJsonPatch } from '../json-patch';
import { Router } from '../router';
import { newEnvironment } from '../seed';
import { AdminHandler, AdminRequest } from './request';
import * as resolve from './resolve';
import { environmentView } from './views';
import { isObject, requireObject, requireString } from '../validation/checks';

/** Environments (docs/fme-api.md#environments): list (bare array) and create. */
export function addEnvironmentRoutes(router: Router<AdminHandler>): void {
  router
    .add('GET', '/environments/ws/:ws', req => {
      const ws = resolve.workspace(req.store, req.params.ws);
      return req.store.data.environments.filter(e => e.workspaceId === ws.id).map(e => environmentView(e, req.store.data.orgId));
    })
    .add('POST', '/environments/ws/:ws', createEnvironment)
    .add('PATCH', '/environments/ws/:ws/:env', patchEnvironment);
}

/**
 * JSON Patch on `{name, production, changePermissions: {areApprovalsRequired}}`. The Terraform
 * provider sends `production` as the string `"true"`, so strings are accepted (docs/fme-api.md#environments).
 */
function patchEnvironment(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const env = resolve.environment(store, ws, req.params.env);
  const view = { name: env.name, production: env.production, changePermissions: { areApprovalsRequired: env.approvalsRequired } };
  const patched = applyJsonPatch<Record<string, unknown>>(view, req.json());
  const name = requireString(patched.name, 'name');
  if (name !== env.name && store.data.environments.some(e => e.workspaceId === ws.id && e.name === name)) {
    throw conflict(`Environment ${name} already exists in workspace ${ws.name}`);
  }
  const production = toBoolean(patched.production, 'production');
  const permissions = isObject(patched.changePermissions) ? patched.changePermissions : {};
  env.name = name;
  env.production = production;
  env.approvalsRequired = toBoolean(permissions.areApprovalsRequired ?? false, 'changePermissions.areApprovalsRequired');
  store.changed();
  return environmentView(env, store.data.orgId);
}

function toBoolean(value: unknown, field: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw badRequest(`${field} must be true or false, got ${JSON.stringify(value)}`);
}

function createEnvironment(req: AdminRequest): unknown {
  const store = req.store;
  const ws = resolve.workspace(store, req.params.ws);
  const body = requireObject(req.json(), 'environment');
  const name = requireString(body.name, 'name');
  // FME limits environment names (v4 documents 15 characters) to letters, digits, '-' and '_'.
  if (!/^[a-zA-Z0-9][-_a-zA-Z0-9 ]{0,49}$/.test(name)) throw badRequest(`Environment name '${name}' is invalid`);
  if (store.data.environments.some(e => e.workspaceId === ws.id && e.name === name)) {
    throw conflict(`Environment ${name} already exists in workspace ${ws.name}`);
  }
  const production = body.production === true || body.production === 'true';
  const approvalsRequired = isObject(body.changePermissions) && body.changePermissions.areApprovalsRequired === true;
  const env = newEnvironment(ws.id, name, { production, approvalsRequired, now: Date.now() });
  store.data.environments.push(env);
  store.changed();
  return environmentView(env, store.data.orgId);
}
