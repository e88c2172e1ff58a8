/**
 * Reads what `cdktf-fme import` turns into code: the workspace's flags filtered by name pattern,
 * tag and environment, their definitions, and the segments they use (or that match a pattern) with
 * their keys per environment. Lists are read page by page (50 a page); keys one read per segment
 * and environment.
 */
import type { ImportedFlag, ImportedRuleBasedSegment, ImportedSegment } from './typescript-writer';
import { pathSegment } from '../../client/fme-client';
import { collectOffsetPages } from '../../client/paging';
import { RuleBasedSegmentDefinition, RuleBasedSegmentsApi } from '../../client/rule-based-segments';
import type { Definition, OffsetPage, Segment } from '../../client/types';
import { HandlerContext } from '../../handler/context';
import { flagOwnership, segmentOwnership } from '../../handler/ownership';
import { ruleBasedOwnership } from '../../handler/rule-based-segment/converge';
import { LIST_PAGE_SIZE, listFlags, listSegments } from '../live-reader';

export interface ImportFilter {
  /** Flag name globs (`*` any run of characters); none: every flag. */
  readonly flags: readonly string[];
  /** Only flags with one of these (user) tags; none: no tag filter. */
  readonly tags: readonly string[];
  /** Only these environments (names); none: every environment. */
  readonly environments: readonly string[];
  /** Segment name globs (standard and rule-based) imported besides the segments the imported flags use. */
  readonly segments: readonly string[];
}

export interface WorkspaceExport {
  readonly flags: ImportedFlag[];
  readonly segments: ImportedSegment[];
  readonly ruleBasedSegments: ImportedRuleBasedSegment[];
  /** Objects owned by a stack (`cdktf-fme-owner:` tag): name → stack. */
  readonly owners: ReadonlyMap<string, string>;
}

