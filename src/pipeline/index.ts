// Harness pipelines for FME rollouts: typed, validated at synth time, deterministic YAML.
// `PipelineValidationError` extends Error, which jsii cannot export; import it from './errors' (lib/pipeline/errors).
export { PipelineErrors } from './errors';
export { HarnessDuration } from './duration';
export { PipelineVariable, VariableType } from './variables';
export type { VariableOptions, StringVariableOptions, NumberVariableOptions, SecretVariableOptions } from './variables';
export { ExecutionStatus } from './conditions';
export type { StageWhenCondition, StepWhenCondition } from './conditions';
export { FailureAction, FailureType } from './failure-strategy';
export type { FailureStrategy, ManualInterventionOptions, RetryOptions } from './failure-strategy';
export { LoopingStrategy, LoopFailureBehavior } from './looping';
export type { LoopingOptions, MatrixOptions } from './looping';
export { NotificationChannel, PipelineEventType } from './notifications';
export type { NotificationRule, PipelineEvent } from './notifications';
export { PipelineStorage, PipelineStoreType } from './storage';
export type { PipelineGitDetails, RemotePipelineStorageOptions } from './storage';
export { StepElement } from './element';
export type { ElementIdentityOptions } from './element';
export { ParallelSteps, RollbackSteps, StepGroup } from './containers';
export type { StepGroupProps } from './containers';
export { CustomStage, PipelineStage } from './stage';
export type { CustomStageProps, StageProps } from './stage';
export { ApprovalStage } from './approval-stage';
export type { ApprovalStageProps } from './approval-stage';
export { FmePipeline } from './pipeline';
export type { FmePipelineProps } from './pipeline';
export { ProgressiveRollout } from './progressive-rollout';
export type { ProgressiveRolloutProps, RolloutMetricCheck } from './progressive-rollout';
export * from './steps';
