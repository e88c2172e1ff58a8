import { HarnessDuration } from './duration';
import { PipelineValidationError } from './errors';
import { MANUAL_INTERVENTION_TIMEOUT_PATTERN } from './patterns';

/** The error categories a failure strategy can catch (`onFailure.errors`). */
export enum FailureType {
  /** Every error. */
  ALL_ERRORS = 'AllErrors',
  /** An error of unknown category. */
  UNKNOWN = 'Unknown',
  /** Authentication failures. */
  AUTHENTICATION = 'Authentication',
  /** Connectivity failures. */
  CONNECTIVITY = 'Connectivity',
  /** The step or stage timed out. */
  TIMEOUT = 'Timeout',
  /** Authorization failures (e.g. missing FME edit permission in an environment). */
  AUTHORIZATION = 'Authorization',
  /** Verification failures. */
  VERIFICATION = 'Verification',
  /** Delegate provisioning failures. */
  DELEGATE_PROVISIONING = 'DelegateProvisioning',
  /** A policy (OPA) evaluation failed. */
  POLICY_EVALUATION_FAILURE = 'PolicyEvaluationFailure',
  /** A runtime input was not supplied in time. */
  INPUT_TIMEOUT_ERROR = 'InputTimeoutError',
  /** An approval was rejected. */
  APPROVAL_REJECTION = 'ApprovalRejection',
  /** The delegate restarted. */
  DELEGATE_RESTART = 'DelegateRestart',
  /** A user marked the step as failed. */
  USER_MARKED_FAILURE = 'UserMarkedFailure',
  /** Infrastructure failures. */
  INFRASTRUCTURE_FAILURE = 'InfrastructureFailure',
  /** Plugin image failures. */
  PLUGIN_IMAGE_FAILURE = 'PluginImageFailure',
  /** Resource limit failures. */
  RESOURCE_LIMITS_FAILURE = 'ResourceLimitsFailure',
  /** Configuration failures. */
  CONFIGURATION_FAILURE = 'ConfigurationFailure',
  /** Retryable transient failures. */
  RETRYABLE_TRANSIENT_FAILURE = 'RetryableTransientFailure',
}

/** Options of `FailureAction.retry`. */
export interface RetryOptions {
  /** How many times to retry (at least 1). */
  readonly retryCount: number;
  /**
   * Waits between attempts; the last one repeats if there are more retries than intervals.
   * @default [HarnessDuration.seconds(10)]
   */
  readonly retryIntervals?: HarnessDuration[];
  /**
   * What to do when every retry failed.
   * @default FailureAction.markAsFailure()
   */
  readonly onRetryFailure?: FailureAction;
}

/** Options of `FailureAction.manualIntervention`. */
export interface ManualInterventionOptions {
  /** How long to wait for someone to intervene. A literal duration (expressions are not accepted here). */
  readonly timeout: HarnessDuration;
  /**
   * What to do when nobody intervened in time.
   * @default FailureAction.markAsFailure()
   */
  readonly onTimeout?: FailureAction;
}

/**
 * What Harness does when a step, step group or stage fails (`onFailure.action`).
 *
 * @example FailureAction.retry({ retryCount: 2, retryIntervals: [HarnessDuration.seconds(30)] })
 */
export class FailureAction {
  /** Ignore the failure and continue. Hides failures: avoid on stages that change FME. */
  public static ignore(): FailureAction { return new FailureAction('Ignore'); }
  /** Mark the step/stage as failed (the pipeline fails; kill-on-failure stages run). */
  public static markAsFailure(): FailureAction { return new FailureAction('MarkAsFailure'); }
  /** Mark the step/stage as succeeded. */
  public static markAsSuccess(): FailureAction { return new FailureAction('MarkAsSuccess'); }
  /** Abort the pipeline. */
  public static abort(): FailureAction { return new FailureAction('Abort'); }
  /** Roll back the stage. Custom stages have no rollback semantics for FME changes; prefer a kill-on-failure stage. */
  public static stageRollback(): FailureAction { return new FailureAction('StageRollback'); }
  /** Roll back the step group. */
  public static stepGroupRollback(): FailureAction { return new FailureAction('StepGroupRollback'); }
  /** Roll back the pipeline. */
  public static pipelineRollback(): FailureAction { return new FailureAction('PipelineRollback'); }
  /** Proceed with default values (for runtime inputs that timed out). */
  public static proceedWithDefaultValues(): FailureAction { return new FailureAction('ProceedWithDefaultValues'); }
  /** Retry the whole step group. */
  public static retryStepGroup(): FailureAction { return new FailureAction('RetryStepGroup'); }

  /** Retry the step. */
  public static retry(options: RetryOptions): FailureAction {
    if (!Number.isInteger(options.retryCount) || options.retryCount < 1) {
      throw new PipelineValidationError(`Retry: retryCount must be a positive integer, got ${options.retryCount}.`);
    }
    const intervals = options.retryIntervals ?? [HarnessDuration.seconds(10)];
    if (intervals.length === 0) {
      throw new PipelineValidationError('Retry: give at least one retry interval.');
    }
    const onRetryFailure = options.onRetryFailure ?? FailureAction.markAsFailure();
    return new FailureAction('Retry', {
      retryCount: options.retryCount,
      retryIntervals: intervals.map(i => i.toString()),
      onRetryFailure: { action: onRetryFailure._render() },
    });
  }

  /** Pause for a person to choose (retry, ignore, abort, ...) within `timeout`. */
  public static manualIntervention(options: ManualInterventionOptions): FailureAction {
    const timeout = options.timeout.toString();
    if (!MANUAL_INTERVENTION_TIMEOUT_PATTERN.test(timeout)) {
      throw new PipelineValidationError(
        `ManualIntervention: timeout "${timeout}" must be a literal duration like "1h" or "30m" (Harness rejects expressions here).`);
    }
    const onTimeout = options.onTimeout ?? FailureAction.markAsFailure();
    return new FailureAction('ManualIntervention', { timeout, onTimeout: { action: onTimeout._render() } });
  }

  /** The action's `type` in YAML, e.g. `MarkAsFailure`. */
  public readonly actionType: string;
  private readonly spec?: { [key: string]: any };

  private constructor(actionType: string, spec?: { [key: string]: any }) {
    this.actionType = actionType;
    this.spec = spec;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    return this.spec ? { type: this.actionType, spec: this.spec } : { type: this.actionType };
  }
}

/** One failure strategy: which errors it catches and what to do about them. */
export interface FailureStrategy {
  /** The error categories this strategy handles. */
  readonly errors: FailureType[];
  /** What to do. */
  readonly action: FailureAction;
}

/** @internal */
export function renderFailureStrategies(strategies: FailureStrategy[]): { [key: string]: any }[] {
  return strategies.map(s => ({ onFailure: { errors: [...s.errors], action: s.action._render() } }));
}

/**
 * The failure strategy added to Custom stages that change FME and declare none:
 * `AllErrors → MarkAsFailure`, as Harness's FME guidance recommends, so a failed FME step fails the
 * pipeline (and kill-on-failure stages run) instead of being handled by an inherited default.
 */
export const DEFAULT_FME_STAGE_FAILURE_STRATEGY: FailureStrategy = {
  errors: [FailureType.ALL_ERRORS],
  action: FailureAction.markAsFailure(),
};
