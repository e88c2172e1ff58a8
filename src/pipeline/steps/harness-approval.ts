import { Construct } from 'constructs';
import { HarnessDuration } from '../duration';
import { addRule } from '../validation';
import { Step, StepOptions } from './step';

/** Approve automatically at a scheduled time unless someone acted before (`autoApproval`). */
export interface AutoApproval {
  /** When to approve, in Harness's format, e.g. `2027-01-15 09:00 AM`. */
  readonly time: string;
  /** The time zone of `time` (an IANA name), e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  /**
   * The comment recorded with the automatic approval.
   * @default - none
   */
  readonly comments?: string;
}

/** Props of `HarnessApprovalStep`. */
export interface HarnessApprovalStepProps extends StepOptions {
  /** User groups whose members may approve, e.g. `account._fme_admins` or `release_managers`. */
  readonly userGroups: string[];
  /**
   * How many approvals are needed.
   * @default 1
   */
  readonly minimumCount?: number;
  /**
   * The message approvers see.
   * @default "Please review the change and approve."
   */
  readonly message?: string;
  /**
   * Show the pipeline's execution history to approvers.
   * @default true
   */
  readonly includePipelineExecutionHistory?: boolean;
  /**
   * Forbid the person who ran the pipeline from approving it.
   * @default false
   */
  readonly disallowPipelineExecutor?: boolean;
  /**
   * Auto-reject previous executions of this pipeline still waiting at this step once this one is approved
   * (`isAutoRejectEnabled`).
   * @default false
   */
  readonly autoRejectPreviousApprovals?: boolean;
  /**
   * Approve automatically at a scheduled time if nobody approved or rejected before.
   * @default - no automatic approval
   */
  readonly autoApproval?: AutoApproval;
}

/**
 * Harness Approval (`HarnessApproval`): pauses until enough members of the user groups approve.
 * FME environment approval settings do not apply to pipeline runs, so this is the approval gate for
 * FME changes made by pipelines. The step timeout defaults to 1 day.
 */
export class HarnessApprovalStep extends Step {
  private readonly props: HarnessApprovalStepProps;

  constructor(scope: Construct, id: string, props: HarnessApprovalStepProps) {
    super(scope, id, 'HarnessApproval', { ...props, timeout: props.timeout ?? HarnessDuration.days(1) });
    this.props = props;
    addRule(this, () => {
      const errors: string[] = [];
      if (props.userGroups.length === 0) errors.push('[approval-approvers] give at least one user group.');
      const min = props.minimumCount ?? 1;
      if (!Number.isInteger(min) || min < 1) errors.push(`[approval-minimum] minimumCount is ${min}; it must be a positive integer.`);
      if (props.message !== undefined && props.message.trim() === '') errors.push('[approval-message] message must not be empty.');
      const auto = props.autoApproval;
      if (auto && (auto.time.trim() === '' || auto.timeZone.trim() === '')) {
        errors.push('[approval-auto] autoApproval needs a time and a time zone (e.g. "2027-01-15 09:00 AM", "Europe/Berlin").');
      }
      return errors;
    });
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    return {
      approvalMessage: p.message ?? 'Please review the change and approve.',
      includePipelineExecutionHistory: p.includePipelineExecutionHistory ?? true,
      isAutoRejectEnabled: p.autoRejectPreviousApprovals ?? false,
      approvers: {
        userGroups: [...p.userGroups],
        minimumCount: p.minimumCount ?? 1,
        disallowPipelineExecutor: p.disallowPipelineExecutor ?? false,
      },
      approverInputs: [],
      ...(p.autoApproval !== undefined ? {
        autoApproval: {
          action: 'APPROVE',
          scheduledDeadline: { time: p.autoApproval.time, timeZone: p.autoApproval.timeZone },
          ...(p.autoApproval.comments !== undefined ? { comments: p.autoApproval.comments } : {}),
        },
      } : {}),
    };
  }
}
