/**
 * A rule-based segment as the rules that refer to it see it: a matcher or an exclusion names it
 * and shares its traffic type. Plain data, so the model stays free of constructs;
 * `RuleBasedSegment` implements it.
 */
export interface IRuleBasedSegmentRef {
  /** The rule-based segment's name in FME. */
  readonly segmentName: string;
  /** The traffic type of the keys it holds (e.g. `user`). */
  readonly trafficType: string;
}
