import { FmeClientConfigError } from './errors';
import { collectMarkerPages, MarkerPage, v3BaseUrl } from './flag-sets';
import { chunk, collectOffsetPages } from './paging';
import { FmeTransport, TransportOptions } from './transport';
import type {
  Attribute, ChangeRequest, ChangeRequestSubmission, Definition, DefinitionRequest, Environment, Flag, FlagSet, JsonPatchOperation, LargeSegment,
  OffsetPage, RolloutStatus, Segment, SegmentKeys, TrafficType, Workspace, WriteNote,
} from './types';

/**
 * One segment of an Admin API path: `value` percent-encoded with `encodeURIComponent` (so slash, backslash,
 * `?`, `#`, `%`, spaces and non-ASCII characters cannot change the path's shape).
 *
 * `""`, `"."` and `".."` are refused before anything is sent. No encoding can carry them: `.` and `..`
 * are dot segments, which URL normalization removes (RFC 3986 §5.2.4), and the WHATWG URL Standard —
 * followed by Node's `URL` and therefore by axios — treats `%2E` and `%2E%2E` (any case) as dot
 * segments too. `/splits/ws/W/flag/environments/..` and `.../environments/%2E%2E` both reach the
 * server as `/splits/ws/W/flag`: a definition DELETE would become a flag DELETE. An empty segment
 * likewise addresses a different path. The synth-time name rules (docs/names.md) keep such names out
 * of specs; this is the last guard, for specs written by hand or by an older version.
 */
export function pathSegment(value: string): string {
  if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
    throw new FmeClientConfigError(
      `refused to call FME: ${JSON.stringify(value)} cannot be one segment of a URL path (URL normalization drops "." and ".." `
      + 'segments, also when percent-encoded, so the request would reach a different object); nothing was sent. '
      + 'Rename the object or fix the name in the configuration.',
    );
  }
  return encodeURIComponent(value);
}

/** FME accepts at most 10,000 new segment keys per call. */
export const MAX_KEYS_PER_CALL = 10_000;
const PAGE_SIZE = 50;
const KEYS_PAGE_SIZE = 100;

export interface FmeClientOptions extends TransportOptions {
  /** Title sent with definition writes (required by workspaces with `requiresTitleAndComments`). @default 'cdktf-harness-fme' */
  readonly writeTitle?: string;
  /** Comment sent with definition writes. @default 'Applied by cdktf-harness-fme' */
  readonly writeComment?: string;
}

/**
 * Typed calls for every Admin API v2 endpoint the library uses. Reads of objects that may be
 * absent resolve `undefined` on 404; deletes resolve `false` when the object was already gone.
 */
export class FmeClient {
  public readonly transport: FmeTransport;
  private readonly title: string;
  private readonly comment: string;
  private readonly v2BaseUrl: string;

  constructor(options: FmeClientOptions) {
    this.transport = new FmeTransport(options);
    this.v2BaseUrl = options.baseUrl;
    this.title = options.writeTitle ?? 'cdktf-harness-fme';
    this.comment = options.writeComment ?? 'Applied by cdktf-harness-fme';
  }

  /** The title and comment of one write: the caller's where given, else the client's defaults. */
  private noteWith(override: WriteNote | undefined) {
    return { title: override?.title ?? this.title, comment: override?.comment ?? this.comment };
  }

  // ---- workspaces, environments, traffic types, rollout statuses ----

  /**
   * Every workspace with exactly this name. Harness project names repeat across organizations, so
   * there may be several (docs/fme-api.md#workspaces); the caller decides what to do with them.
   */
  public async findWorkspacesByName(name: string): Promise<Workspace[]> {
    const found = await this.listWorkspaces({ name, nameOp: 'IS' }, name);
    return found.filter((w) => w.name === name);
  }

