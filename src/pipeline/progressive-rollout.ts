import { Construct } from 'constructs';
import { ExecutionStatus } from './conditions';
import { HarnessDuration } from './duration';
import { FailureAction, FailureType } from './failure-strategy';
import { NotificationRule } from './notifications';
import { FmePipeline } from './pipeline';
import { CustomStage } from './stage';
import { Allocation } from '../model/allocation';
import { IFlagRef } from '../model/flag-ref';
import { rampErrors } from './rules/ramp';
import { DefinitionInstruction, FmeFlagDefinitionInstructions } from './steps/fme-definition-instructions';
import { FmeFlagKill, FmeFlagRestore } from './steps/fme-flag-lifecycle';
import { FmeMetricCheck } from './steps/fme-metric-check';
import { FmeFlagDefaultAllocation } from './steps/fme-traffic';
import { HarnessApprovalStep } from './steps/harness-approval';
import { WaitStep } from './steps/wait';
import { PipelineStorage } from './storage';
import { addRule } from './validation';

/** A metric gate run after each wait of a progressive rollout. */
export interface RolloutMetricCheck {
  /** FME metric ids to evaluate. */
  readonly metricIds: string[];
  /** JEXL condition that fails the rollout when true, e.g. `<+metrics.error_rate> > 0.02`. */
  readonly failureCondition: string;
  /**
   * How far back each check looks.
   * @default - the wait between steps
   */
  readonly lookbackWindow?: HarnessDuration;
}

/** Props of `ProgressiveRollout`. */
export interface ProgressiveRolloutProps {
  /** The pipeline's name in Harness. */
  readonly name: string;
  /**
   * The pipeline identifier.
   * @default - the construct id
   */
  readonly identifier?: string;
  /** The Harness organization identifier. */
  readonly orgIdentifier: string;
  /** The Harness project identifier. */
  readonly projectIdentifier: string;
  /**
   * The flag to roll out (its treatments are checked at synth time). Give exactly one of `flag` and `flagName`.
   * @default - use `flagName`
   */
  readonly flag?: IFlagRef;
  /**
   * The flag's name or an expression.
   * @default - use `flag`
   */
  readonly flagName?: string;
  /** The FME environment to roll out in, e.g. `Production`. */
  readonly environment: string;
  /**
   * The treatment being rolled out.
   * @default "on"
   */
  readonly onTreatment?: string;
  /**
   * The treatment everyone else gets.
   * @default "off"
   */
  readonly offTreatment?: string;
  /**
   * The ramp: the percentage of traffic on `onTreatment` at each step, strictly increasing.
   * @default [1, 10, 50, 100]
   */
  readonly percentages?: number[];
  /**
   * How long to wait after each step before the next (not after the last).
   * @default HarnessDuration.minutes(30)
   */
  readonly waitBetweenSteps?: HarnessDuration;
  /**
   * User groups that must approve each increase after the first step. No approval gates when unset.
   * @default - no approvals
   */
  readonly approverUserGroups?: string[];
  /**
   * A metric check after each wait; a failing check fails the pipeline, which kills the flag.
   * @default - no metric checks
   */
  readonly metricCheck?: RolloutMetricCheck;
  /**
   * Timeout of each FME step.
   * @default HarnessDuration.minutes(5)
   */
  readonly stepTimeout?: HarnessDuration;
  /**
   * Pipeline description.
   * @default - a generated summary of the ramp
   */
  readonly description?: string;
  /**
   * Pipeline tags.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
  /**
   * Notification rules.
   * @default - none
   */
  readonly notificationRules?: NotificationRule[];
  /**
   * Inline or remote storage.
   * @default PipelineStorage.inline()
   */
  readonly storage?: PipelineStorage;
  /**
   * Also write the YAML here (relative to the app's working directory).
   * @default - only the synth output folder
   */
  readonly repositoryPath?: string;
  /**
   * Un-kill the flag (`FmeFlagRestore`) right after the first ramp step has set the first percentage,
   * so a re-run after a kill starts the ramp from that percentage instead of leaving the flag killed
   * while the ramp steps succeed. The allocation is written first, so the flag comes back at the first
   * percentage, not at whatever it served before the kill.
   * @default true
   */
  readonly restoreKilledFlag?: boolean;
  /**
   * Create the flag's definition in the environment when it has none (a flag the stack just created
   * has none in any environment): the first ramp step is then Flag Definition Instructions with a
   * default definition (the flag's treatments, `offTreatment` as default and baseline) instead of Set
   * Default Allocations. Harness runs that step only where its feature flag
   * `FME_FLAG_DEFINITION_INSTRUCTIONS` is on.
   * @default false - the environment must already have a definition
   */
  readonly createDefinitionIfMissing?: boolean;
  /**
   * Deploy the pipeline with the stack (`FmePipeline`'s `deployWithStack`).
   * @default false
   */
  readonly deployWithStack?: boolean;
  /**
   * The `harness/harness` provider version (`FmePipeline`'s `harnessProviderVersion`).
   * @default "0.45.1"
   */
  readonly harnessProviderVersion?: string;
  /**
   * Accept changes to what the same stack manages, as warnings (`FmePipeline`'s `allowStackManagedChanges`).
   * @default false
   */
  readonly allowStackManagedChanges?: boolean;
}

