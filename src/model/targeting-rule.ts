import { Allocation } from './allocation';
import { Matcher } from './matcher';
import { BucketSpec } from '../spec/resource-spec';

/**
 * An if/else-if targeting rule: when every matcher holds (AND), serve a treatment or distribute
 * keys by percentage. Rules are evaluated in order; the first match wins.
 */
export class TargetingRule {
  /**
   * Serve one treatment to keys matching every matcher.
   *
   * @param treatment a declared treatment
   * @param matchers AND-ed conditions (at least one)
   */
  public static serve(treatment: string, matchers: Matcher[]): TargetingRule {
    return new TargetingRule(matchers, [{ treatment, size: 100 }]);
  }

  /**
   * Distribute keys matching every matcher across treatments; the percentages sum to exactly 100.
   *
   * @param allocations e.g. `[Allocation.of('on', 20), Allocation.of('off', 80)]`
   * @param matchers AND-ed conditions (at least one)
   */
  public static distribute(allocations: Allocation[], matchers: Matcher[]): TargetingRule {
    const list = Array.isArray(allocations) ? allocations : [];
    return new TargetingRule(matchers, list.map((a) => ({ treatment: a.treatment, size: a.percent })));
  }

  /** The AND-ed matchers. */
  public readonly matchers: Matcher[];
  /** @internal the Admin API buckets. */
  public readonly _buckets: BucketSpec[];

  private constructor(matchers: Matcher[], buckets: BucketSpec[]) {
    this.matchers = Array.isArray(matchers) ? [...matchers] : [];
    this._buckets = buckets;
  }
}
