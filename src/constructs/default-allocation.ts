import { Construct } from 'constructs';
import { FlagEnvironmentProps } from './flag-environment-props';
import { Allocation } from '../model/allocation';
import { Problem } from '../model/problem';
import { registerParts } from './internal/parts';
import { checkProps, DEFAULT_ALLOCATION_PROPS } from './internal/prop-checks';
import { addCrossConstructValidation, resolveFlagEnvironment, throwIfProblems } from './internal/validation';
import { bucketProblems } from '../model/rules/buckets';

/**
 * Properties of `DefaultAllocation`.
 */
export interface DefaultAllocationProps extends FlagEnvironmentProps {
  /** The default rule's percentages: declared treatments, whole numbers summing to exactly 100. */
  readonly allocations: Allocation[];
}

/**
 * The default rule's percentage distribution of one flag in one environment, managed apart from
 * the rollout plan (e.g. by a release manager ramping a rollout).
 *
 * Conflicts with a `RolloutPlan` for the same flag and environment that sets its own `defaultRule`.
 */
export class DefaultAllocation extends Construct {
  /** The flag's name. */
  public readonly flagName: string;
  /** The environment. */
  public readonly environment: string;

  constructor(scope: Construct, id: string, props: DefaultAllocationProps) {
    super(scope, id);
    checkProps(this, DEFAULT_ALLOCATION_PROPS, props);
    const problems: Problem[] = [];
    const target = resolveFlagEnvironment(props, problems);
    this.flagName = target.flagName;
    this.environment = target.environment;
    const buckets = (props.allocations ?? []).map((a) => ({ treatment: a.treatment, size: a.percent }));
    // Treatment names are checked at synth against the environment's plan (or the declared flag).
    const anyName = new Set(buckets.map((b) => b.treatment));
    problems.push(...bucketProblems('default allocation', 'default allocation', buckets, anyName));
    throwIfProblems(this, problems);

    registerParts(this, () => [{
      kind: 'allocation',
      path: this.node.path,
      flagName: target.flagName,
      environment: target.environment,
      trafficType: target.trafficType,
      flag: target.flag,
      buckets,
    }]);
    addCrossConstructValidation(this);
  }
}
