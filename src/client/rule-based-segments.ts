/**
 * Admin API calls for rule-based segments (docs/fme-api.md#rule-based-segments). Kept apart from
 * `FmeClient` because the family is newer and partly unconfirmed; they go through the same
 * transport (retries, rate limits, errors that name the object).
 */
import type { FmeClient } from './fme-client';
import { pathSegment } from './fme-client';
import type { ChangeRequest, NamedRef, WriteNote } from './types';
import type { RuleBasedSegmentDefinitionSpec } from '../spec/resource-spec';

/** Workspace-level metadata of a rule-based segment, as the workspace list returns it. */
export interface RuleBasedSegment {
  readonly name: string;
  readonly description?: string | null;
  readonly trafficType?: NamedRef | null;
  readonly trafficTypeId?: string;
  readonly creationTime?: number;
}

/** A rule-based segment's definition in one environment, as the environment list returns it. */
export interface RuleBasedSegmentDefinition extends Partial<RuleBasedSegmentDefinitionSpec> {
  readonly name: string;
  readonly environment?: NamedRef;
  readonly trafficType?: NamedRef;
}

/** Page size of the list calls; both Split clients page with `offset` and `limit` (50). */
const PAGE = 50;

export class RuleBasedSegmentsApi {
  constructor(private readonly client: FmeClient) {}

  /** Every rule-based segment of the workspace (bare array pages). */
  public async list(wsId: string): Promise<RuleBasedSegment[]> {
    return this.pages((offset) => this.client.transport.send<unknown>({
      method: 'GET',
      path: `/rule-based-segments/ws/${pathSegment(wsId)}`,
      query: { offset, limit: PAGE },
      context: { operation: 'list rule-based segments' },
    }));
  }

  /** One rule-based segment, found in the workspace list (the list is the read both public clients make). */
  public async get(wsId: string, name: string): Promise<RuleBasedSegment | undefined> {
    return (await this.list(wsId)).find((s) => s.name === name);
  }

  public async create(wsId: string, trafficType: string, name: string, description?: string): Promise<RuleBasedSegment> {
    return (await this.client.transport.send<RuleBasedSegment>({
      method: 'POST',
      path: `/rule-based-segments/ws/${pathSegment(wsId)}/trafficTypes/${pathSegment(trafficType)}`,
      body: description ? { name, description } : { name },
      context: { operation: 'create rule-based segment', segment: name },
    }))!;
  }

  /** `false` when it was already gone. */
  public async delete(wsId: string, name: string): Promise<boolean> {
    const r = await this.client.transport.send({
      method: 'DELETE',
      path: `/rule-based-segments/ws/${pathSegment(wsId)}/${pathSegment(name)}`,
      notFoundOk: true,
      context: { operation: 'delete rule-based segment', segment: name },
    });
    return r !== undefined;
  }

  /** Configures it in an environment (an empty definition). */
  public async activate(envId: string, name: string, environment = envId): Promise<void> {
    await this.client.transport.send({
      method: 'POST',
      path: `/rule-based-segments/${pathSegment(envId)}/${pathSegment(name)}`,
      context: { operation: 'activate rule-based segment', segment: name, environment },
    });
  }

  /** Removes it from an environment; `false` when it was not there. */
  public async deactivate(envId: string, name: string, environment = envId): Promise<boolean> {
    const r = await this.client.transport.send({
      method: 'DELETE',
      path: `/rule-based-segments/${pathSegment(envId)}/${pathSegment(name)}`,
      notFoundOk: true,
      context: { operation: 'deactivate rule-based segment', segment: name, environment },
    });
    return r !== undefined;
  }

  /** Every rule-based segment definition of an environment (`{objects}` pages, or bare arrays). */
  public async definitions(wsId: string, envId: string, environment = envId): Promise<RuleBasedSegmentDefinition[]> {
    return this.pages((offset) => this.client.transport.send<unknown>({
      method: 'GET',
      path: `/rule-based-segments/ws/${pathSegment(wsId)}/environments/${pathSegment(envId)}`,
      query: { offset, limit: PAGE },
      context: { operation: 'list rule-based segment definitions', environment },
    }));
  }

  /** Replaces the definition in an environment. */
  public async update(
    wsId: string, name: string, envId: string, definition: RuleBasedSegmentDefinitionSpec, note: Required<WriteNote>, environment = envId,
  ): Promise<void> {
    await this.client.transport.send({
      method: 'PUT',
      path: `/rule-based-segments/ws/${pathSegment(wsId)}/${pathSegment(name)}/environments/${pathSegment(envId)}`,
      body: { title: note.title, comment: note.comment, ...definition },
      context: { operation: 'update rule-based segment definition', segment: name, environment },
    });
  }

  /** Submits the definition as a change request (key `ruleBasedSegment`). */
  public async submitChangeRequest(
    wsId: string, envId: string, name: string, definition: RuleBasedSegmentDefinitionSpec,
    request: { title: string; comment: string; approvers: string[]; scheduledFor?: number; scheduledForTimezone?: string }, environment = envId,
  ): Promise<ChangeRequest> {
    return (await this.client.transport.send<ChangeRequest>({
      method: 'POST',
      path: `/changeRequests/ws/${pathSegment(wsId)}/environments/${pathSegment(envId)}`,
      body: { ruleBasedSegment: { name, ...definition }, operationType: 'UPDATE', ...request },
      context: { operation: 'submit UPDATE change request', segment: name, environment },
    }))!;
  }

  private async pages<T>(fetch: (offset: number) => Promise<unknown>): Promise<T[]> {
    const all: T[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await fetch(offset);
      const items = (Array.isArray(page) ? page : (page as { objects?: T[] } | undefined)?.objects ?? []) as T[];
      all.push(...items);
      if (items.length < PAGE) return all;
    }
  }
}
