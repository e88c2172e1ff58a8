import type { ObjectResourceSpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import { convergeFlag } from '../flag/converge';
import { convergeFlagSet } from '../flag-set/converge';
import { convergeLargeSegment } from '../large-segment/converge';
import { Log } from '../log';
import { convergeRuleBasedSegment } from '../rule-based-segment/converge';
import { convergeSegment } from '../segment/converge';

/**
 * `converge` (create provisioner): make FME match the spec, in place, never deleting
 * (docs/decisions.md, D2). Safe to repeat after a crash at any point: every step reads before it
 * writes, and a create that finds the object already there converges it (docs/decisions.md, D6).
 */
export async function runConverge(spec: ObjectResourceSpec, log: Log, env: NodeJS.ProcessEnv): Promise<void> {
  await HandlerContext.run(spec.target, log, env, (ctx) => {
    switch (spec.kind) {
      case 'flag': return convergeFlag(ctx, spec);
      case 'segment': return convergeSegment(ctx, spec);
      case 'flagSet': return convergeFlagSet(ctx, spec);
      case 'ruleBasedSegment': return convergeRuleBasedSegment(ctx, spec);
      case 'largeSegment': return convergeLargeSegment(ctx, spec);
    }
  });
}
