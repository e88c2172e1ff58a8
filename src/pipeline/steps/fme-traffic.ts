import { Construct } from 'constructs';
import { Allocation } from '../../model/allocation';
import { percentageErrors, percentageRangeErrors } from '../rules/percentages';
import { duplicateTreatmentErrors, treatmentErrors } from '../rules/treatments';
import { addRule } from '../validation';
import { FmeFlagEnvironmentStep, FmeFlagEnvironmentStepOptions } from './fme-step';
import { FlagAspect } from '../rules/stack-ownership';

/** Props of `FmeFlagDefaultAllocation`. */
export interface FmeFlagDefaultAllocationProps extends FmeFlagEnvironmentStepOptions {
  /**
   * The default rule's split, as for a `DefaultAllocation` construct: e.g.
   * `[Allocation.of('on', 10), Allocation.of('off', 90)]`. Whole percentages summing to exactly 100;
   * treatments listed once each. A treatment may be an expression such as
   * `<+pipeline.variables.onTreatment>` (never a runtime input); literal names are checked.
   */
  readonly allocation: Allocation[];
}

/**
 * Set Default Allocations (`FmeFlagDefaultAllocation`): how traffic that matches no targeting rule is
 * split across treatments. Treatments not listed get 0%.
 */
export class FmeFlagDefaultAllocation extends FmeFlagEnvironmentStep {
  /** The allocation this step sets. */
  public readonly allocation: Allocation[];

  constructor(scope: Construct, id: string, props: FmeFlagDefaultAllocationProps) {
    super(scope, id, 'FmeFlagDefaultAllocation', props);
    this.allocation = props.allocation;
    addRule(this, () => [
      ...percentageErrors(props.allocation.map(a => a.percent), 'allocation amounts'),
      ...props.allocation.flatMap((a, i) => treatmentErrors(a.treatment, `allocation[${i}].treatment`, props.flag)),
      ...duplicateTreatmentErrors(props.allocation.map(a => a.treatment), 'allocation'),
    ]);
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['default-rule'];
  }

  protected renderSpec(): { [key: string]: any } {
    return {
      ...this.flagAndEnvironment(),
      allocation: this.allocation.map(a => ({ treatment: a.treatment, amount: a.percent })),
    };
  }
}

/** Props of `FmeFlagLimitExposure`. */
export interface FmeFlagLimitExposureProps extends FmeFlagEnvironmentStepOptions {
  /** The percentage of traffic the flag evaluates for (0..100); the rest gets the default treatment. */
  readonly limit: number;
}

/** Limit Exposure (`FmeFlagLimitExposure`): sets the flag's traffic allocation. */
export class FmeFlagLimitExposure extends FmeFlagEnvironmentStep {
  private readonly limit: number;

  constructor(scope: Construct, id: string, props: FmeFlagLimitExposureProps) {
    super(scope, id, 'FmeFlagLimitExposure', props);
    this.limit = props.limit;
    addRule(this, () => percentageRangeErrors(props.limit, 'limit'));
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['traffic-allocation'];
  }

  protected renderSpec(): { [key: string]: any } {
    return { ...this.flagAndEnvironment(), limit: this.limit };
  }
}

/** Props of `FmeFlagReallocateTraffic`. */
export interface FmeFlagReallocateTrafficProps extends FmeFlagEnvironmentStepOptions {}

/** Reallocate Traffic (`FmeFlagReallocateTraffic`): re-seeds bucketing, reshuffling who gets what. */
export class FmeFlagReallocateTraffic extends FmeFlagEnvironmentStep {
  constructor(scope: Construct, id: string, props: FmeFlagReallocateTrafficProps) {
    super(scope, id, 'FmeFlagReallocateTraffic', props);
  }

  protected renderSpec(): { [key: string]: any } {
    return this.flagAndEnvironment();
  }
}
