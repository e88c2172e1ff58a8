import { Construct } from 'constructs';
import { stackIdProblems } from '../model/ownership';
import { ISegmentRef } from '../model/segment-ref';
import { registerParts } from './internal/parts';
import { checkProps, SEGMENT_PROPS } from './internal/prop-checks';
import { addCrossConstructValidation, throwIfProblems } from './internal/validation';
import { RemovalPolicy } from './policies';
import { environmentProblems, segmentNameProblems, trafficTypeProblems } from '../model/rules/names';
import { segmentKeyProblems } from '../model/rules/segment-keys';


/**
 * The keys of a segment in one environment.
 */
export interface SegmentEnvironmentKeys {
  /** FME environment name or id. */
  readonly environment: string;
  /** The segment's keys in that environment (the list replaces the live one). */
  readonly keys: string[];
}

/**
 * Properties of `Segment`.
 */
export interface SegmentProps {
  /** Segment name: a letter first, then letters, digits, `-` or `_`. */
  readonly segmentName: string;

  /**
   * Traffic type of the segment's keys.
   *
   * @default 'user'
   */
  readonly trafficType?: string;

  /**
   * Description shown in FME.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The segment's keys per environment.
   *
   * @default - the segment is not configured in any environment (add some with `setKeys`)
   */
  readonly environmentKeys?: SegmentEnvironmentKeys[];

  /**
   * What happens to the segment in FME when it leaves the code or the stack is destroyed.
   *
   * @default - the `FmeConfig`'s removal policy
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Id of the stack that owns this segment now, when it moves to this stack (explicit transfer).
   * Without it, a deploy that finds the segment owned by another stack fails and changes nothing.
   * See `FmeConfig.stackId` and the README's lifecycle table.
   *
   * @default - no transfer (the stack-wide `FmeConfig` `transferFrom` still applies)
   */
  readonly transferFrom?: string;
}

/**
 * A standard segment owned by this stack, with its keys per environment (set mode: the live key
 * list is replaced by the code's).
 */
export class Segment extends Construct implements ISegmentRef {
  /** The segment's name in FME. */
  public readonly segmentName: string;
  /** The traffic type of the segment's keys. */
  public readonly trafficType: string;
  private readonly keys = new Map<string, string[]>();

  constructor(scope: Construct, id: string, props: SegmentProps) {
    super(scope, id);
    checkProps(this, SEGMENT_PROPS, props);
    this.segmentName = props.segmentName;
    this.trafficType = props.trafficType ?? 'user';
    throwIfProblems(this, [
      ...segmentNameProblems(this.segmentName),
      ...trafficTypeProblems(this.trafficType),
      ...(props.transferFrom !== undefined ? stackIdProblems(props.transferFrom, false) : []),
    ]);
    for (const e of props.environmentKeys ?? []) this.setKeys(e.environment, e.keys);

    registerParts(this, () => [{
      kind: 'segment',
      path: this.node.path,
      segmentName: this.segmentName,
      trafficType: this.trafficType,
      description: props.description,
      keys: new Map(this.keys),
      removalPolicy: props.removalPolicy,
      transferFrom: props.transferFrom,
    }]);
    addCrossConstructValidation(this);
  }

  /**
   * Sets the segment's keys in an environment (replacing what an earlier call set).
   *
   * @param environment FME environment name or id
   * @param keys the keys (at most 100,000)
   */
  public setKeys(environment: string, keys: string[]): void {
    throwIfProblems(this, [...environmentProblems(environment), ...segmentKeyProblems(environment, keys)]);
    this.keys.set(environment, [...keys]);
  }
}
