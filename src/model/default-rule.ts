import { Allocation } from './allocation';
import { BucketSpec } from '../spec/resource-spec';

/**
 * What keys that match no targeting rule get: one treatment, or a percentage distribution.
 */
export class DefaultRule {
  /**
   * Serve one treatment to every key that matches no rule.
   *
   * @param treatment a declared treatment
   */
  public static serve(treatment: string): DefaultRule {
    return new DefaultRule([{ treatment, size: 100 }], `serve ${treatment}`);
  }

  /**
   * Distribute keys across treatments by percentage; the percentages sum to exactly 100.
   *
   * @param allocations e.g. `[Allocation.of('on', 50), Allocation.of('off', 50)]`
   */
  public static distribute(allocations: Allocation[]): DefaultRule {
    const list = Array.isArray(allocations) ? allocations : [];
    return new DefaultRule(list.map((a) => ({ treatment: a.treatment, size: a.percent })), 'distribution');
  }

  /** @internal the Admin API buckets. */
  public readonly _buckets: BucketSpec[];
  /** Short human-readable description. */
  public readonly description: string;

  private constructor(buckets: BucketSpec[], description: string) {
    this._buckets = buckets;
    this.description = description;
  }
}
