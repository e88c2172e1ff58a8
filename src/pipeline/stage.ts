import { Construct, IConstruct } from 'constructs';
import { renderStageWhen, StageWhenCondition } from './conditions';
import { HarnessDuration } from './duration';
import { ElementIdentityOptions, StepElement } from './element';
import { DEFAULT_FME_STAGE_FAILURE_STRATEGY, FailureStrategy, renderFailureStrategies } from './failure-strategy';
import { LoopingStrategy } from './looping';
import { identityErrors } from './rules/identity';
import { stageFailureStrategyErrors } from './rules/stage-failure-strategy';
import { duplicateIdentifierErrors } from './rules/unique-identifiers';
import { addRule } from './validation';
import { PipelineVariable } from './variables';

const STAGE = Symbol.for('cdktf-harness-fme.pipeline.CustomStage');

/** Props of `CustomStage`. */
export interface CustomStageProps extends ElementIdentityOptions {
  /**
   * A description shown in Harness.
   * @default - none
   */
  readonly description?: string;
  /**
   * Harness tags (key → value; use `''` for a bare tag).
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * Stage variables (`<+stage.variables.NAME>`).
   * @default - none
   */
  readonly variables?: PipelineVariable[];
  /**
   * Conditional execution, e.g. `{ pipelineStatus: ExecutionStatus.FAILURE }` for a kill-on-failure stage.
   * @default - run when the pipeline has succeeded so far
   */
  readonly when?: StageWhenCondition;
  /**
   * What to do when a step fails. A stage that changes FME and sets none gets
   * `AllErrors → MarkAsFailure`; an explicitly empty list is rejected.
   * @default - AllErrors → MarkAsFailure when the stage changes FME, else none
   */
  readonly failureStrategies?: FailureStrategy[];
  /**
   * How long the stage may run.
   * @default - Harness's default
   */
  readonly timeout?: HarnessDuration;
  /**
   * Looping strategy for the whole stage.
   * @default - run once
   */
  readonly strategy?: LoopingStrategy;
  /**
   * Delegate selectors for the stage's steps.
   * @default - any delegate
   */
  readonly delegateSelectors?: string[];
}

/**
 * A Custom stage (`type: Custom`) — the stage type Harness supports FME steps in. Add steps, step groups
 * and parallel blocks as child constructs; they run in the order they were added.
 *
 * @example
 * const stage = new CustomStage(pipeline, 'ramp', { name: 'Ramp' });
 * new FmeFlagDefaultAllocation(stage, 'set_50', { flag, environment: 'Production', allocation: [...] });
 */
export class CustomStage extends Construct {
  /** True when `x` is a `CustomStage`. */
  public static isCustomStage(x: any): x is CustomStage {
    return x !== null && typeof x === 'object' && STAGE in (x as object);
  }

  /** The stages directly under `scope`, in the order they were added. @internal */
  public static _childrenOf(scope: IConstruct): CustomStage[] {
    return scope.node.children.filter(c => CustomStage.isCustomStage(c)) as CustomStage[];
  }

  /** The stage's Harness identifier. */
  public readonly identifier: string;
  /** The stage's display name. */
  public readonly displayName: string;
  private readonly props: CustomStageProps;

  constructor(scope: Construct, id: string, props: CustomStageProps = {}) {
    super(scope, id);
    Object.defineProperty(this, STAGE, { value: true });
    this.props = props;
    this.identifier = props.identifier ?? id;
    this.displayName = props.name ?? this.identifier;
    addRule(this, () => identityErrors('stage', this.identifier, this.displayName));
    addRule(this, () => (StepElement._childrenOf(this).length === 0 ? ['[stage-empty] add at least one step to the stage.'] : []));
    addRule(this, () => stageFailureStrategyErrors(this.changesFme(), props.failureStrategies));
    addRule(this, () => duplicateIdentifierErrors(
      StepElement._childrenOf(this).flatMap(c => c._identifiedElements()).map(e => e.identifier), `stage "${this.identifier}"`));
    addRule(this, () => duplicateIdentifierErrors((props.variables ?? []).map(v => v.name), `the variables of stage "${this.identifier}"`)
      .map(e => e.replace('[identifier-unique]', '[variable-unique]')));
  }

  /** True when a step of this stage changes FME data. */
  public changesFme(): boolean {
    return StepElement._childrenOf(this).some(c => c._changesFme());
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const p = this.props;
    const stage: { [key: string]: any } = { name: this.displayName, identifier: this.identifier };
    if (p.description !== undefined) stage.description = p.description;
    stage.type = 'Custom';
    stage.spec = { execution: { steps: StepElement._childrenOf(this).map(c => c._renderElement()) } };
    if (p.tags !== undefined) stage.tags = { ...p.tags };
    if (p.variables !== undefined) stage.variables = p.variables.map(v => v._render());
    if (p.when !== undefined) stage.when = renderStageWhen(p.when);
    const strategies = p.failureStrategies ?? (this.changesFme() ? [DEFAULT_FME_STAGE_FAILURE_STRATEGY] : undefined);
    if (strategies !== undefined) stage.failureStrategies = renderFailureStrategies(strategies);
    if (p.timeout !== undefined) stage.timeout = p.timeout.toString();
    if (p.strategy !== undefined) stage.strategy = p.strategy._render();
    if (p.delegateSelectors !== undefined) stage.delegateSelectors = [...p.delegateSelectors];
    return { stage };
  }
}
