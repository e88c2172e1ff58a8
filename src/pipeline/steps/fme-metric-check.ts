import { Construct } from 'constructs';
import { HarnessDuration } from '../duration';
import { addRule } from '../validation';
import { FmeFlagEnvironmentStep, FmeFlagEnvironmentStepOptions } from './fme-step';
import { FlagAspect } from '../rules/stack-ownership';

/** Props of `FmeMetricCheck`. */
export interface FmeMetricCheckProps extends FmeFlagEnvironmentStepOptions {
  /** The FME metric ids to evaluate (at least one). */
  readonly metricIds: string[];
  /** How far back to look, e.g. `HarnessDuration.hours(24)`. */
  readonly lookbackWindow: HarnessDuration;
  /**
   * A JEXL condition that **fails** the step when true, e.g. `<+metrics.checkout_errors> > 0.02`.
   */
  readonly failureCondition: string;
}

/**
 * FME Metric Check (`FmeMetricCheck`, behind Harness's `FME_METRIC_CHECK` feature flag): fails when
 * `failureCondition` is true. It does not roll back the flag: pair it with a kill-on-failure stage.
 */
export class FmeMetricCheck extends FmeFlagEnvironmentStep {
  private readonly props: FmeMetricCheckProps;

  constructor(scope: Construct, id: string, props: FmeMetricCheckProps) {
    super(scope, id, 'FmeMetricCheck', props);
    this.props = props;
    addRule(this, () => [
      ...(props.metricIds.length === 0 ? ['[metric-check-metrics] give at least one metric id.'] : []),
      ...(props.failureCondition.trim() === '' ? ['[metric-check-condition] failureCondition must not be empty.'] : []),
    ]);
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    return {
      ...this.flagAndEnvironment(),
      metrics: p.metricIds.map(ref => ({ ref })),
      lookbackWindow: p.lookbackWindow.toString(),
      failureCriteria: { type: 'Jexl', spec: { condition: p.failureCondition } },
    };
  }

  /** A metric check reads FME; it changes nothing. @internal */
  public _changesFme(): boolean {
    return false;
  }

  /** Nothing for the stack-ownership check either. @internal */
  public _flagAspects(): FlagAspect[] {
    return [];
  }
}
