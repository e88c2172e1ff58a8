import { Construct } from 'constructs';
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
