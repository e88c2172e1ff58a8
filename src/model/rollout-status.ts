/**
 * A flag's rollout status (FME resolves the name to an id in the workspace).
 */
export class RolloutStatus {
  /** Not yet released (FME's status for new flags). */
  public static readonly PRE_PRODUCTION = new RolloutStatus('Pre-Production');
  /** Being rolled out progressively. */
  public static readonly RAMPING = new RolloutStatus('Ramping');
  /** Running an experiment. */
  public static readonly EXPERIMENTING = new RolloutStatus('Experimenting');
  /** Killed. */
  public static readonly KILLED = new RolloutStatus('Killed');
  /** Fully rolled out and kept permanently. */
  public static readonly PERMANENT = new RolloutStatus('Permanent');

  /**
   * A status by its name in the workspace, e.g. a custom status.
   *
   * @param name the status name exactly as FME shows it
   */
  public static named(name: string): RolloutStatus {
    return new RolloutStatus(name);
  }

  /** The status name. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}
