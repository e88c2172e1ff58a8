import { Matcher } from './matcher';

/**
 * One rule of a rule-based segment: a key is in the segment when every matcher of some rule holds
 * (matchers AND-ed, rules OR-ed — how the SDK evaluates a rule-based segment: docs/fme-api.md#rule-based-segments).
 * Unlike a flag's targeting rule it serves no treatment.
 */
export class RuleBasedSegmentRule {
  /**
   * Keys for which every matcher holds are in the segment.
   *
   * @param matchers AND-ed conditions (at least one; flag dependencies are not accepted)
   */
  public static matching(matchers: Matcher[]): RuleBasedSegmentRule {
    return new RuleBasedSegmentRule(matchers);
  }

  /** The AND-ed matchers. */
  public readonly matchers: Matcher[];

  private constructor(matchers: Matcher[]) {
    this.matchers = Array.isArray(matchers) ? [...matchers] : [];
  }
}