  /**
   * The workspaces of one Harness project (filtered by FME, as Harness's own Go client asks, and
   * again here in case a server ignores the filter).
   */
  public async findWorkspacesByProject(organizationIdentifier: string, projectIdentifier: string): Promise<Workspace[]> {
    const found = await this.listWorkspaces({ organizationIdentifier, projectIdentifier }, `${organizationIdentifier}/${projectIdentifier}`);
    return found.filter((w) => w.organizationIdentifier === organizationIdentifier && w.projectIdentifier === projectIdentifier);
  }

  /** The workspace with this id, from the full list (v2 has no GET of one workspace); undefined when absent. */
  public async findWorkspaceById(id: string): Promise<Workspace | undefined> {
    return (await this.listWorkspaces({}, id)).find((w) => w.id === id);
  }

  private async listWorkspaces(filter: Record<string, string>, label: string): Promise<Workspace[]> {
    return collectOffsetPages<Workspace>(async (offset, limit) => {
      const page = await this.transport.send<OffsetPage<Workspace>>({
        method: 'GET',
        path: '/workspaces',
        query: { ...filter, offset, limit },
        context: { operation: 'look up workspace', workspace: label },
      });
      return { items: page?.objects ?? [], totalCount: page?.totalCount, limit: page?.limit };
    }, PAGE_SIZE);
  }

  public async listEnvironments(wsId: string): Promise<Environment[]> {
    return (await this.transport.send<Environment[]>({
      method: 'GET', path: `/environments/ws/${pathSegment(wsId)}`, context: { operation: 'list environments' },
    })) ?? [];
  }

  /** The workspace's traffic types (a bare array, docs/fme-api.md#traffic-types). */
  public async listTrafficTypes(wsId: string): Promise<TrafficType[]> {
    return (await this.transport.send<TrafficType[]>({
      method: 'GET', path: `/trafficTypes/ws/${pathSegment(wsId)}`, context: { operation: 'list traffic types' },
    })) ?? [];
  }

  /** The attribute schema of one traffic type, by traffic type id (a bare array, docs/fme-api.md#attributes). */
  public async listAttributes(wsId: string, trafficTypeId: string): Promise<Attribute[]> {
    const answer = await this.transport.send<Attribute[] | { objects?: Attribute[] }>({
      method: 'GET',
      path: `/schema/ws/${pathSegment(wsId)}/trafficTypes/${pathSegment(trafficTypeId)}`,
      context: { operation: 'list attributes' },
    });
    // Harness's Go client accepts a marker page `{objects, nextMarker}` as well as the bare array.
    return Array.isArray(answer) ? answer : answer?.objects ?? [];
  }

  public async listRolloutStatuses(wsId: string): Promise<RolloutStatus[]> {
    return (await this.transport.send<RolloutStatus[]>({
      method: 'GET', path: '/rolloutStatuses', query: { wsId }, context: { operation: 'list rollout statuses' },
    })) ?? [];
  }

  // ---- flags ----

  public async getFlag(wsId: string, flag: string): Promise<Flag | undefined> {
    return this.transport.send<Flag>({
      method: 'GET',
      path: `/splits/ws/${pathSegment(wsId)}/${pathSegment(flag)}`,
      notFoundOk: true,
      context: { operation: 'read flag', flag },
    });
  }

  public async createFlag(wsId: string, trafficType: string, flag: string, description?: string): Promise<Flag> {
    return (await this.transport.send<Flag>({
      method: 'POST',
      path: `/splits/ws/${pathSegment(wsId)}/trafficTypes/${pathSegment(trafficType)}`,
      body: description ? { name: flag, description } : { name: flag },
      context: { operation: 'create flag', flag },
    }))!;
  }

  /** JSON Patch of flag metadata: `/description`, `/tags`, `/rolloutStatus/id`. */
  public async patchFlag(wsId: string, flag: string, ops: JsonPatchOperation[]): Promise<Flag> {
    return (await this.transport.send<Flag>({
      method: 'PATCH',
      path: `/splits/ws/${pathSegment(wsId)}/${pathSegment(flag)}`,
      body: ops,
      context: { operation: 'update flag metadata', flag },
    }))!;
  }

