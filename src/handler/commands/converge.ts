import type { FlagResourceSpec, SegmentResourceSpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import { convergeDefinition } from '../flag/converge-definition';
import { convergeFlagMetadata } from '../flag/flag-metadata';
import { claimPlans } from '../flag/plan-ownership';
import { Log } from '../log';
import { convergeSegment } from '../segment/converge-segment';

/**
 * `converge` (create provisioner): make FME match the spec, in place (D2, D6). Never deletes.
 * Safe to repeat after a crash at any point: every step reads before it writes, and a create
 * that finds the object already there converges it.
 */
export async function runConverge(spec: FlagResourceSpec | SegmentResourceSpec, log: Log, env: NodeJS.ProcessEnv): Promise<void> {
  await HandlerContext.run(spec.target, log, env, async (ctx) => {
    if (spec.kind === 'segment') {
      await convergeSegment(ctx, spec);
      return;
    }
    // The owner converges the flag itself; a stack that only declares rollout plans on someone
    // else's flag first records that it manages those definitions (docs/ownership.md).
    const state = spec.metadata ? await convergeFlagMetadata(ctx, spec, spec.metadata) : undefined;
    const claimed = !spec.metadata && spec.environments.some((p) => p.definition) ? await claimPlans(ctx, spec) : undefined;
    for (const part of spec.environments) {
      const preRead = claimed?.preRead.has(part.environment) ? { definition: claimed.preRead.get(part.environment) } : undefined;
      await convergeDefinition(ctx, {
        flag: spec.flagName,
        part,
        flagJustCreated: state?.created ?? false,
        liveFlag: state?.flag ?? claimed?.flag,
        preRead,
      });
    }
  });
}
