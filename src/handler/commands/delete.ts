import type { FlagResourceSpec, SegmentResourceSpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import { deleteDefinition, deleteFlag, deleteSegment, deleteSegmentDefinition } from '../deletion';
import { Log, objectLabel } from '../log';

/**
 * `delete` (destroy provisioner; runs only on a real destroy, D3). Honours removal policies:
 * an owned flag loses its definitions in this stack's environments, then the flag itself; for a
 * flag managed elsewhere only the definitions this stack owns (a RolloutPlan) with policy
 * `destroy` are deleted. Segments likewise. A retained object costs no API call at all.
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
  const retained = spec.environments.filter((p) => p.removalPolicy === 'retain');
  for (const part of spec.environments) {
    if (part.removalPolicy === 'retain') {
      ctx.log.info(`${objectLabel('flag', spec.flagName, part.environment)}: retained (removal policy RETAIN)`);
    } else if (spec.metadata || part.definition || part.ownsDefinition) {
      await deleteDefinition(ctx, spec.flagName, part.environment);
    } else {
      ctx.log.info(`${objectLabel('flag', spec.flagName, part.environment)}: left as is (its rollout plan is managed elsewhere)`);
    }
  }
  if (!spec.metadata) return;
  if (retained.length > 0) {
    // Deleting the flag would delete the retained definitions with it.
    ctx.log.info(`${objectLabel('flag', spec.flagName)}: kept, because definitions in ${retained.map((p) => p.environment).join(', ')} are retained`);
    return;
  }
  await deleteFlag(ctx, spec.flagName);
}

async function deleteSegmentResource(ctx: HandlerContext, spec: SegmentResourceSpec): Promise<void> {
  const retained = spec.environments.filter((p) => p.removalPolicy === 'retain');
  for (const part of spec.environments) {
    const label = objectLabel('segment', spec.segmentName, part.environment);
    if (part.removalPolicy === 'retain') {
      ctx.log.info(`${label}: retained (removal policy RETAIN)`);
    } else if (spec.metadata) {
      await deleteSegmentDefinition(ctx, spec.segmentName, part.environment);
    } else {
      await removeDeclaredKeys(ctx, spec.segmentName, part.environment, [...(part.keys ?? []), ...(part.addKeys ?? [])]);
    }
  }
  if (spec.metadata && retained.length === 0) await deleteSegment(ctx, spec.segmentName);
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