/**
 * The most common FME pipeline: progressive rollout of one flag in one environment.
 *
 * Stage `rollout` sets the default allocation to each percentage in turn (1 → 10 → 50 → 100 by
 * default), restores the flag after the first step (a re-run after a kill starts again), waits (and
 * optionally checks metrics) after each step, and optionally asks for approval before each increase.
 *
 * | what happens | pipeline | flag |
 * |---|---|---|
 * | a ramp step, wait or approval succeeds | goes on | at the step's percentage |
 * | an approval is rejected or expires | aborted; `kill_on_failure` does not run | stays at the last percentage |
 * | an FME step or metric check fails | fails; `kill_on_failure` runs | killed (everyone gets the default treatment) |
 * | re-run after a kill | starts over | first percentage, then un-killed (`restore`) |
 */
export class ProgressiveRollout extends Construct {
  /** The generated pipeline (add stages or read `toYaml()`). */
  public readonly pipeline: FmePipeline;
  /** The ramp stage. */
  public readonly rolloutStage: CustomStage;
  /** The kill-on-failure stage. */
  public readonly killStage: CustomStage;

  constructor(scope: Construct, id: string, props: ProgressiveRolloutProps) {
    super(scope, id);
    const percentages = props.percentages ?? [1, 10, 50, 100];
    const on = props.onTreatment ?? 'on';
    const off = props.offTreatment ?? 'off';
    const wait = props.waitBetweenSteps ?? HarnessDuration.minutes(30);
    const timeout = props.stepTimeout ?? HarnessDuration.minutes(5);
    const flagRef = { flag: props.flag, flagName: props.flagName };
    this.pipeline = new FmePipeline(this, 'Pipeline', {
      name: props.name,
      identifier: props.identifier ?? id,
      orgIdentifier: props.orgIdentifier,
      projectIdentifier: props.projectIdentifier,
      description: props.description ?? `Progressive rollout of ${props.flag?.flagName ?? props.flagName} in ${props.environment}: ${percentages.join(' → ')}%`,
      tags: props.tags,
      notificationRules: props.notificationRules,
      storage: props.storage,
      repositoryPath: props.repositoryPath,
      deployWithStack: props.deployWithStack,
      harnessProviderVersion: props.harnessProviderVersion,
      allowStackManagedChanges: props.allowStackManagedChanges,
    });
    // On the pipeline, so `toYaml()` refuses a bad ramp too.
    addRule(this.pipeline, () => rampErrors(percentages));

    this.rolloutStage = new CustomStage(this.pipeline, 'rollout', { name: 'Rollout' });
    percentages.forEach((pct, i) => {
      if (i > 0 && props.approverUserGroups) {
        new HarnessApprovalStep(this.rolloutStage, `approve_${pct}`, {
          name: `Approve ${pct} percent`,
          userGroups: props.approverUserGroups,
          message: `Approve raising ${on} from ${percentages[i - 1]}% to ${pct}% in ${props.environment}.`,
          // "No" (or no answer in time) stops the ramp where it is. Abort, not a failure: an aborted
          // pipeline runs no further stage, so kill_on_failure does not undo the earlier percentages.
          failureStrategies: [{ errors: [FailureType.APPROVAL_REJECTION, FailureType.TIMEOUT], action: FailureAction.abort() }],
        });
      }
      const allocation = [Allocation.of(on, pct), Allocation.of(off, 100 - pct)];
      if (i === 0 && props.createDefinitionIfMissing) {
        // One step that creates the definition where there is none, then sets the first percentage.
        const treatments = props.flag?.treatmentNames ?? [on, off];
        new FmeFlagDefinitionInstructions(this.rolloutStage, `ramp_${pct}`, {
          ...flagRef,
          name: `Ramp to ${pct} percent`,
          environment: props.environment,
          timeout,
          defaultDefinition: {
            treatments: treatments.map(t => ({ treatment: t, description: `treatment ${t}` })),
            defaultTreatment: off,
            baselineTreatment: off,
          },
          instructions: [DefinitionInstruction.defaultAllocations(allocation)],
        });
      } else {
        new FmeFlagDefaultAllocation(this.rolloutStage, `ramp_${pct}`, {
          ...flagRef, name: `Ramp to ${pct} percent`, environment: props.environment, timeout, allocation,
        });
      }
      if (i === 0 && (props.restoreKilledFlag ?? true)) {
        new FmeFlagRestore(this.rolloutStage, 'restore', { ...flagRef, name: 'Restore flag', environment: props.environment, timeout });
      }
      if (i < percentages.length - 1) {
        new WaitStep(this.rolloutStage, `wait_after_${pct}`, { name: `Wait after ${pct} percent`, duration: wait });
        if (props.metricCheck) {
          new FmeMetricCheck(this.rolloutStage, `check_${pct}`, {
            ...flagRef,
            name: `Check metrics at ${pct} percent`,
            environment: props.environment,
            timeout,
            metricIds: props.metricCheck.metricIds,
            failureCondition: props.metricCheck.failureCondition,
            lookbackWindow: props.metricCheck.lookbackWindow ?? wait,
          });
        }
      }
    });

    this.killStage = new CustomStage(this.pipeline, 'kill_on_failure', {
      name: 'Kill on failure',
      when: { pipelineStatus: ExecutionStatus.FAILURE },
    });
    new FmeFlagKill(this.killStage, 'kill', { ...flagRef, name: 'Kill flag', environment: props.environment, timeout });
  }
}
