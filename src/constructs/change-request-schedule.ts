/**
 * When the change requests of an approval-gated environment run once approved
 * (docs/fme-api.md#scheduled-change-requests): FME holds an approved request until that instant.
 * Made with `ChangeRequestSchedule.at(...)`; set per environment with `FmeEnvironmentOptions.schedule`.
 *
 * A fixed instant in code is a release date: every change request the stack submits in that
 * environment while the schedule is in the code carries it. Remove it (or move it) once the
 * release has happened; a date already past at synth is a warning, and FME then runs the request as
 * soon as it is approved.
 *
 * @example
 * new FmeConfig(stack, 'Fme', {
 *   approvalEnvironments: ['Production'],
 *   environmentOptions: { Production: { schedule: ChangeRequestSchedule.at(new Date('2027-03-01T08:00:00Z'), 'Europe/Berlin') } },
 * });
 */
export class ChangeRequestSchedule {
  /**
   * Run approved change requests at `date`.
   *
   * @param date the instant the approved change runs (an absolute point in time)
   * @param timeZone IANA time zone FME shows the instant in (e.g. `Europe/Berlin`); display only,
   * it does not move the instant. Default: FME shows UTC.
   */
  public static at(date: Date, timeZone?: string): ChangeRequestSchedule {
    return new ChangeRequestSchedule(date instanceof Date ? date.getTime() : Number.NaN, timeZone);
  }

  /** The instant, in milliseconds since the epoch (`NaN` for an invalid date: a synth error). */
  public readonly scheduledFor: number;
  /** The IANA time zone FME shows the instant in; undefined: UTC. */
  public readonly timeZone?: string;

  private constructor(scheduledFor: number, timeZone?: string) {
    this.scheduledFor = scheduledFor;
    this.timeZone = timeZone;
  }
}
