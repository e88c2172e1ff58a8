/**
 * Reads live FME for the objects a stack declares, at most one read per FME object
 * (docs/live.md#reads): flags and segments of the workspace come from the workspace lists (50 per
 * page; they are needed anyway to find objects this stack owns that the code no longer declares),
 * definitions from the environment's list when that takes fewer pages than reading the declared
 * ones one by one, segment keys one read per segment and environment (100 keys per page).
 *
 * Every request goes through the library's client, so the shared rate-limit gate paces it like the
 * handler's (`src/client/rate-limit-gate.ts`); reads run with bounded concurrency.
 */
import { pathSegment } from '../client/fme-client';
import { collectOffsetPages } from '../client/paging';
import type { Definition, Flag, FlagSet, OffsetPage, Segment } from '../client/types';
import { forEachLimited } from '../handler/commands/bootstrap';
import { environmentIdIfAny, HandlerContext } from '../handler/context';

/** Largest page the client asks for (docs/fme-api.md#pagination). */
export const LIST_PAGE_SIZE = 50;
/** Reads in flight at once; the shared gate still paces them. */
export const READ_CONCURRENCY = 8;

/** Everything read from one workspace. `undefined` entries: read, and absent in FME. */
export interface LiveWorkspace {
  readonly flags: ReadonlyMap<string, Flag>;
  readonly segments: ReadonlyMap<string, Segment>;
  /** `<flag>\u0000<environment as the spec names it>` → definition. */
  readonly definitions: ReadonlyMap<string, Definition | undefined>;
  /** `<segment>\u0000<environment as the spec names it>` → keys (undefined: not active there). */
  readonly segmentKeys: ReadonlyMap<string, string[] | undefined>;
  /** Every flag set of the workspace, by name; read only when the stack declares or names flag sets. */
  readonly flagSets?: ReadonlyMap<string, FlagSet>;
}

/** The key of a flag's definition or a segment's keys in one environment. */
export function envKey(name: string, environment: string): string {
  return `${name}\u0000${environment}`;
}

/** What to read: flag definitions and segment keys, by environment as the specs name it. */
export interface ReadRequest {
  readonly definitions: ReadonlyArray<{ readonly flag: string; readonly environment: string }>;
  readonly segmentKeys: ReadonlyArray<{ readonly segment: string; readonly environment: string }>;
  /** Read the workspace's flag sets (one v3 listing): the stack declares or names some. */
  readonly flagSets?: boolean;
}

/** Reports progress (`done` of `total` reads planned) for large stacks; called at most every 5%. */
export type Progress = (done: number, total: number) => void;

/** Every flag of the workspace (offset pages). */
export async function listFlags(ctx: HandlerContext): Promise<Flag[]> {
  return listPages<Flag>(ctx, `/splits/ws/${pathSegment(ctx.workspaceId)}`, 'list flags');
}

/** Every segment of the workspace (offset pages). */
export async function listSegments(ctx: HandlerContext): Promise<Segment[]> {
  return listPages<Segment>(ctx, `/segments/ws/${pathSegment(ctx.workspaceId)}`, 'list segments');
}

async function listPages<T>(ctx: HandlerContext, path: string, operation: string): Promise<T[]> {
  return collectOffsetPages<T>(async (offset, limit) => {
    const page = await ctx.client.transport.send<OffsetPage<T>>({ method: 'GET', path, query: { offset, limit }, context: { operation } });
    return { items: page?.objects ?? [], totalCount: page?.totalCount };
  }, LIST_PAGE_SIZE);
}

/**
 * Reads the workspace lists and what `request` names. Definitions of one environment come from
 * its list when the stack declares at least as many there as the list has pages.
 */
export async function readLive(ctx: HandlerContext, request: ReadRequest, progress?: Progress): Promise<LiveWorkspace> {
  const [flagList, segmentList, flagSetList] = await Promise.all([
    listFlags(ctx), listSegments(ctx), request.flagSets ? ctx.client.listFlagSets(ctx.workspaceId) : Promise.resolve(undefined),
  ]);
  const flags = new Map(flagList.map((f) => [f.name, f]));
  const segments = new Map(segmentList.map((s) => [s.name, s]));
  const definitions = new Map<string, Definition | undefined>();
  const segmentKeys = new Map<string, string[] | undefined>();

  const pagesPerList = Math.max(1, Math.ceil(flags.size / LIST_PAGE_SIZE));
  const byEnvironment = new Map<string, string[]>();
  for (const d of request.definitions) {
    // A flag absent from the workspace has no definition: no read needed.
    if (!flags.has(d.flag)) {
      definitions.set(envKey(d.flag, d.environment), undefined);
      continue;
    }
    byEnvironment.set(d.environment, [...(byEnvironment.get(d.environment) ?? []), d.flag]);
  }
  type Job = () => Promise<void>;
  const jobs: Job[] = [];
  for (const [environment, names] of byEnvironment) {
    if (names.length >= pagesPerList) {
      jobs.push(async () => {
        const listed = await listDefinitionsIfAny(ctx, environment);
        const found = new Map(listed.map((d) => [d.name, d]));
        for (const flag of names) definitions.set(envKey(flag, environment), found.get(flag));
      });
    } else {
      for (const flag of names) {
        jobs.push(async () => {
          definitions.set(envKey(flag, environment), await ctx.client.getDefinition(ctx.workspaceId, flag, environment));
        });
      }
    }
  }
  for (const s of request.segmentKeys) {
    if (!segments.has(s.segment)) {
      segmentKeys.set(envKey(s.segment, s.environment), undefined);
      continue;
    }
    jobs.push(async () => {
      const envId = await environmentIdIfAny(ctx, s.environment);
      const keys = envId === undefined ? undefined : await ctx.client.getSegmentKeys(envId, s.segment, s.environment);
      segmentKeys.set(envKey(s.segment, s.environment), keys);
    });
  }
  let done = 0;
  const step = Math.max(1, Math.floor(jobs.length / 20));
  await forEachLimited(jobs, READ_CONCURRENCY, async (job) => {
    await job();
    done++;
    if (progress && (done % step === 0 || done === jobs.length)) progress(done, jobs.length);
  });
  return { flags, segments, definitions, segmentKeys, ...(flagSetList ? { flagSets: new Map(flagSetList.map((s) => [s.name, s])) } : {}) };
}

/** Every definition of an environment; none when the workspace has no such environment (the deploy reports that itself). */
async function listDefinitionsIfAny(ctx: HandlerContext, environment: string): Promise<Definition[]> {
  if (await environmentIdIfAny(ctx, environment) === undefined) return [];
  return ctx.client.listDefinitions(ctx.workspaceId, environment);
}
