import { Construct } from 'constructs';
import { tagErrors } from '../rules/fme-names';
import { treatmentErrors, treatmentListErrors } from '../rules/treatments';
import { addRule } from '../validation';
import { FmeFlagEnvironmentStep, FmeFlagEnvironmentStepOptions, FmeFlagStep, FmeFlagStepOptions } from './fme-step';
import { FlagAspect } from '../rules/stack-ownership';

/** A treatment and its description (`treatments:` of Flag Create / Set Treatments). */
export interface TreatmentDescription {
  /** The treatment name, e.g. `on`. Literal or expression; never a runtime input. */
  readonly treatment: string;
  /** What the treatment means. Harness requires a description. */
  readonly description: string;
}

/** Props of `FmeFlagCreate`. */
export interface FmeFlagCreateProps extends FmeFlagStepOptions {
  /**
   * The traffic type (case-sensitive), e.g. `user`.
   * @default - the flag's traffic type, when `flag` is given (required otherwise)
   */
  readonly trafficType?: string;
  /**
   * The flag's description.
   * @default - none
   */
  readonly flagDescription?: string;
  /**
   * Owners: `User:<id>`, `Group:<id>`, a bare user id or an e-mail.
   * @default - none
   */
  readonly owners?: string[];
  /**
   * Tags (at most 20, `^[a-zA-Z0-9-_:]+$`).
   * @default - none
   */
  readonly tags?: string[];
  /**
   * The treatments of the default rollout plan created in every environment (at least 2). Give
   * `treatments`, `defaultTreatment` and `baselineTreatment` together or not at all.
   * @default - FME's default treatments
   */
  readonly treatments?: TreatmentDescription[];
  /**
   * The default treatment (served when the flag is killed or nobody matches).
   * @default - none (see `treatments`)
   */
  readonly defaultTreatment?: string;
  /**
   * The baseline treatment metrics compare against.
   * @default - none (see `treatments`)
   */
  readonly baselineTreatment?: string;
}

/**
 * Flag Create (`FmeFlagCreate`): creates the flag and defines it in every environment with a default
 * rollout plan. The `addDefaultRolloutPlans: true` that Harness's FME pipelines page shows is in no Harness
 * schema and is not emitted (docs/harness-pipelines.md, the step types).
 */
export class FmeFlagCreate extends FmeFlagStep {
  private readonly props: FmeFlagCreateProps;

  constructor(scope: Construct, id: string, props: FmeFlagCreateProps) {
    super(scope, id, 'FmeFlagCreate', props);
    this.props = props;
    addRule(this, () => this.check());
  }

  private trafficType(): string | undefined {
    return this.props.trafficType ?? this.props.flag?.trafficType;
  }

  private check(): string[] {
    const p = this.props;
    const errors: string[] = [];
    if (!this.trafficType()) errors.push('[flag-create-traffic-type] give `trafficType` (or a `flag` that has one).');
    if (p.flag && p.trafficType && p.trafficType !== p.flag.trafficType) {
      errors.push(`[flag-create-traffic-type] trafficType "${p.trafficType}" differs from the flag's traffic type "${p.flag.trafficType}".`);
    }
    errors.push(...tagErrors(p.tags, 'tags'));
    const given = [p.treatments, p.defaultTreatment, p.baselineTreatment].filter(x => x !== undefined).length;
    if (given !== 0 && given !== 3) {
      errors.push('[flag-create-treatments] give treatments, defaultTreatment and baselineTreatment together, or none of them.');
    }
    if (p.treatments && p.defaultTreatment !== undefined && p.baselineTreatment !== undefined) {
      errors.push(...treatmentListErrors(
        { treatments: p.treatments.map(t => t.treatment), defaultTreatment: p.defaultTreatment, baselineTreatment: p.baselineTreatment },
        { count: 'flag-create-treatments', member: 'flag-create-treatments' }, p.flag));
    } else {
      for (const [field, value] of [['defaultTreatment', p.defaultTreatment], ['baselineTreatment', p.baselineTreatment]] as const) {
        if (value !== undefined) errors.push(...treatmentErrors(value, field, p.flag));
      }
      (p.treatments ?? []).forEach((t, i) => errors.push(...treatmentErrors(t.treatment, `treatments[${i}].treatment`, p.flag)));
    }
    return errors;
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['create'];
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    const spec: { [key: string]: any } = { name: this.flagNameValue, trafficType: this.trafficType() };
    if (p.flagDescription !== undefined) spec.description = p.flagDescription;
    if (p.owners !== undefined) spec.owners = [...p.owners];
    if (p.tags !== undefined) spec.tags = [...p.tags];
    if (p.treatments !== undefined) {
      spec.treatments = p.treatments.map(t => ({ treatment: t.treatment, description: t.description }));
    }
    if (p.defaultTreatment !== undefined) spec.defaultTreatment = p.defaultTreatment;
    if (p.baselineTreatment !== undefined) spec.baselineTreatment = p.baselineTreatment;
    return spec;
  }
}

