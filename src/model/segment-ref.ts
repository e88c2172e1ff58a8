/**
 * A standard segment as the rules that refer to it see it (a rule-based segment's exclusion):
 * plain data, so the model stays free of constructs; `Segment` implements it.
 */
export interface ISegmentRef {
  /** The segment's name in FME. */
  readonly segmentName: string;
  /** The traffic type of its keys (e.g. `user`). */
  readonly trafficType: string;
}
