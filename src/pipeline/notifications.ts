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
  /**
   * The rule's Harness identifier (`^[a-zA-Z_][0-9a-zA-Z_]{0,127}$`), unique among the pipeline's rules.
   * @default - the name with every character other than a letter, digit or `_` replaced by `_`
   */
  readonly identifier?: string;
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
    identifier: notificationIdentifier(rule),
    pipelineEvents: rule.events.map(e => (e.forStages ? { type: e.type, forStages: [...e.forStages] } : { type: e.type })),
    notificationMethod: rule.channel._render(),
    enabled: rule.enabled ?? true,
  };
}

/** The identifier a notification rule gets: its own, or one derived from its name. @internal */
export function notificationIdentifier(rule: NotificationRule): string {
  return rule.identifier ?? rule.name.replace(/[^0-9a-zA-Z_]/g, '_');
}

/** Events that concern stages and need `forStages` (Harness asks which stages). */
const STAGE_EVENTS: string[] = [PipelineEventType.STAGE_START, PipelineEventType.STAGE_SUCCESS, PipelineEventType.STAGE_FAILED];

/**
 * Rules `notification-identifier` and `notification-for-stages`: a rule's identifier (given, or
 * derived from its name: `1st failure` → `1st_failure`) matches the identifier pattern and is unique;
 * stage events name the stages they apply to (`forStages`: stage identifiers of the pipeline, or
 * `AllStages`).
 *
 * @internal
 */
export function notificationRuleErrors(rules: NotificationRule[], stageIdentifiers: string[], identifierPattern: RegExp): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const id = notificationIdentifier(rule);
    if (!identifierPattern.test(id)) {
      errors.push(`[notification-identifier] notification rule "${rule.name}" gets the identifier "${id}", which does not match `
        + `${identifierPattern.source}; give it an \`identifier\` (a letter or _, then letters, digits or _).`);
    }
    if (seen.has(id)) errors.push(`[notification-identifier] two notification rules have the identifier "${id}"; give one another \`identifier\`.`);
    seen.add(id);
    for (const event of rule.events) {
      if (!STAGE_EVENTS.includes(event.type)) continue;
      if (!event.forStages || event.forStages.length === 0) {
        errors.push(`[notification-for-stages] notification rule "${rule.name}": the ${event.type} event needs \`forStages\` `
          + '(stage identifiers, or ["AllStages"]).');
        continue;
      }
      for (const stage of event.forStages.filter(s => s !== 'AllStages' && !stageIdentifiers.includes(s))) {
        errors.push(`[notification-for-stages] notification rule "${rule.name}" names stage "${stage}", which is not a stage of this pipeline `
          + `(stages: ${stageIdentifiers.join(', ') || 'none'}; or use "AllStages").`);
      }
    }
  }
  return errors;
}
