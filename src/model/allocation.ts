/**
 * A share of traffic (a whole percentage) given to one treatment, used in percentage distributions.
 */
export class Allocation {
  /**
   * @param treatment the treatment name
   * @param percent whole number 0..100; the allocations of one distribution sum to 100
   */
  public static of(treatment: string, percent: number): Allocation {
    return new Allocation(treatment, percent);
  }

  /** The treatment name. */
  public readonly treatment: string;
  /** Whole percentage 0..100. */
  public readonly percent: number;

  private constructor(treatment: string, percent: number) {
    this.treatment = treatment;
    this.percent = percent;
  }
}
