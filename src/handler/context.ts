import { HandlerError } from './errors';
import { Log } from './log';
import { cached, SharedCache } from './shared-cache';
import { FmeClient } from '../client/fme-client';
import { RequestTally } from '../client/transport';
import type { NamedRef } from '../client/types';
import type { FmeTargetSpec } from '../spec/resource-spec';

/** Everything a command needs to talk to one FME workspace. */
export class HandlerContext {
  /**
   * Creates a context and runs `work` with it. If anything fails, the ids this run may have
   * taken from the shared cache are forgotten: a stale id (a workspace or environment re-created
   * under the same name) then costs one failed run, not every retry until the cache expires.
   */
  public static async run(
    target: FmeTargetSpec, log: Log, env: NodeJS.ProcessEnv, work: (ctx: HandlerContext) => Promise<void>,
  ): Promise<void> {
    const cache = new SharedCache(target.apiBaseUrl, env);
    let ctx: HandlerContext | undefined;
    try {
      ctx = await HandlerContext.create(target, log, env, cache);
      await work(ctx);
    } catch (e) {
      if (target.workspaceId === undefined) cache.delete(workspaceKey(target));
      ctx?.forgetCachedLists();
      throw e;
    }
  }

  /**
   * Creates the client and resolves the workspace id once per deploy: from the spec, else from
   * the shared cache, else by Harness project or by name (docs/decisions.md, D5).
   */
  public static async create(
    target: FmeTargetSpec, log: Log, env: NodeJS.ProcessEnv, cache = new SharedCache(target.apiBaseUrl, env),
  ): Promise<HandlerContext> {
    log.addSecret(env[target.apiKeyEnvVar]);
    const client = clientFor(target, env);
    const workspaceId: string = target.workspaceId ?? await cached(cache, workspaceKey(target), () => resolveWorkspace(client, target));
    return new HandlerContext(client, workspaceId, target, log, cache);
  }

  private constructor(
    public readonly client: FmeClient,
    public readonly workspaceId: string,
    public readonly target: FmeTargetSpec,
    public readonly log: Log,
    /** Values shared by the handler processes of one deploy (ids, and facts such as "this workspace takes no segment tags"). */
    public readonly cache: SharedCache,
  ) {}

  /** Id of an environment given by name or id (segment and change-request paths need ids). */
  public async environmentId(nameOrId: string): Promise<string> {
    const envs = await cached(this.cache, this.environmentsKey, () => this.client.listEnvironments(this.workspaceId));
    return findByNameOrId(envs, nameOrId, 'environment', this.workspaceId);
  }

  /** Id of a rollout status given by name (case-insensitive). */
  public async rolloutStatusId(name: string): Promise<string> {
    const statuses = await cached(this.cache, this.rolloutStatusesKey, () => this.client.listRolloutStatuses(this.workspaceId));
    const found = statuses.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) {
      throw new HandlerError(`Rollout status "${name}" does not exist in this FME workspace. Known statuses: ${statuses.map((s) => s.name).join(', ')}.`);
    }
    return found.id;
  }

  /**
   * Runs one step on one FME object: `work` with fresh read/write counters, then the object's
   * progress line `<label>: <what work did> (<n> reads, <m> writes)`. `describe` turns the result
   * into the middle part (by default the result itself, a string). Returns the result; a step that
   * throws logs nothing.
   */
  public async step<T>(label: string, work: () => Promise<T>, describe: (result: T) => string = String): Promise<T> {
    const tally = new RequestTally();
    this.client.transport.tally = tally;
    const result = await work();
    this.log.info(`${label}: ${describe(result)} (${tally.describe()})`);
    return result;
  }

  private forgetCachedLists(): void {
    this.cache.delete(this.environmentsKey);
    this.cache.delete(this.rolloutStatusesKey);
    // A flag set deleted and re-created under its name would leave a stale id (see flag-set/ids.ts).
    this.cache.delete(`flagSets:${this.workspaceId}`);
  }

  private get environmentsKey(): string {
    return `environments:${this.workspaceId}`;
  }

  private get rolloutStatusesKey(): string {
    return `rolloutStatuses:${this.workspaceId}`;
  }
}

/** Id of an environment, or undefined when the workspace has none by that name or id. */
export async function environmentIdIfAny(ctx: HandlerContext, environment: string): Promise<string | undefined> {
  try {
    return await ctx.environmentId(environment);
  } catch (e) {
    if (e instanceof HandlerError) return undefined;
    throw e;
  }
}

function workspaceKey(target: FmeTargetSpec): string {
  const project = target.harnessProject;
  return project ? `workspace-of-project:${project.organizationIdentifier}/${project.projectIdentifier}` : `workspace:${target.workspaceName}`;
}

/**
 * The one workspace the target names. Several workspaces may share a name (Harness project names
 * are unique per organization, not per account), so a name that matches more than one is an error
 * listing them rather than a silent pick (docs/fme-api.md#workspaces).
 */
/** The Admin API client for a spec's target: its base URL, key variable, retry bound and auth scheme. */
export function clientFor(target: FmeTargetSpec, env: NodeJS.ProcessEnv): FmeClient {
  return new FmeClient({
    baseUrl: target.apiBaseUrl,
    apiKeyEnvVar: target.apiKeyEnvVar,
    maxRetrySeconds: target.maxRetrySeconds,
    env,
    requestTimeoutMs: env.FME_REQUEST_TIMEOUT_MS ? Number(env.FME_REQUEST_TIMEOUT_MS) : undefined,
    authScheme: target.authScheme,
  });
}

async function resolveWorkspace(client: FmeClient, target: FmeTargetSpec): Promise<string> {
  const project = target.harnessProject;
  const wanted = project
    ? `the workspace of Harness project "${project.projectIdentifier}" in organization "${project.organizationIdentifier}"`
    : `FME workspace "${target.workspaceName}"`;
  const found = project
    ? await client.findWorkspacesByProject(project.organizationIdentifier, project.projectIdentifier)
    : await client.findWorkspacesByName(target.workspaceName!);
  if (found.length === 0) {
    throw new HandlerError(`${wanted} was not found. Check FmeConfig (workspaceName, or organizationIdentifier and projectIdentifier), or set workspaceId.`);
  }
  if (found.length > 1) {
    const candidates = found.map((w) => `${w.id}${w.organizationIdentifier ? ` (organization ${w.organizationIdentifier}, project ${w.projectIdentifier})` : ''}`);
    throw new HandlerError(
      `${wanted} is ambiguous: ${found.length} workspaces match (${candidates.join('; ')}). ` +
      'Set FmeConfig workspaceId, or organizationIdentifier and projectIdentifier, to choose one.');
  }
  return found[0].id;
}

function findByNameOrId(items: NamedRef[], nameOrId: string, what: string, wsId: string): string {
  const found = items.find((i) => i.name === nameOrId) ?? items.find((i) => i.id === nameOrId);
  if (!found) {
    throw new HandlerError(`FME ${what} "${nameOrId}" was not found in workspace ${wsId}. Known: ${items.map((i) => i.name).join(', ')}.`);
  }
  return found.id;
}
