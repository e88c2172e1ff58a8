/** A pipeline or stage outcome a `when` condition can require. */
export enum ExecutionStatus {
  /** Run only if everything before succeeded. */
  SUCCESS = 'Success',
  /** Run only if something before failed (e.g. a kill-on-failure stage). */
  FAILURE = 'Failure',
  /** Run regardless of what happened before. */
  ALL = 'All',
}

/** Conditional execution of a stage (`when:` on a stage). */
export interface StageWhenCondition {
  /** The pipeline status the stage requires. */
  readonly pipelineStatus: ExecutionStatus;
  /**
   * An additional JEXL condition, e.g. `<+pipeline.variables.env> == "prod"`.
   * @default - no condition
   */
  readonly condition?: string;
}

/**
 * Conditional execution of a step or step group (`when:` on a step). When a stage and one of its
 * steps both set a condition, the step's condition wins (docs/harness-pipelines.md, conditional execution).
 */
export interface StepWhenCondition {
  /** The stage status the step requires. */
  readonly stageStatus: ExecutionStatus;
  /**
   * An additional JEXL condition, e.g. `<+pipeline.variables.dryRun> == "false"`.
   * @default - no condition
   */
  readonly condition?: string;
}

/** @internal */
export function renderStageWhen(when: StageWhenCondition): { [key: string]: any } {
  const out: { [key: string]: any } = { pipelineStatus: when.pipelineStatus };
  if (when.condition !== undefined) out.condition = when.condition;
  return out;
}

/** @internal */
export function renderStepWhen(when: StepWhenCondition): { [key: string]: any } {
  const out: { [key: string]: any } = { stageStatus: when.stageStatus };
  if (when.condition !== undefined) out.condition = when.condition;
  return out;
}
