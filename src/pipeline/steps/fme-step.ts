import { Construct } from 'constructs';
import { IFlagRef } from '../../model/flag-ref';
import { environmentErrors, fmeNameErrors } from '../rules/fme-names';
import { FlagAspect, FlagStepChange } from '../rules/stack-ownership';
import { addRule } from '../validation';
import { Step, StepOptions } from './step';

/** Options of steps that act on one feature flag. Give exactly one of `flag` and `flagName`. */
export interface FmeFlagStepOptions extends StepOptions {
  /**
   * The flag, as declared in this app (e.g. a `FeatureFlag` construct, or any `IFlagRef`). Treatment
   * names in the step are then checked against the flag's treatments at synth time.
   * @default - use `flagName`
   */
  readonly flag?: IFlagRef;
  /**
   * The flag's name, or an expression such as `<+pipeline.variables.flagName>`.
   * @default - use `flag`
   */
  readonly flagName?: string;
}

/** Options of steps that act on one feature flag in one FME environment. */
export interface FmeFlagEnvironmentStepOptions extends FmeFlagStepOptions {
  /** The FME environment's name or id (e.g. `Production`), or an expression. */
  readonly environment: string;
}

/** Base of the FME steps that name one flag. */
export abstract class FmeFlagStep extends Step {
  /** The flag, when the step was given one. */
  public readonly flag?: IFlagRef;
  /** The flag name written to YAML (the flag's name, or `flagName`). */
  public readonly flagNameValue: string;

  protected constructor(scope: Construct, id: string, stepType: string, options: FmeFlagStepOptions) {
    super(scope, id, stepType, options);
    this.flag = options.flag;
    this.flagNameValue = options.flag?.flagName ?? options.flagName ?? '';
    addRule(this, () => {
      if ((options.flag === undefined) === (options.flagName === undefined)) {
        return ['[flag-reference] give exactly one of `flag` (a FeatureFlag construct) and `flagName` (a name or expression).'];
      }
      return fmeNameErrors(this.flagNameValue, 'flag name');
    });
  }

  /** @internal */
  public _changesFme(): boolean {
    return true;
  }

  /** What the step changes on its flag, for the stack-ownership check. Flag-level steps: the metadata. @internal */
  public _flagAspects(): FlagAspect[] {
    return ['metadata'];
  }

  /** The step's change, for the stack-ownership check. @internal */
  public _flagChange(): FlagStepChange {
    return { path: this.node.path, stepType: this.stepType, flagName: this.flagNameValue, aspects: this._flagAspects() };
  }
}

/** Base of the FME steps that act on one flag in one environment. */
export abstract class FmeFlagEnvironmentStep extends FmeFlagStep {
  /** The FME environment. */
  public readonly environment: string;

  protected constructor(scope: Construct, id: string, stepType: string, options: FmeFlagEnvironmentStepOptions) {
    super(scope, id, stepType, options);
    this.environment = options.environment;
    addRule(this, () => environmentErrors(this.environment));
  }

  /** Per-environment steps change the definition there; subclasses name the part. @internal */
  public _flagAspects(): FlagAspect[] {
    return ['definition'];
  }

  /** @internal */
  public _flagChange(): FlagStepChange {
    return { ...super._flagChange(), environment: this.environment };
  }

  /** `flagName` and `environment`, the first two spec fields of every per-environment step. */
  protected flagAndEnvironment(): { [key: string]: any } {
    return { flagName: this.flagNameValue, environment: this.environment };
  }
}
