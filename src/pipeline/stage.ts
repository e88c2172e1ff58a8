import { Construct, IConstruct } from 'constructs';
import { hasBrand, setBrand } from './brands';
import { renderStageWhen, StageWhenCondition } from './conditions';
import { RollbackSteps } from './containers';
import { HarnessDuration } from './duration';
import { ElementIdentityOptions, StepElement } from './element';
import { DEFAULT_FME_STAGE_FAILURE_STRATEGY, FailureStrategy, renderFailureStrategies } from './failure-strategy';
import { LoopingStrategy } from './looping';
import { identityErrors } from './rules/identity';
import { placementErrors } from './rules/placement';
import { stageFailureStrategyErrors } from './rules/stage-failure-strategy';
import { duplicateIdentifierErrors } from './rules/unique-identifiers';
import { variableNameErrors } from './rules/variable-names';
import { scopedReferenceErrors } from './rules/variable-references';
import { addRule } from './validation';
import { PipelineVariable } from './variables';

/** Props every stage type takes. */
export interface StageProps extends ElementIdentityOptions {
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

/** Props of `CustomStage`. */
export interface CustomStageProps extends StageProps {}

/**
 * A stage of an `FmePipeline`: `CustomStage` (FME steps run here) or `ApprovalStage`. Add steps, step
 * groups and parallel blocks as child constructs; they run in the order they were added.
 */
export abstract class PipelineStage extends Construct {
  /** True when `x` is a stage of any type. */
  public static isPipelineStage(x: any): x is PipelineStage {
    return hasBrand(x, 'Stage');
  }

  /** The stages directly under `scope`, in the order they were added. @internal */
  public static _childrenOf(scope: IConstruct): PipelineStage[] {
    return scope.node.children.filter(c => PipelineStage.isPipelineStage(c)) as PipelineStage[];
  }

  /** The stage's Harness identifier. */
  public readonly identifier: string;
  /** The stage's display name. */
  public readonly displayName: string;
  /** The stage's `type:` in YAML (`Custom` or `Approval`). */
  public readonly stageType: string;
  /** Names of the stage variables. */
  public readonly variableNames: string[];
  private readonly stageProps: StageProps;

  protected constructor(scope: Construct, id: string, stageType: string, props: StageProps) {
    super(scope, id);
    setBrand(this, 'Stage');
    setBrand(this, 'StepContainer');
    this.stageProps = props;
    this.stageType = stageType;
    this.identifier = props.identifier ?? id;
    this.displayName = props.name ?? this.identifier;
    this.variableNames = (props.variables ?? []).map(v => v.name);
    addRule(this, () => identityErrors('stage', this.identifier, this.displayName));
    addRule(this, () => placementErrors(this, 'stage', 'FmePipeline', 'create stages directly in an FmePipeline'));
    addRule(this, () => (StepElement._childrenOf(this).length === 0 ? ['[stage-empty] add at least one step to the stage.'] : []));
    addRule(this, () => stageFailureStrategyErrors(this.changesFme(), props.failureStrategies));
    addRule(this, () => duplicateIdentifierErrors(this._elements().flatMap(c => c._identifiedElements()).map(e => e.identifier), `stage "${this.identifier}"`));
    addRule(this, () => variableNameErrors(this.variableNames, `the variables of stage "${this.identifier}"`));
    addRule(this, () => scopedReferenceErrors(this._render().stage, this.identifier, this.variableNames));
  }

  /** True when a step of this stage changes FME data. */
  public changesFme(): boolean {
    return this._elements().some(c => c._changesFme());
  }

  /** Every step element of the stage, its rollback steps included. @internal */
  public _elements(): StepElement[] {
    return StepElement._childrenOf(this);
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const p = this.stageProps;
    const stage: { [key: string]: any } = { name: this.displayName, identifier: this.identifier };
    if (p.description !== undefined) stage.description = p.description;
    stage.type = this.stageType;
    stage.spec = { execution: this.renderExecution() };
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

  /** The stage's `spec.execution`. */
  protected renderExecution(): { [key: string]: any } {
    return { steps: StepElement._childrenOf(this).map(c => c._renderElement()) };
  }
}

/**
 * A Custom stage (`type: Custom`) — the stage type Harness supports FME steps in. Add steps, step groups
 * and parallel blocks as child constructs; they run in the order they were added. Rollback steps go
 * in a `RollbackSteps` child.
 *
 * @example
 * const stage = new CustomStage(pipeline, 'ramp', { name: 'Ramp' });
 * new FmeFlagDefaultAllocation(stage, 'set_50', { flag, environment: 'Production', allocation: [...] });
 */
export class CustomStage extends PipelineStage {
  /** True when `x` is a `CustomStage`. */
  public static isCustomStage(x: any): x is CustomStage {
    return hasBrand(x, 'CustomStage');
  }

  constructor(scope: Construct, id: string, props: CustomStageProps = {}) {
    super(scope, id, 'Custom', props);
    setBrand(this, 'CustomStage');
    addRule(this, () => (this.rollbackLists().length > 1
      ? [`[rollback-unique] a stage has one rollbackSteps list; merge ${this.rollbackLists().map(r => r.node.id).join(', ')}.`] : []));
  }

  /** @internal */
  public _elements(): StepElement[] {
    return [...super._elements(), ...this.rollbackLists().flatMap(r => StepElement._childrenOf(r))];
  }

  protected renderExecution(): { [key: string]: any } {
    const execution = super.renderExecution();
    const rollback = this.rollbackLists().flatMap(r => r._renderSteps());
    if (rollback.length > 0) execution.rollbackSteps = rollback;
    return execution;
  }

  private rollbackLists(): RollbackSteps[] {
    return this.node.children.filter(c => RollbackSteps.isRollbackSteps(c)) as RollbackSteps[];
  }
}
