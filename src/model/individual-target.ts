/**
 * Keys and segments individually targeted into one treatment.
 *
 * Individual targets are evaluated before limit exposure and targeting rules, in treatment order.
 */
export interface IndividualTarget {
  /** The treatment these keys and segments always get. */
  readonly treatment: string;

  /**
   * Traffic keys (e.g. user ids).
   *
   * @default - no keys
   */
  readonly keys?: string[];

  /**
   * Segment names whose members get the treatment.
   *
   * @default - no segments
   */
  readonly segments?: string[];
}
