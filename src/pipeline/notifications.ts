import { PipelineValidationError } from './errors';

/** Pipeline events a notification rule can fire on. */
export enum PipelineEventType {
  /** Every event. */
  ALL_EVENTS = 'AllEvents',
  /** The pipeline started. */
  PIPELINE_START = 'PipelineStart',
  /** The pipeline succeeded. */
  PIPELINE_SUCCESS = 'PipelineSuccess',
  /** The pipeline failed. */
  PIPELINE_FAILED = 'PipelineFailed',
  /** The pipeline ended, whatever the outcome. */
  PIPELINE_END = 'PipelineEnd',
  /** The pipeline paused. */
  PIPELINE_PAUSED = 'PipelinePaused',
  /** The pipeline resumed. */
  PIPELINE_RESUMED = 'PipelineResumed',
  /** A stage succeeded (see `forStages`). */
  STAGE_SUCCESS = 'StageSuccess',
  /** A stage failed (see `forStages`). */
  STAGE_FAILED = 'StageFailed',
  /** A stage started (see `forStages`). */
  STAGE_START = 'StageStart',
  /** A step failed. */
  STEP_FAILED = 'StepFailed',
  /** A trigger failed. */
  TRIGGER_FAILED = 'TriggerFailed',
  /** The pipeline waits for a person (an approval or manual intervention). */
  WAITING_FOR_USER_ACTION = 'WaitingForUserAction',
}

/** One event a notification rule listens to. */
export interface PipelineEvent {
  /** The event. */
  readonly type: PipelineEventType;
  /**
   * Stage identifiers the stage events apply to (`AllStages` for every stage).
   * @default - not set (required by Harness for stage events; set it for those)
   */
  readonly forStages?: string[];
}

/** Where a notification goes. */
export class NotificationChannel {
  /** A Slack incoming webhook (may be an expression such as `<+secrets.getValue("slackHook")>`). */
  public static slack(webhookUrl: string, userGroups?: string[]): NotificationChannel {
    return new NotificationChannel('Slack', { userGroups: userGroups ?? [], webhookUrl });
  }

  /** E-mail to addresses and/or Harness user groups. */
  public static email(recipients: string[], userGroups?: string[]): NotificationChannel {
    if (recipients.length === 0 && (userGroups ?? []).length === 0) {
      throw new PipelineValidationError('Email notification: give at least one recipient or user group.');
    }
    return new NotificationChannel('Email', { userGroups: userGroups ?? [], recipients });
  }

  /** Microsoft Teams webhooks. */
  public static msTeams(webhookUrls: string[], userGroups?: string[]): NotificationChannel {
    return new NotificationChannel('MsTeams', { userGroups: userGroups ?? [], msTeamKeys: webhookUrls });
  }

  /** A PagerDuty integration key. */
  public static pagerDuty(integrationKey: string, userGroups?: string[]): NotificationChannel {
    return new NotificationChannel('PagerDuty', { userGroups: userGroups ?? [], integrationKey });
  }

  /** A generic webhook. */
  public static webhook(url: string): NotificationChannel {
    return new NotificationChannel('Webhook', { webhookUrl: url });
  }

  private constructor(private readonly type: string, private readonly spec: { [key: string]: any }) {}

  /** @internal */
  public _render(): { [key: string]: any } {
    return { type: this.type, spec: this.spec };
  }
}

/** A pipeline notification rule (`notificationRules:`). */
export interface NotificationRule {
  /** The rule's name. */
  readonly name: string;
  /** The events that trigger it. */
  readonly events: PipelineEvent[];
  /** Where to send it. */
  readonly channel: NotificationChannel;
  /**
   * Whether the rule is active.
   * @default true
   */
  readonly enabled?: boolean;
}

/** @internal */
export function renderNotificationRule(rule: NotificationRule): { [key: string]: any } {
  return {
    name: rule.name,
    identifier: rule.name.replace(/[^0-9a-zA-Z_]/g, '_'),
    pipelineEvents: rule.events.map(e => (e.forStages ? { type: e.type, forStages: [...e.forStages] } : { type: e.type })),
    notificationMethod: rule.channel._render(),
    enabled: rule.enabled ?? true,
  };
}