  public async deleteFlag(wsId: string, flag: string): Promise<boolean> {
    const r = await this.transport.send({
      method: 'DELETE',
      path: `/splits/ws/${pathSegment(wsId)}/${pathSegment(flag)}`,
      notFoundOk: true,
      context: { operation: 'delete flag', flag },
    });
    return r !== undefined;
  }

  /**
   * Archives the flag (docs/fme-api.md#archive-and-unarchive): SDKs answer `control` for it and its
   * definitions stay. A flag already gone (404) is success.
   */
  public async archiveFlag(wsId: string, flag: string): Promise<void> {
    await this.transport.send({
      method: 'POST',
      path: `/splits/ws/${pathSegment(wsId)}/${pathSegment(flag)}/archive`,
      body: {},
      notFoundOk: true,
      context: { operation: 'archive flag', flag },
    });
  }

  /** Unarchives an archived flag (docs/fme-api.md#archive-and-unarchive). */
  public async unarchiveFlag(wsId: string, flag: string): Promise<void> {
    await this.transport.send({
      method: 'POST',
      path: `/splits/ws/${pathSegment(wsId)}/${pathSegment(flag)}/unarchive`,
      body: {},
      context: { operation: 'unarchive flag', flag },
    });
  }

  // ---- definitions ----

  private definitionPath(wsId: string, flag: string, env: string): string {
    return `/splits/ws/${pathSegment(wsId)}/${pathSegment(flag)}/environments/${pathSegment(env)}`;
  }

  public async getDefinition(wsId: string, flag: string, environment: string): Promise<Definition | undefined> {
    return this.transport.send<Definition>({
      method: 'GET',
      path: this.definitionPath(wsId, flag, environment),
      notFoundOk: true,
      context: { operation: 'read definition', flag, environment },
    });
  }

  /** Every definition in an environment. Not called by the handler; `test/client/path-segments.test.ts` exercises it. */
  public async listDefinitions(wsId: string, environment: string): Promise<Definition[]> {
    return collectOffsetPages<Definition>(async (offset, limit) => {
      const page = await this.transport.send<OffsetPage<Definition>>({
        method: 'GET',
        path: `/splits/ws/${pathSegment(wsId)}/environments/${pathSegment(environment)}`,
        query: { offset, limit },
        context: { operation: 'list definitions', environment },
      });
      return { items: page?.objects ?? [], totalCount: page?.totalCount, limit: page?.limit };
    }, PAGE_SIZE);
  }

  public async createDefinition(
    wsId: string, flag: string, environment: string, definition: DefinitionRequest, note?: WriteNote,
  ): Promise<Definition> {
    return (await this.transport.send<Definition>({
      method: 'POST',
      path: this.definitionPath(wsId, flag, environment),
      body: { ...definition, ...this.noteWith(note) },
      context: { operation: 'create definition', flag, environment },
    }))!;
  }

  public async patchDefinition(wsId: string, flag: string, environment: string, ops: JsonPatchOperation[], note?: WriteNote): Promise<Definition> {
    return (await this.transport.send<Definition>({
      method: 'PATCH',
      path: this.definitionPath(wsId, flag, environment),
      body: ops,
      query: this.noteWith(note),
      context: { operation: 'update definition', flag, environment },
    }))!;
  }

  public async deleteDefinition(wsId: string, flag: string, environment: string, note?: WriteNote): Promise<boolean> {
    const r = await this.transport.send({
      method: 'DELETE',
      path: this.definitionPath(wsId, flag, environment),
      query: this.noteWith(note),
      notFoundOk: true,
      context: { operation: 'delete definition', flag, environment },
    });
    return r !== undefined;
  }

  /**
   * Kills the flag in one environment. The title and comment travel in the body, as Harness's own
   * MCP server sends them: workspaces with `requiresTitleAndComments` refuse a kill without them
   * (docs/fme-api.md#kill-and-restore).
   */
  public async killDefinition(wsId: string, flag: string, environment: string, note?: WriteNote): Promise<void> {
    await this.transport.send({
      method: 'PUT',
      path: `${this.definitionPath(wsId, flag, environment)}/kill`,
      body: this.noteWith(note),
      context: { operation: 'kill', flag, environment },
    });
  }

