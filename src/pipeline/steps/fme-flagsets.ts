import { Construct } from 'constructs';
import { fmeNameErrors } from '../rules/fme-names';
import { FlagSetStepChange } from '../rules/stack-flag-sets';
import { FlagAspect } from '../rules/stack-ownership';
import { addRule } from '../validation';
import { FmeFlagEnvironmentStep, FmeFlagEnvironmentStepOptions } from './fme-step';
import { Step, StepOptions } from './step';

/** Props of `FmeFlagsetCreate`. */
export interface FmeFlagsetCreateProps extends StepOptions {
  /** The flag set's name (`^[a-zA-Z][-_a-zA-Z0-9]*$`) or an expression. */
  readonly flagsetName: string;
  /**
   * The flag set's description.
   * @default - none
   */
  readonly flagsetDescription?: string;
}

/** Flag Set Create (`FmeFlagsetCreate`). */
export class FmeFlagsetCreate extends Step {
  private readonly props: FmeFlagsetCreateProps;

  constructor(scope: Construct, id: string, props: FmeFlagsetCreateProps) {
    super(scope, id, 'FmeFlagsetCreate', props);
    this.props = props;
    addRule(this, () => fmeNameErrors(props.flagsetName, 'flag set name'));
  }

  protected renderSpec(): { [key: string]: any } {
    const spec: { [key: string]: any } = { name: this.props.flagsetName };
    if (this.props.flagsetDescription !== undefined) spec.description = this.props.flagsetDescription;
    return spec;
  }

  /** @internal */
  public _changesFme(): boolean {
    return true;
  }

  /** The step's change, for the flag-set ownership check (rules/stack-flag-sets.ts). @internal */
  public _flagSetChange(): FlagSetStepChange {
    return { path: this.node.path, stepType: this.stepType, flagSetName: this.props.flagsetName, action: 'create' };
  }
}

/** Props of `FmeFlagsetDelete`. */
export interface FmeFlagsetDeleteProps extends StepOptions {
  /** The flag set's name or an expression. */
  readonly flagsetName: string;
}

/** Flag Set Delete (`FmeFlagsetDelete`). */
export class FmeFlagsetDelete extends Step {
  private readonly flagsetName: string;

  constructor(scope: Construct, id: string, props: FmeFlagsetDeleteProps) {
    super(scope, id, 'FmeFlagsetDelete', props);
    this.flagsetName = props.flagsetName;
    addRule(this, () => fmeNameErrors(props.flagsetName, 'flag set name'));
  }

  protected renderSpec(): { [key: string]: any } {
    return { name: this.flagsetName };
  }

  /** @internal */
  public _changesFme(): boolean {
    return true;
  }

  /** The step's change, for the flag-set ownership check (rules/stack-flag-sets.ts). @internal */
  public _flagSetChange(): FlagSetStepChange {
    return { path: this.node.path, stepType: this.stepType, flagSetName: this.flagsetName, action: 'delete' };
  }
}

/** Props of `FmeFlagAddRemoveFlagsets`. */
export interface FmeFlagAddRemoveFlagsetsProps extends FmeFlagEnvironmentStepOptions {
  /**
   * Flag sets to add the flag to.
   * @default []
   */
  readonly addFlagsets?: string[];
  /**
   * Flag sets to remove the flag from.
   * @default []
   */
  readonly removeFlagsets?: string[];
}

/** Flag Add/Remove Flag Sets (`FmeFlagAddRemoveFlagsets`). */
export class FmeFlagAddRemoveFlagsets extends FmeFlagEnvironmentStep {
  private readonly props: FmeFlagAddRemoveFlagsetsProps;

  constructor(scope: Construct, id: string, props: FmeFlagAddRemoveFlagsetsProps) {
    super(scope, id, 'FmeFlagAddRemoveFlagsets', props);
    this.props = props;
    addRule(this, () => ((props.addFlagsets ?? []).length + (props.removeFlagsets ?? []).length === 0
      ? ['[flagsets-empty] give at least one flag set in addFlagsets or removeFlagsets (Harness fails the step otherwise).'] : []));
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['flag-sets'];
  }

  protected renderSpec(): { [key: string]: any } {
    return {
      ...this.flagAndEnvironment(),
      addFlagsets: [...(this.props.addFlagsets ?? [])],
      removeFlagsets: [...(this.props.removeFlagsets ?? [])],
    };
  }
}
