import { Construct } from 'constructs';
import { FlagEnvironmentProps } from './flag-environment-props';
import { Problem } from '../model/problem';
import { registerParts } from './internal/parts';
import { checkProps, KILL_SWITCH_PROPS } from './internal/prop-checks';
import { addCrossConstructValidation, resolveFlagEnvironment, throwIfProblems } from './internal/validation';

/**
 * Properties of `KillSwitch`.
 */
export interface KillSwitchProps extends FlagEnvironmentProps {
  /**
   * True kills the flag (every key gets the default treatment); false restores it.
   *
   * @default true
   */
  readonly killed?: boolean;
}

/**
 * Kills (or restores) one flag in one environment. While killed, FME serves the default
 * treatment to every key, whatever the rollout plan says.
 */
export class KillSwitch extends Construct {
  /** The flag's name. */
  public readonly flagName: string;
  /** The environment. */
  public readonly environment: string;
  /** Whether the flag is killed. */
  public readonly killed: boolean;

  constructor(scope: Construct, id: string, props: KillSwitchProps) {
    super(scope, id);
    checkProps(this, KILL_SWITCH_PROPS, props);
    const problems: Problem[] = [];
    const target = resolveFlagEnvironment(props, problems);
    throwIfProblems(this, problems);
    this.flagName = target.flagName;
    this.environment = target.environment;
    this.killed = props.killed ?? true;

    registerParts(this, () => [{
      kind: 'kill',
      path: this.node.path,
      flagName: target.flagName,
      environment: target.environment,
      trafficType: target.trafficType,
      flag: target.flag,
      killed: this.killed,
    }]);
    addCrossConstructValidation(this);
  }
}