  /** Restores a killed flag in one environment; title and comment as for `killDefinition`. */
  public async restoreDefinition(wsId: string, flag: string, environment: string, note?: WriteNote): Promise<void> {
    await this.transport.send({
      method: 'PUT',
      path: `${this.definitionPath(wsId, flag, environment)}/restore`,
      body: this.noteWith(note),
      context: { operation: 'restore', flag, environment },
    });
  }

  // ---- segments ----

  public async getSegment(wsId: string, segment: string): Promise<Segment | undefined> {
    return this.transport.send<Segment>({
      method: 'GET',
      path: `/segments/ws/${pathSegment(wsId)}/${pathSegment(segment)}`,
      notFoundOk: true,
      context: { operation: 'read segment', segment },
    });
  }

  public async createSegment(wsId: string, trafficType: string, segment: string, description?: string): Promise<Segment> {
    return (await this.transport.send<Segment>({
      method: 'POST',
      path: `/segments/ws/${pathSegment(wsId)}/trafficTypes/${pathSegment(trafficType)}`,
      body: description ? { name: segment, description } : { name: segment },
      context: { operation: 'create segment', segment },
    }))!;
  }

  /** Replaces the segment's tags (the tags endpoint overwrites the list). */
  public async setSegmentTags(wsId: string, segment: string, tags: string[]): Promise<void> {
    await this.transport.send({
      method: 'POST',
      path: `/tags/ws/${pathSegment(wsId)}/object/${pathSegment(segment)}/objecttype/Segment`,
      body: tags,
      context: { operation: 'tag segment', segment },
    });
  }

  public async deleteSegment(wsId: string, segment: string): Promise<boolean> {
    const r = await this.transport.send({
      method: 'DELETE',
      path: `/segments/ws/${pathSegment(wsId)}/${pathSegment(segment)}`,
      notFoundOk: true,
      context: { operation: 'delete segment', segment },
    });
    return r !== undefined;
  }

  /** Configures the segment in an environment (`environment` = id; FME's env-level segment paths take ids). */
  public async activateSegment(envId: string, segment: string, environment = envId): Promise<void> {
    await this.transport.send({
      method: 'POST',
      path: `/segments/${pathSegment(envId)}/${pathSegment(segment)}`,
      context: { operation: 'activate segment', segment, environment },
    });
  }

  /** Removes the segment from an environment; FME requires it to be empty. `false` when it was not there. */
  public async deactivateSegment(envId: string, segment: string, environment = envId): Promise<boolean> {
    const r = await this.transport.send({
      method: 'DELETE',
      path: `/segments/${pathSegment(envId)}/${pathSegment(segment)}`,
      notFoundOk: true,
      context: { operation: 'deactivate segment', segment, environment },
    });
    return r !== undefined;
  }

  /** All keys of the segment in an environment, or `undefined` when it is not configured there. */
  public async getSegmentKeys(envId: string, segment: string, environment = envId): Promise<string[] | undefined> {
    return (await this.readSegmentKeys(envId, segment, environment))?.keys;
  }

  /**
   * All keys of the segment in an environment and its open change request (FME reports one per
   * key page: docs/fme-api.md#segments), or `undefined` when it is not configured there.
   */
  public async readSegmentKeys(envId: string, segment: string, environment = envId): Promise<SegmentKeys | undefined> {
    let missing = false;
    let openChangeRequestId: string | null = null;
    const keys = await collectOffsetPages<string>(async (offset, limit) => {
      const page = await this.transport.send<{ keys?: { key: string }[]; count?: number; openChangeRequestId?: string | null }>({
        method: 'GET',
        path: `/segments/${pathSegment(envId)}/${pathSegment(segment)}/keys`,
        query: { offset, limit },
        notFoundOk: true,
        context: { operation: 'read segment keys', segment, environment },
      });
      if (page === undefined) missing = true;
      openChangeRequestId = page?.openChangeRequestId ?? openChangeRequestId;
      return { items: (page?.keys ?? []).map((k) => k.key) };
    }, KEYS_PAGE_SIZE);
    return missing ? undefined : { keys, openChangeRequestId };
  }

