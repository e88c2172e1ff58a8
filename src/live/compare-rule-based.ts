/**
 * Rule-based segments of the code against live FME (docs/live.md): a segment that is missing, not
 * configured in an environment, or whose rules or exclusions differ there. Compared with the
 * handler's own normalization, so what this reports is what a deploy writes.
 */
import { Difference } from './difference';
import type { RuleBasedSegment, RuleBasedSegmentDefinition, RuleBasedSegmentsApi } from '../client/rule-based-segments';
import type { HandlerContext } from '../handler/context';
import { normalizeRuleBased } from '../handler/rule-based-segment/definition';
import { matcherText } from '../model/rule-text';
import type { RuleBasedSegmentDefinitionSpec, RuleBasedSegmentResourceSpec } from '../spec/resource-spec';

/** What was read: the workspace's rule-based segments and their definitions per environment (as the code names it). */
export interface LiveRuleBased {
  readonly segments: ReadonlyMap<string, RuleBasedSegment>;
  readonly definitions: ReadonlyMap<string, ReadonlyMap<string, RuleBasedSegmentDefinition>>;
}

/** One list of the workspace (always: it also finds owned ones that left the code) and one list per environment the specs name. */
export async function readLiveRuleBased(
  ctx: HandlerContext, api: RuleBasedSegmentsApi, specs: readonly RuleBasedSegmentResourceSpec[],
): Promise<LiveRuleBased> {
  const segments = new Map((await api.list(ctx.workspaceId)).map((s) => [s.name, s] as const));
  const definitions = new Map<string, Map<string, RuleBasedSegmentDefinition>>();
  for (const env of [...new Set(specs.flatMap((s) => s.environments.map((e) => e.environment)))].sort()) {
    const envId = await ctx.environmentId(env);
    definitions.set(env, new Map((await api.definitions(ctx.workspaceId, envId, env)).map((d) => [d.name, d] as const)));
  }
  return { segments, definitions };
}

function rulesText(d: Partial<RuleBasedSegmentDefinitionSpec> | undefined): string[] {
  return (d?.rules ?? []).map((r, i) => `rule ${i + 1}: if ${(r.condition?.matchers ?? []).map(matcherText).join(' and ')}`);
}

export function compareRuleBased(spec: RuleBasedSegmentResourceSpec, live: LiveRuleBased): Difference[] {
  const name = spec.segmentName;
  const base = { kind: 'rule-based segment' as const, name };
  const out: Difference[] = [];
  if (!live.segments.has(name)) {
    out.push({ ...base, field: 'ruleBasedSegment', action: 'create', details: [`+ rule-based segment ${name} (traffic type ${spec.metadata.trafficType})`] });
  }
  for (const part of spec.environments) {
    const current = live.definitions.get(part.environment)?.get(name);
    const desired = part.definition;
    if (!desired) continue;
    if (!current) {
      const details = [`+ active in ${part.environment}`, ...rulesText(desired).map((l) => `+ ${l}`),
        ...listDelta('excluded key', [], desired.excludedKeys), ...listDelta('excluded segment', [], desired.excludedSegments.map((s) => s.name))];
      out.push({ ...base, environment: part.environment, field: 'rules', action: 'create', details });
      continue;
    }
    if (normalizeRuleBased(current) === normalizeRuleBased(desired)) continue;
    const was = rulesText(current);
    const now = rulesText(desired);
    const details = [
      ...was.filter((l) => !now.includes(l)).map((l) => `- ${l}`),
      ...now.filter((l) => !was.includes(l)).map((l) => `+ ${l}`),
      ...listDelta('excluded key', current.excludedKeys ?? [], desired.excludedKeys),
      ...listDelta('excluded segment', (current.excludedSegments ?? []).map((s) => s.name), desired.excludedSegments.map((s) => s.name)),
    ];
    out.push({ ...base, environment: part.environment, field: 'rules', action: 'update', details: details.length > 0 ? details : ['~ rules (order or matcher details)'] });
  }
  return out;
}

function listDelta(what: string, live: readonly string[], desired: readonly string[]): string[] {
  return [
    ...desired.filter((x) => !live.includes(x)).map((x) => `+ ${what} ${x}`),
    ...live.filter((x) => !desired.includes(x)).map((x) => `- ${what} ${x}`),
  ];
}
