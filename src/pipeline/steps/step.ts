import { Construct } from 'constructs';
import { renderStepWhen, StepWhenCondition } from '../conditions';
import { HarnessDuration } from '../duration';
import { StepElement, ElementIdentityOptions } from '../element';
import { FailureStrategy, renderFailureStrategies } from '../failure-strategy';
import { LoopingStrategy } from '../looping';
import { addRule } from '../validation';

/** Options every step accepts (the "Advanced" tab in Harness). */
export interface StepOptions extends ElementIdentityOptions {
  /**
   * A description shown in Harness.
   * @default - none
   */
  readonly description?: string;
  /**
   * How long the step may run before it fails with a `Timeout` error.
   * @default - Harness's default for the step type
   */
  readonly timeout?: HarnessDuration;
  /**
   * Conditional execution: run only on a given stage status and/or JEXL condition.
   * @default - run when the stage has succeeded so far
   */
  readonly when?: StepWhenCondition;
  /**
   * What to do when the step fails.
   * @default - inherit the stage's failure strategies
   */
  readonly failureStrategies?: FailureStrategy[];
  /**
   * Looping strategy: run the step once per matrix combination, item or repeat.
   * @default - run once
   */
  readonly strategy?: LoopingStrategy;
  /**
   * Harness policy sets (OPA) evaluated against the step before it runs (`enforce.policySets`), e.g.
   * `account.fme_change_policy`.
   * @default - no policy enforcement
   */
  readonly policySets?: string[];
}

/** A single pipeline step. Subclasses provide the `type:` and the `spec:`. */
export abstract class Step extends StepElement {
  /** The step's `type:` in YAML, e.g. `FmeFlagDefaultAllocation`. */
  public readonly stepType: string;
  private readonly options: StepOptions;

  protected constructor(scope: Construct, id: string, stepType: string, options: StepOptions) {
    super(scope, id, `${stepType} step`, options);
    this.stepType = stepType;
    this.options = options;
    addRule(this, () => (options.policySets !== undefined && options.policySets.length === 0
      ? ['[policy-sets-empty] policySets is empty; name at least one policy set or leave it unset.'] : []));
  }

  /** The step's `spec:` object, keys in the order they should appear in YAML. */
  protected abstract renderSpec(): { [key: string]: any };

  /** @internal */
  public _renderElement(): { [key: string]: any } {
    const step: { [key: string]: any } = { type: this.stepType, name: this.displayName, identifier: this.identifier };
    if (this.options.description !== undefined) step.description = this.options.description;
    step.spec = this.renderSpec();
    if (this.options.timeout !== undefined) step.timeout = this.options.timeout.toString();
    if (this.options.when !== undefined) step.when = renderStepWhen(this.options.when);
    if (this.options.failureStrategies !== undefined) step.failureStrategies = renderFailureStrategies(this.options.failureStrategies);
    if (this.options.strategy !== undefined) step.strategy = this.options.strategy._render();
    if (this.options.policySets !== undefined) step.enforce = { policySets: [...this.options.policySets] };
    return { step };
  }

  /** @internal */
  public _changesFme(): boolean {
    return false;
  }

  /** @internal */
  public _identifiedElements(): StepElement[] {
    return [this];
  }
}