  /** Adds keys (or replaces the list when `replace`), at most 10,000 per call; `note` overrides the default title and comment. */
  public async uploadSegmentKeys(
    envId: string, segment: string, keys: string[], replace: boolean, environment = envId, note?: WriteNote,
  ): Promise<void> {
    const batches = chunk(keys, MAX_KEYS_PER_CALL);
    for (const [i, batch] of batches.entries()) {
      await this.transport.send({
        method: 'PUT',
        path: `/segments/${pathSegment(envId)}/${pathSegment(segment)}/uploadKeys`,
        query: { replace: replace && i === 0 },
        body: { keys: batch, ...this.noteWith(note) },
        context: { operation: 'upload segment keys', segment, environment },
      });
    }
  }

  public async removeSegmentKeys(envId: string, segment: string, keys: string[], environment = envId, note?: WriteNote): Promise<void> {
    for (const batch of chunk(keys, MAX_KEYS_PER_CALL)) {
      await this.transport.send({
        method: 'PUT',
        path: `/segments/${pathSegment(envId)}/${pathSegment(segment)}/removeKeys`,
        body: { keys: batch, ...this.noteWith(note) },
        context: { operation: 'remove segment keys', segment, environment },
      });
    }
  }

  // ---- large segments (docs/fme-api.md#large-segments) ----

  public async getLargeSegment(wsId: string, name: string): Promise<LargeSegment | undefined> {
    return this.transport.send<LargeSegment>({
      method: 'GET',
      path: `/large-segments/ws/${pathSegment(wsId)}/${pathSegment(name)}`,
      notFoundOk: true,
      context: { operation: 'read large segment', segment: name },
    });
  }

  public async createLargeSegment(wsId: string, trafficType: string, name: string, description?: string): Promise<LargeSegment> {
    return (await this.transport.send<LargeSegment>({
      method: 'POST',
      path: `/large-segments/ws/${pathSegment(wsId)}/trafficTypes/${pathSegment(trafficType)}`,
      body: description ? { name, description } : { name },
      context: { operation: 'create large segment', segment: name },
    }))!;
  }

  /** `false` when it was already gone. */
  public async deleteLargeSegment(wsId: string, name: string): Promise<boolean> {
    const r = await this.transport.send({
      method: 'DELETE',
      path: `/large-segments/ws/${pathSegment(wsId)}/${pathSegment(name)}`,
      notFoundOk: true,
      context: { operation: 'delete large segment', segment: name },
    });
    return r !== undefined;
  }

  /** Replaces the large segment's tags (objecttype `LargeSegment`: unconfirmed, docs/fme-api.md#large-segments). */
  public async setLargeSegmentTags(wsId: string, name: string, tags: string[]): Promise<void> {
    await this.transport.send({
      method: 'POST',
      path: `/tags/ws/${pathSegment(wsId)}/object/${pathSegment(name)}/objecttype/LargeSegment`,
      body: tags,
      context: { operation: 'tag large segment', segment: name },
    });
  }

  /** Every large segment of the workspace, with its tags (a bare array, as both public clients read it). */
  public async listLargeSegments(wsId: string): Promise<LargeSegment[]> {
    const list = await this.transport.send<LargeSegment[]>({
      method: 'GET',
      path: `/large-segments/ws/${pathSegment(wsId)}`,
      context: { operation: 'list large segments' },
    });
    return list ?? [];
  }

  /** Names of the large segments defined in an environment (a bare array, as the Python client reads it). */
  public async listLargeSegmentsInEnvironment(wsId: string, envId: string, environment = envId): Promise<string[]> {
    const list = await this.transport.send<Array<{ name: string }>>({
      method: 'GET',
      path: `/large-segments/ws/${pathSegment(wsId)}/environments/${pathSegment(envId)}`,
      context: { operation: 'list large segments', environment },
    });
    return (list ?? []).map((s) => s.name);
  }

