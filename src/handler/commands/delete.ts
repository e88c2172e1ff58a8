import type { FlagResourceSpec, SegmentResourceSpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import { Log, objectLabel } from '../log';
import { Elsewhere, removeFlags, removeSegments } from '../removal';

/**
 * `delete` (destroy step; runs only on a real destroy, D3). Honours removal policies and ownership
 * (docs/ownership.md): an owned flag loses its definitions in this stack's environments, then the
 * flag itself; for a flag managed elsewhere only the definitions this stack manages (a RolloutPlan)
 * with policy `destroy` are deleted. Segments likewise. A retained object costs no API call at all.
 */
export async function runDelete(spec: FlagResourceSpec | SegmentResourceSpec, log: Log, env: NodeJS.ProcessEnv): Promise<void> {
  const name = spec.kind === 'flag' ? spec.flagName : spec.segmentName;
  const label = objectLabel(spec.kind, name);
  if (spec.removalPolicy === 'retain') {
    log.info(`${label}: retained (removal policy RETAIN), nothing deleted`);
    return;
  }
  const parts = spec.environments as { environment: string; removalPolicy: string }[];
  const destroyed = parts.filter((p) => p.removalPolicy === 'destroy');
  if (destroyed.length === 0 && !spec.metadata) {
    log.info(`${label}: every environment part is retained, nothing deleted`);
    return;
  }
  await HandlerContext.run(spec.target, log, env, (ctx) =>
    spec.kind === 'flag' ? deleteFlagResource(ctx, spec) : deleteSegmentResource(ctx, spec));
}

async function deleteFlagResource(ctx: HandlerContext, spec: FlagResourceSpec): Promise<void> {
  const definitions = [];
  for (const part of spec.environments) {
    if (spec.metadata || part.definition || part.ownsDefinition) {
      definitions.push({ env: part.environment, policy: part.removalPolicy });
    } else {
      ctx.log.info(`${objectLabel('flag', spec.flagName, part.environment)}: left as is (its rollout plan is managed elsewhere)`);
    }
  }
  const flagItself = spec.metadata ? { policy: spec.removalPolicy } : undefined;
  await removeFlags(ctx, spec.stack, [{ flag: spec.flagName, definitions, flagItself }], new Elsewhere());
}

async function deleteSegmentResource(ctx: HandlerContext, spec: SegmentResourceSpec): Promise<void> {
  if (spec.metadata) {
    const environments = spec.environments.map((p) => ({ env: p.environment, policy: p.removalPolicy }));
    const removal = { segment: spec.segmentName, environments, segmentItself: { policy: spec.removalPolicy } };
    await removeSegments(ctx, spec.stack, [removal], new Elsewhere());
    return;
  }
  for (const part of spec.environments.filter((p) => p.removalPolicy === 'destroy')) {
    await removeDeclaredKeys(ctx, spec.segmentName, part.environment, [...(part.keys ?? []), ...(part.addKeys ?? [])]);
  }
}

/** For a segment managed elsewhere: take out only the keys this stack put in. */
async function removeDeclaredKeys(ctx: HandlerContext, segment: string, environment: string, declared: string[]): Promise<void> {
  const { result, tally } = await ctx.tracked(async () => {
    const envId = await ctx.environmentId(environment);
    const live = await ctx.client.getSegmentKeys(envId, segment, environment);
    const present = declared.filter((k) => live?.includes(k));
    if (present.length === 0) return 'no declared keys present';
    await ctx.client.removeSegmentKeys(envId, segment, present, environment);
    return `${present.length} declared key(s) removed`;
  });
  ctx.log.info(`${objectLabel('segment', segment, environment)}: ${result} (${tally.describe()})`);
}
