import { Construct } from 'constructs';
import { hasBrand, setBrand } from './brands';
import { renderStepWhen, StepWhenCondition } from './conditions';
import { ElementIdentityOptions, StepElement } from './element';
import { FailureStrategy, renderFailureStrategies } from './failure-strategy';
import { LoopingStrategy } from './looping';
import { addRule } from './validation';

/**
 * A parallel block: the steps (or groups) added to it run at the same time. It has no identifier of
 * its own in Harness; the construct id only names it in the construct tree.
 */
export class ParallelSteps extends StepElement {
  constructor(scope: Construct, id: string) {
    super(scope, id, 'parallel block', { identifier: 'parallel', name: 'parallel' });
    setBrand(this, 'StepContainer');
    addRule(this, () => (StepElement._childrenOf(this).length < 1 ? ['[parallel-empty] add at least one step to the parallel block.'] : []));
  }

  /** @internal */
  public _renderElement(): { [key: string]: any } {
    return { parallel: StepElement._childrenOf(this).map(c => c._renderElement()) };
  }

  /** @internal */
  public _changesFme(): boolean {
    return StepElement._childrenOf(this).some(c => c._changesFme());
  }

  /** A parallel block is not a scope and has no identifier: its children share the enclosing scope. @internal */
  public _identifiedElements(): StepElement[] {
    return StepElement._childrenOf(this).flatMap(c => c._identifiedElements());
  }
}

/** Props of `StepGroup`. */
export interface StepGroupProps extends ElementIdentityOptions {
  /**
   * Conditional execution of the whole group.
   * @default - run when the stage has succeeded so far
   */
  readonly when?: StepWhenCondition;
  /**
   * What to do when a step in the group fails.
   * @default - inherit the stage's failure strategies
   */
  readonly failureStrategies?: FailureStrategy[];
  /**
   * Looping strategy for the whole group.
   * @default - run once
   */
  readonly strategy?: LoopingStrategy;
}

/** A step group: steps (and nested groups/parallel blocks) with shared conditions and failure handling. */
export class StepGroup extends StepElement {
  private readonly props: StepGroupProps;

  constructor(scope: Construct, id: string, props: StepGroupProps = {}) {
    super(scope, id, 'step group', props);
    setBrand(this, 'StepContainer');
    this.props = props;
    addRule(this, () => (StepElement._childrenOf(this).length < 1 ? ['[step-group-empty] add at least one step to the step group.'] : []));
  }

  /** @internal */
  public _renderElement(): { [key: string]: any } {
    const group: { [key: string]: any } = { name: this.displayName, identifier: this.identifier };
    group.steps = StepElement._childrenOf(this).map(c => c._renderElement());
    if (this.props.when !== undefined) group.when = renderStepWhen(this.props.when);
    if (this.props.failureStrategies !== undefined) group.failureStrategies = renderFailureStrategies(this.props.failureStrategies);
    if (this.props.strategy !== undefined) group.strategy = this.props.strategy._render();
    return { stepGroup: group };
  }

  /** @internal */
  public _changesFme(): boolean {
    return StepElement._childrenOf(this).some(c => c._changesFme());
  }

  /** @internal */
  public _identifiedElements(): StepElement[] {
    return [this, ...StepElement._childrenOf(this).flatMap(c => c._identifiedElements())];
  }
}

/**
 * The `rollbackSteps` of a Custom stage: add steps (or groups, parallel blocks) to it as to a stage;
 * Harness runs them when a failure strategy rolls the stage back (`FailureAction.stageRollback()`).
 * At most one per stage.
 *
 * Whether Harness runs rollback steps for FME changes is unconfirmed (docs/harness-pipelines.md,
 * where FME steps run); the tested pattern is a kill-on-failure stage (`when: {pipelineStatus:
 * Failure}`), which `ProgressiveRollout` uses.
 *
 * @example
 * const rollback = new RollbackSteps(stage, 'Rollback');
 * new FmeFlagKill(rollback, 'kill', { flag, environment: 'Production' });
 */
export class RollbackSteps extends Construct {
  /** True when `x` is a `RollbackSteps`. */
  public static isRollbackSteps(x: any): x is RollbackSteps {
    return hasBrand(x, 'RollbackSteps');
  }

  constructor(scope: Construct, id: string) {
    super(scope, id);
    setBrand(this, 'StepContainer');
    setBrand(this, 'RollbackSteps');
    addRule(this, () => (StepElement._childrenOf(this).length < 1 ? ['[rollback-empty] add at least one step to the rollback steps.'] : []));
    addRule(this, () => (hasBrand(this.node.scope, 'CustomStage') ? []
      : ['[placement] rollback steps belong directly in a CustomStage (Harness has them nowhere else); move this construct there.']));
  }

  /** The rendered `rollbackSteps` list. @internal */
  public _renderSteps(): { [key: string]: any }[] {
    return StepElement._childrenOf(this).map(c => c._renderElement());
  }
}