  public async activateLargeSegment(envId: string, name: string, environment = envId): Promise<void> {
    await this.transport.send({
      method: 'POST',
      path: `/large-segments/${pathSegment(envId)}/${pathSegment(name)}`,
      context: { operation: 'activate large segment', segment: name, environment },
    });
  }

  /** `false` when it was not defined there. */
  public async deactivateLargeSegment(envId: string, name: string, environment = envId): Promise<boolean> {
    const r = await this.transport.send({
      method: 'DELETE',
      path: `/large-segments/${pathSegment(envId)}/${pathSegment(name)}`,
      notFoundOk: true,
      context: { operation: 'deactivate large segment', segment: name, environment },
    });
    return r !== undefined;
  }

  // ---- change requests ----

  public async submitChangeRequest(wsId: string, envId: string, body: ChangeRequestSubmission, environment = envId): Promise<ChangeRequest> {
    return (await this.transport.send<ChangeRequest>({
      method: 'POST',
      path: `/changeRequests/ws/${pathSegment(wsId)}/environments/${pathSegment(envId)}`,
      body,
      context: {
        operation: `submit ${body.operationType} change request`, flag: body.split?.name, segment: body.segment?.name ?? body.largeSegment?.name, environment,
      },
    }))!;
  }

  /** One change request, or `undefined`. Not called by the handler; `test/client/path-segments.test.ts` exercises it. */
  public async getChangeRequest(id: string): Promise<ChangeRequest | undefined> {
    return this.transport.send<ChangeRequest>({
      method: 'GET', path: `/changeRequests/${pathSegment(id)}`, notFoundOk: true, context: { operation: 'read change request' },
    });
  }

  // ---- flag sets (Admin API v3) ----

  /** An absolute v3 URL (axios then ignores the v2 base URL). */
  private flagSetsUrl(id?: string): string {
    return `${v3BaseUrl(this.v2BaseUrl)}/flag-sets${id === undefined ? '' : `/${pathSegment(id)}`}`;
  }

  /** Every flag set of the workspace (marker paging, 200 per page as Harness's and Split's clients ask). */
  public async listFlagSets(wsId: string): Promise<FlagSet[]> {
    return collectMarkerPages<FlagSet>((after) => this.transport.send<MarkerPage<FlagSet>>({
      method: 'GET',
      path: this.flagSetsUrl(),
      query: { workspace_id: wsId, limit: 200, ...(after !== undefined ? { after } : {}) },
      context: { operation: 'list flag sets' },
    }));
  }

  /** The flag set with this name, or `undefined`: v3 has no lookup by name, so the list is read. */
  public async findFlagSet(wsId: string, name: string): Promise<FlagSet | undefined> {
    return (await this.listFlagSets(wsId)).find((s) => s.name === name);
  }

  public async getFlagSet(id: string, name?: string): Promise<FlagSet | undefined> {
    return this.transport.send<FlagSet>({
      method: 'GET', path: this.flagSetsUrl(id), notFoundOk: true, context: { operation: 'read flag set', flagSet: name ?? id },
    });
  }

  public async createFlagSet(wsId: string, name: string, description?: string): Promise<FlagSet> {
    return (await this.transport.send<FlagSet>({
      method: 'POST',
      path: this.flagSetsUrl(),
      body: { name, ...(description ? { description } : {}), workspace: { id: wsId, type: 'workspace' } },
      context: { operation: 'create flag set', flagSet: name },
    }))!;
  }

  /** Deletes a flag set by id; `false` when it was already gone. */
  public async deleteFlagSet(id: string, name?: string): Promise<boolean> {
    const r = await this.transport.send({
      method: 'DELETE', path: this.flagSetsUrl(id), notFoundOk: true, context: { operation: 'delete flag set', flagSet: name ?? id },
    });
    return r !== undefined;
  }
}