export function globMatcher(patterns: readonly string[]): (name: string) => boolean {
  const res = patterns.map((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
  return (name) => res.some((re) => re.test(name));
}

export async function readWorkspace(ctx: HandlerContext, filter: ImportFilter): Promise<WorkspaceExport> {
  const flagName = filter.flags.length > 0 ? globMatcher(filter.flags) : () => true;
  const environments = (await ctx.client.listEnvironments(ctx.workspaceId))
    .filter((e) => filter.environments.length === 0 || filter.environments.includes(e.name));
  const owners = new Map<string, string>();
  const flags = (await listFlags(ctx)).filter((f) => flagName(f.name)
    && (filter.tags.length === 0 || flagOwnership(f).userTags.some((t) => filter.tags.includes(t))));
  const definitions = new Map<string, Map<string, Definition>>();
  for (const env of environments) {
    for (const d of await ctx.client.listDefinitions(ctx.workspaceId, env.id)) {
      if (!d.name) continue;
      if (!definitions.has(d.name)) definitions.set(d.name, new Map());
      definitions.get(d.name)!.set(env.name, d);
    }
  }
  // Flag sets are listed (v3) only when an imported definition belongs to one.
  const carriesSets = flags.some((f) => [...(definitions.get(f.name)?.values() ?? [])].some((d) => (d.flagSets ?? []).length > 0));
  const setNames = new Map(carriesSets ? (await ctx.client.listFlagSets(ctx.workspaceId)).map((s) => [s.id, s.name] as const) : []);
  const imported: ImportedFlag[] = flags.map((flag) => {
    const owner = flagOwnership(flag).owner;
    if (owner) owners.set(`flag ${flag.name}`, owner);
    const defs = definitions.get(flag.name) ?? new Map<string, Definition>();
    const flagSets = new Map([...defs].map(([env, d]) => [env, (d.flagSets ?? []).flatMap((r) => setNames.get(r.id) ?? []).sort()] as const)
      .filter(([, names]) => names.length > 0));
    return { flag, definitions: defs, ...(flagSets.size > 0 ? { flagSets } : {}) };
  }).sort((a, b) => a.flag.name.localeCompare(b.flag.name));

  const usedSegments = new Set<string>();
  const usedRuleBased = new Set<string>();
  for (const f of imported) {
    for (const d of f.definitions.values()) {
      for (const t of d.treatments ?? []) for (const s of t.segments ?? []) usedSegments.add(s);
      for (const r of d.rules ?? []) {
        for (const m of r.condition?.matchers ?? []) {
          if (m.type === 'IN_SEGMENT' && m.string) usedSegments.add(m.string);
          if (m.type === 'IN_RULE_BASED_SEGMENT' && m.string) usedRuleBased.add(m.string);
        }
      }
    }
  }
  const extra = filter.segments.length > 0 ? globMatcher(filter.segments) : () => filter.flags.length === 0 && filter.tags.length === 0;
  const segments = (await listSegments(ctx)).filter((s) => usedSegments.has(s.name) || extra(s.name));
  const importedSegments: ImportedSegment[] = [];
  for (const segment of segments.sort((a, b) => a.name.localeCompare(b.name))) {
    const owner = segmentOwnership(segment).owner;
    if (owner) owners.set(`segment ${segment.name}`, owner);
    importedSegments.push({ segment, keys: await segmentKeys(ctx, segment, environments) });
  }
  const ruleBasedSegments = await readRuleBased(ctx, environments, (name) => usedRuleBased.has(name) || extra(name), owners);
  return { flags: imported, segments: importedSegments, ruleBasedSegments, owners };
}

/**
 * The rule-based segments the imported flags use or that match the segment patterns, with their
 * definitions: one workspace list, and one list per environment when any is imported. Segments they
 * exclude are not followed: the code names them (`ExcludedSegment.*Named`) and they stay where they are.
 */
async function readRuleBased(
  ctx: HandlerContext, environments: ReadonlyArray<{ id: string; name: string }>, wanted: (name: string) => boolean, owners: Map<string, string>,
): Promise<ImportedRuleBasedSegment[]> {
  const api = new RuleBasedSegmentsApi(ctx.client);
  const segments = (await api.list(ctx.workspaceId)).filter((s) => wanted(s.name)).sort((a, b) => a.name.localeCompare(b.name));
  if (segments.length === 0) return [];
  const perEnvironment = new Map<string, Map<string, RuleBasedSegmentDefinition>>();
  for (const env of environments) {
    perEnvironment.set(env.name, new Map((await api.definitions(ctx.workspaceId, env.id, env.name)).map((d) => [d.name, d] as const)));
  }
  return segments.map((segment) => {
    const owner = ruleBasedOwnership(segment.description).owner;
    if (owner) owners.set(`rule-based segment ${segment.name}`, owner);
    const definitions = new Map<string, RuleBasedSegmentDefinition>();
    for (const [env, defs] of perEnvironment) {
      const d = defs.get(segment.name);
      if (d) definitions.set(env, d);
    }
    return { segment, definitions };
  });
}

async function segmentKeys(
  ctx: HandlerContext, segment: Segment, environments: ReadonlyArray<{ id: string; name: string }>,
): Promise<Map<string, string[]>> {
  const keys = new Map<string, string[]>();
  for (const env of environments) {
    const active = await activeSegments(ctx, env.id);
    if (!active.has(segment.name)) continue;
    keys.set(env.name, await ctx.client.getSegmentKeys(env.id, segment.name, env.name) ?? []);
  }
  return keys;
}

const activeCache = new WeakMap<HandlerContext, Map<string, Promise<Set<string>>>>();

/** Segments active in an environment (one list per environment and run). */
function activeSegments(ctx: HandlerContext, envId: string): Promise<Set<string>> {
  if (!activeCache.has(ctx)) activeCache.set(ctx, new Map());
  const perEnv = activeCache.get(ctx)!;
  if (!perEnv.has(envId)) {
    perEnv.set(envId, collectOffsetPages<Segment>(async (offset, limit) => {
      const page = await ctx.client.transport.send<OffsetPage<Segment>>({
        method: 'GET',
        path: `/segments/ws/${pathSegment(ctx.workspaceId)}/environments/${pathSegment(envId)}`,
        query: { offset, limit },
        context: { operation: 'list segments in environment', environment: envId },
      });
      return { items: page?.objects ?? [], totalCount: page?.totalCount };
    }, LIST_PAGE_SIZE).then((list) => new Set(list.map((s) => s.name))));
  }
  return perEnv.get(envId)!;
}
