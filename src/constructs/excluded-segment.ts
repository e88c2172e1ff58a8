import { IRuleBasedSegmentRef } from '../model/rule-based-segment-ref';
import { ISegmentRef } from '../model/segment-ref';

/**
 * A segment whose keys a rule-based segment leaves out, whatever its rules say: a standard
 * `Segment` or another rule-based segment, given as a construct of this app or by name.
 */
export class ExcludedSegment {
  /** A standard segment declared in this app (checked at synth: traffic type, environments). */
  public static standard(segment: ISegmentRef): ExcludedSegment {
    return new ExcludedSegment(segment?.segmentName, 'standard', segment?.trafficType);
  }

  /** A standard segment managed elsewhere, by name. */
  public static standardNamed(segmentName: string): ExcludedSegment {
    return new ExcludedSegment(segmentName, 'standard', undefined);
  }

  /** A rule-based segment declared in this app (checked at synth: traffic type, environments, cycles). */
  public static ruleBased(segment: IRuleBasedSegmentRef): ExcludedSegment {
    return new ExcludedSegment(segment?.segmentName, 'ruleBased', segment?.trafficType);
  }

  /** A rule-based segment managed elsewhere, by name. */
  public static ruleBasedNamed(segmentName: string): ExcludedSegment {
    return new ExcludedSegment(segmentName, 'ruleBased', undefined);
  }

  /** The excluded segment's name. */
  public readonly segmentName: string;
  /** @internal `standard` or `ruleBased`. */
  public readonly _kind: 'standard' | 'ruleBased';
  /** @internal known when given as a construct. */
  public readonly _trafficType?: string;

  private constructor(segmentName: string, kind: 'standard' | 'ruleBased', trafficType: string | undefined) {
    this.segmentName = segmentName;
    this._kind = kind;
    this._trafficType = trafficType;
  }
}