/** Props of `FmeFlagUpdate`. */
export interface FmeFlagUpdateProps extends FmeFlagStepOptions {
  /**
   * New description.
   * @default - unchanged
   */
  readonly flagDescription?: string;
  /**
   * New rollout status, by name (e.g. `Ramping`, `Released`).
   * @default - unchanged
   */
  readonly rolloutStatus?: string;
  /**
   * New owners (replaces the list).
   * @default - unchanged
   */
  readonly owners?: string[];
  /**
   * New tags (replaces the list; at most 20).
   * @default - unchanged
   */
  readonly tags?: string[];
}

/** Flag Update (`FmeFlagUpdate`): changes flag metadata (description, rollout status, owners, tags). */
export class FmeFlagUpdate extends FmeFlagStep {
  private readonly props: FmeFlagUpdateProps;

  constructor(scope: Construct, id: string, props: FmeFlagUpdateProps) {
    super(scope, id, 'FmeFlagUpdate', props);
    this.props = props;
    addRule(this, () => tagErrors(props.tags, 'tags'));
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    const spec: { [key: string]: any } = { name: this.flagNameValue };
    if (p.flagDescription !== undefined) spec.description = p.flagDescription;
    if (p.rolloutStatus !== undefined) spec.rolloutStatus = p.rolloutStatus;
    if (p.owners !== undefined) spec.owners = [...p.owners];
    if (p.tags !== undefined) spec.tags = [...p.tags];
    return spec;
  }
}

/** Props of `FmeFlagDelete`. */
export interface FmeFlagDeleteProps extends FmeFlagStepOptions {
  /**
   * Delete the flag's definitions in every environment first.
   * @default false
   */
  readonly deleteAllDefinitions?: boolean;
}

/** Flag Delete (`FmeFlagDelete`). Prefer kill + archive in rollout pipelines. */
export class FmeFlagDelete extends FmeFlagStep {
  private readonly deleteAll?: boolean;

  constructor(scope: Construct, id: string, props: FmeFlagDeleteProps) {
    super(scope, id, 'FmeFlagDelete', props);
    this.deleteAll = props.deleteAllDefinitions;
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['remove'];
  }

  protected renderSpec(): { [key: string]: any } {
    const spec: { [key: string]: any } = { name: this.flagNameValue };
    if (this.deleteAll !== undefined) spec.deleteAllDefinitions = this.deleteAll;
    return spec;
  }
}

/** Props of `FmeFlagArchive`. */
export interface FmeFlagArchiveProps extends FmeFlagStepOptions {}

/** Flag Archive (`FmeFlagArchive`): archives the flag (SDKs then serve `control`). */
export class FmeFlagArchive extends FmeFlagStep {
  constructor(scope: Construct, id: string, props: FmeFlagArchiveProps) {
    super(scope, id, 'FmeFlagArchive', props);
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['remove'];
  }

  protected renderSpec(): { [key: string]: any } {
    return { name: this.flagNameValue };
  }
}

/** Props of `FmeFlagKill`. */
export interface FmeFlagKillProps extends FmeFlagEnvironmentStepOptions {}

/** Kill Feature Flag (`FmeFlagKill`): everyone gets the default treatment in that environment. */
export class FmeFlagKill extends FmeFlagEnvironmentStep {
  constructor(scope: Construct, id: string, props: FmeFlagKillProps) {
    super(scope, id, 'FmeFlagKill', props);
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['killed'];
  }

  protected renderSpec(): { [key: string]: any } {
    return this.flagAndEnvironment();
  }
}

/** Props of `FmeFlagRestore`. */
export interface FmeFlagRestoreProps extends FmeFlagEnvironmentStepOptions {}

/**
 * Restore Feature Flag (`FmeFlagRestore`): un-kills the flag. It does not change percentages; pair it
 * with Set Default Allocations or Limit Exposure.
 */
export class FmeFlagRestore extends FmeFlagEnvironmentStep {
  constructor(scope: Construct, id: string, props: FmeFlagRestoreProps) {
    super(scope, id, 'FmeFlagRestore', props);
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['killed'];
  }

  protected renderSpec(): { [key: string]: any } {
    return this.flagAndEnvironment();
  }
}
